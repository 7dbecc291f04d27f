import { describe, expect, it } from "vitest";
import { buildTestApp } from "../support/test-app.ts";
import { api, type Json, payroll, postVendor } from "./vendor-api-fixtures.ts";

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

  it("follows the lifecycle and requires the Art. 28(3)(g) confirmation to offboard", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const v = await postVendor(t, proc, {
      name: "Old",
      country: "FR",
      businessCriticality: "low",
    });
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
    const v = await postVendor(t, proc, {
      name: "SaaS",
      country: "IE",
      businessCriticality: "medium",
    });
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
    const v = await postVendor(t, proc, {
      name: "Atomic",
      country: "DE",
      businessCriticality: "low",
    });
    t.sqlite.exec(
      "create trigger fail_audit before insert on audit_events begin select raise(abort, 'audit down'); end",
    );
    const res = await api(t, proc, "POST", `/api/v1/vendors/${v.id}/processing`, payroll);
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain("audit down");
    expect(t.sqlite.prepare("select count(*) as n from processing_records").get()).toEqual({ n: 0 });
    expect(t.sqlite.prepare("select tier from vendors").get()).toEqual({ tier: "low" });
  });
});
