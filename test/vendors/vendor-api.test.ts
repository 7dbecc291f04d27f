import { describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/test-app.ts";

type Json = Record<string, unknown>;

async function api(
  t: TestApp,
  headers: Record<string, string>,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await t.app.request(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : null) as Json & {
      error?: { code: string; details?: { path: string; message: string }[] };
    },
  };
}

const payroll = {
  purpose: "Monthly payroll and sick-leave administration for our employees",
  legalBasis: "legal_obligation",
  dataCategories: ["identity", "financial", "health"],
  art9Condition: "employment_social_security",
  dataSubjects: ["employees"],
  subjectCount: 50_000,
  retention: "7 years after employment ends",
  frequency: "continuous",
  access: "stores",
  locations: [{ country: "DE", mechanism: "adequacy" }],
};

describe("vendor register API", () => {
  it("procurement creates a vendor with contacts; anyone signed in can read it", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const created = await api(t, proc, "POST", "/api/v1/vendors", {
      name: "Müller GmbH",
      legalName: "Müller Lohnbuchhaltung GmbH",
      country: "DE",
      website: "https://mueller.example",
      businessCriticality: "medium",
      contacts: [{ name: "Eva Müller", email: "Eva@Mueller.example", role: "privacy" }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Müller GmbH",
      status: "intake",
      tier: "low",
      contacts: [{ email: "eva@mueller.example", role: "privacy" }],
    });
    const viewer = await t.bearer("viewer");
    const read = await api(t, viewer, "GET", `/api/v1/vendors/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.legalName).toBe("Müller Lohnbuchhaltung GmbH");
    expect(
      (
        await api(t, viewer, "POST", "/api/v1/vendors", {
          name: "X",
          country: "DE",
          businessCriticality: "low",
        })
      ).status,
    ).toBe(403);
  });

  it("bad input is a 400 with every field path, and nothing is stored", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const res = await api(t, proc, "POST", "/api/v1/vendors", {
      name: "",
      country: "XX",
      businessCriticality: "extreme",
      website: "javascript:alert(1)",
      extra: 1,
    });
    expect(res.status).toBe(400);
    const paths = res.body.error?.details?.map((d) => d.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(["name", "country", "businessCriticality", "website"]));
    expect(t.sqlite.prepare("select count(*) as n from vendors").get()).toEqual({ n: 0 });
    expect((await api(t, proc, "GET", "/api/v1/vendors/nope")).status).toBe(404);
  });

  it("special category data needs an Art. 9(2) condition; recording it raises the tier with reasons", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const v = (
      await api(t, proc, "POST", "/api/v1/vendors", {
        name: "PayCo",
        country: "DE",
        businessCriticality: "medium",
      })
    ).body;
    const { art9Condition: _omit, ...withoutCondition } = payroll;
    const refused = await api(t, proc, "POST", `/api/v1/vendors/${v.id}/processing`, withoutCondition);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.details?.[0]).toMatchObject({ path: "art9Condition" });
    expect(t.sqlite.prepare("select count(*) as n from processing_records").get()).toEqual({ n: 0 });

    const ok = await api(t, proc, "POST", `/api/v1/vendors/${v.id}/processing`, payroll);
    expect(ok.status).toBe(201);
    const risk = (await api(t, proc, "GET", `/api/v1/vendors/${v.id}/risk`)).body as Json & {
      reasons: { text: string }[];
      history: Json[];
    };
    expect(risk.tier).not.toBe("low");
    expect(risk.reasons.map((r) => r.text)).toEqual(
      expect.arrayContaining(["special category data: health", "50,000 data subjects"]),
    );
    expect(risk.history[0]).toMatchObject({ previousTier: "low", reason: "data-sharing record added" });
    expect(risk.recommendedQuestionnaire).toMatch(/^vendor-security-/);
    expect(typeof risk.reassessmentMonths).toBe("number");
  });

  it("a register change that raises the tier of a vendor under review marks it for reassessment", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const v = (
      await api(t, proc, "POST", "/api/v1/vendors", {
        name: "Mailer",
        country: "DE",
        businessCriticality: "low",
      })
    ).body;
    expect(
      (await api(t, proc, "POST", `/api/v1/vendors/${v.id}/status`, { status: "under_review" })).status,
    ).toBe(200);
    await api(t, proc, "POST", `/api/v1/vendors/${v.id}/processing`, payroll);
    const list = await api(t, proc, "GET", "/api/v1/vendors?needsReassessment=true");
    expect((list.body.data as Json[]).map((x) => x.id)).toEqual([v.id]);
  });

  it("privacy overrides the tier with a reason; procurement cannot; history keeps both", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const privacy = await t.bearer("privacy");
    const v = (
      await api(t, proc, "POST", "/api/v1/vendors", {
        name: "Cloud",
        country: "DE",
        businessCriticality: "low",
      })
    ).body;
    expect(
      (
        await api(t, proc, "POST", `/api/v1/vendors/${v.id}/risk/override`, {
          tier: "high",
          reason: "Hosts our production database",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api(t, privacy, "POST", `/api/v1/vendors/${v.id}/risk/override`, {
          tier: "high",
          reason: "short",
        })
      ).status,
    ).toBe(400);
    const res = await api(t, privacy, "POST", `/api/v1/vendors/${v.id}/risk/override`, {
      tier: "high",
      reason: "Hosts our production database",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tier: "high",
      computedTier: "low",
      override: { tier: "high", reason: "Hosts our production database" },
    });
    const cleared = await api(t, privacy, "POST", `/api/v1/vendors/${v.id}/risk/override`, {
      tier: null,
      reason: "Database moved in-house",
    });
    expect(cleared.body).toMatchObject({ tier: "low", override: null });
    expect((cleared.body.history as Json[]).map((h) => h.tier)).toEqual(["low", "high"]);
  });

  it("follows the lifecycle and requires the Art. 28(3)(g) confirmation to offboard", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const v = (
      await api(t, proc, "POST", "/api/v1/vendors", {
        name: "Old",
        country: "FR",
        businessCriticality: "low",
      })
    ).body;
    const skip = await api(t, proc, "POST", `/api/v1/vendors/${v.id}/status`, { status: "offboarded" });
    expect(skip.status).toBe(409);
    for (const status of ["under_review", "approved", "offboarding"]) {
      expect((await api(t, proc, "POST", `/api/v1/vendors/${v.id}/status`, { status })).status).toBe(200);
    }
    const missing = await api(t, proc, "POST", `/api/v1/vendors/${v.id}/status`, { status: "offboarded" });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.details?.[0]?.path).toBe("offboarding");
    const done = await api(t, proc, "POST", `/api/v1/vendors/${v.id}/status`, {
      status: "offboarded",
      offboarding: {
        disposition: "deleted",
        confirmedOn: "2026-02-27",
        evidence: "Deletion certificate from the vendor's DPO",
      },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: "offboarded",
      offboarding: { disposition: "deleted", confirmedOn: "2026-02-27" },
    });
    const actions = (
      t.sqlite.prepare("select action from audit_events where entity_id = ? order by seq").all(v.id) as {
        action: string;
      }[]
    ).map((r) => r.action);
    expect(actions.filter((a) => a === "vendor.status_change")).toHaveLength(4);
  });

  it("records sub-processors linked to the vendor's records, refusing unknown records", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const v = (
      await api(t, proc, "POST", "/api/v1/vendors", {
        name: "SaaS",
        country: "IE",
        businessCriticality: "medium",
      })
    ).body;
    const record = (await api(t, proc, "POST", `/api/v1/vendors/${v.id}/processing`, payroll)).body
      .record as Json;
    const bad = await api(t, proc, "POST", `/api/v1/vendors/${v.id}/subprocessors`, {
      name: "Hosting",
      service: "IaaS",
      country: "US",
      mechanism: "scc",
      sccModule: 3,
      processingIds: ["nope"],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.details?.[0]?.path).toBe("processingIds[0]");
    const noModule = await api(t, proc, "POST", `/api/v1/vendors/${v.id}/subprocessors`, {
      name: "Hosting",
      service: "IaaS",
      country: "US",
      mechanism: "scc",
    });
    expect(noModule.body.error?.details?.[0]?.path).toBe("sccModule");
    const ok = await api(t, proc, "POST", `/api/v1/vendors/${v.id}/subprocessors`, {
      name: "Hosting",
      service: "IaaS",
      country: "US",
      mechanism: "scc",
      sccModule: 3,
      processingIds: [record.id],
      addedOn: "2026-01-15",
    });
    expect(ok.status).toBe(201);
    const detail = (await api(t, proc, "GET", `/api/v1/vendors/${v.id}`)).body;
    expect(detail.subprocessors).toMatchObject([
      {
        name: "Hosting",
        country: "US",
        mechanism: "scc",
        sccModule: 3,
        processingIds: [record.id],
        addedOn: "2026-01-15",
      },
    ]);
  });

  it("a write whose audit event fails leaves the register unchanged", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const v = (
      await api(t, proc, "POST", "/api/v1/vendors", {
        name: "Atomic",
        country: "DE",
        businessCriticality: "low",
      })
    ).body;
    t.sqlite.exec(
      "create trigger fail_audit before insert on audit_events begin select raise(abort, 'audit down'); end",
    );
    const res = await api(t, proc, "POST", `/api/v1/vendors/${v.id}/processing`, payroll);
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain("audit down");
    expect(t.sqlite.prepare("select count(*) as n from processing_records").get()).toEqual({ n: 0 });
    expect(t.sqlite.prepare("select tier from vendors").get()).toEqual({ tier: "low" });
  });

  describe("listing", () => {
    async function seed(t: TestApp, headers: Record<string, string>) {
      const countries = ["DE", "FR", "US"];
      for (let i = 0; i < 45; i++) {
        await api(t, headers, "POST", "/api/v1/vendors", {
          name: `Vendor ${String(i).padStart(2, "0")}`,
          country: countries[i % 3],
          businessCriticality: i % 5 === 0 ? "critical" : "low",
        });
      }
    }

    it("pages with a cursor through every vendor exactly once, in both directions of sort", async () => {
      const t = await buildTestApp();
      const proc = await t.bearer("procurement");
      await seed(t, proc);
      for (const sort of ["name", "-name", "created"]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await api(
            t,
            proc,
            "GET",
            `/api/v1/vendors?limit=10&sort=${sort}${cursor ? `&cursor=${cursor}` : ""}`,
          );
          expect(page.status).toBe(200);
          seen.push(...(page.body.data as { name: string }[]).map((v) => v.name));
          cursor = page.body.nextCursor as string | null;
        } while (cursor);
        expect(seen).toHaveLength(45);
        expect(new Set(seen).size).toBe(45);
        if (sort === "name") expect(seen).toEqual([...seen].sort());
        if (sort === "-name") expect(seen).toEqual([...seen].sort().reverse());
      }
      expect((await api(t, proc, "GET", "/api/v1/vendors?cursor=garbage")).status).toBe(400);
    });

    it("filters by text, status, tier, country and data category", async () => {
      const t = await buildTestApp();
      const proc = await t.bearer("procurement");
      await seed(t, proc);
      const names = async (qs: string) =>
        ((await api(t, proc, "GET", `/api/v1/vendors?limit=200&${qs}`)).body.data as { name: string }[]).map(
          (v) => v.name,
        );
      expect(await names("q=ndor 1")).toHaveLength(10);
      expect(await names("q=Ve")).toHaveLength(45);
      expect(await names("country=US")).toHaveLength(15);
      expect((await names("tier=high")).length).toBe(9);
      const target = (
        (await api(t, proc, "GET", "/api/v1/vendors?q=Vendor 07")).body.data as { id: string }[]
      )[0];
      await api(t, proc, "POST", `/api/v1/vendors/${target?.id}/processing`, payroll);
      expect(await names("dataCategory=health")).toEqual(["Vendor 07"]);
      expect(await names("dataCategory=health&country=FR")).toEqual(["Vendor 07"]);
      expect(await names("dataCategory=health&country=US")).toEqual([]);
      await api(t, proc, "POST", `/api/v1/vendors/${target?.id}/status`, { status: "under_review" });
      expect(await names("status=under_review")).toEqual(["Vendor 07"]);
      expect((await api(t, proc, "GET", "/api/v1/vendors?status=bogus")).status).toBe(400);
    });
  });
});
