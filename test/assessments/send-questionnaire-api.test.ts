import { describe, expect, it } from "vitest";
import { setSetting } from "../../src/settings/settings-service.ts";
import { sha256Hex } from "../../src/shared/runtime.ts";
import { buildTestApp } from "../support/test-app.ts";
import { addVendor, api, linkIn, outbox, publishTemplate, sendingSetup, smallTemplate } from "./fixtures.ts";

const recipients = [
  { email: "Sam@Acme.example", name: "Sam Security" },
  { email: "pat@acme.example", name: "Pat Privacy" },
];

describe("sending a questionnaire through the API", () => {
  it("procurement sends one personal link per recipient; only the link's hash is stored", async () => {
    const t = await buildTestApp();
    const { vendor } = await sendingSetup(t);
    await setSetting(t.ctx, "organisation.name", "Northwind Insurance");
    const proc = await t.bearer("procurement");

    const res = await api(t, proc, "POST", "/api/v1/assessments", {
      vendorId: vendor.id,
      questionnaire: "vendor-security-essentials",
      dueDate: "2026-03-20",
      recipients,
      message: "Please include your SOC 2 report.",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "sent",
      dueDate: "2026-03-20",
      vendor: { id: vendor.id, name: "Acme Hosting" },
      questionnaire: { key: "vendor-security-essentials", version: 1, title: "Vendor security essentials" },
      score: null,
      findings: [],
    });
    const id = String(res.body.id);

    const mails = await outbox(t);
    expect(mails.map((m) => [m.to_email, m.kind, m.assessment_id])).toEqual([
      ["sam@acme.example", "assessment.invite", id],
      ["pat@acme.example", "assessment.invite", id],
    ]);
    const sam = mails[0]!;
    expect(sam.subject).toContain("Northwind Insurance");
    for (const part of [
      "Hello Sam Security",
      "Acme Hosting",
      "Vendor security essentials",
      "20 March 2026",
      "about 20 minutes",
      "Please include your SOC 2 report.",
      "personal to you",
    ])
      expect(sam.text_body).toContain(part);
    expect(sam.html_body).toContain(linkIn(sam.text_body));

    const links = [linkIn(sam.text_body), linkIn(mails[1]!.text_body)];
    expect(new Set(links).size).toBe(2);
    expect(links[0]!.startsWith(`${t.deps.config.publicUrl}/portal/`)).toBe(true);
    const secrets = links.map((l) => l.split("/portal/")[1]!);
    expect(secrets[0]!.length).toBeGreaterThanOrEqual(43);
    const stored = await t.deps.db.selectFrom("invite_links").selectAll().execute();
    expect(stored.map((s) => s.secret_hash).sort()).toEqual(secrets.map((s) => sha256Hex(s)).sort());
    const dump = JSON.stringify(await t.deps.db.selectFrom("invite_links").selectAll().execute());
    const detail = await api(t, proc, "GET", `/api/v1/assessments/${id}`);
    const audit = JSON.stringify(await t.deps.db.selectFrom("audit_events").selectAll().execute());
    for (const secret of secrets) {
      expect(dump).not.toContain(secret);
      expect(JSON.stringify(detail.body)).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }

    expect(detail.body.invites).toEqual([
      expect.objectContaining({
        email: "sam@acme.example",
        name: "Sam Security",
        expiresAt: "2026-04-19T23:59:59.999Z",
        revokedAt: null,
        lastUsedAt: null,
        active: true,
      }),
      expect.objectContaining({ email: "pat@acme.example", active: true }),
    ]);
    const actions = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_type", "like", "assessment%")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "assessment.create",
      "assessment_invite.create",
      "assessment_invite.create",
    ]);
  });

  it("an assessment keeps the version it was sent with after a new version is published", async () => {
    const t = await buildTestApp();
    const { vendor } = await sendingSetup(t);
    const proc = await t.bearer("procurement");
    const send = (extra: Record<string, unknown> = {}) =>
      api(t, proc, "POST", "/api/v1/assessments", {
        vendorId: vendor.id,
        questionnaire: "small-check",
        dueDate: "2026-03-31",
        recipients: recipients.slice(0, 1),
        ...extra,
      });
    const first = await send();
    await publishTemplate(t.deps, smallTemplate("Small security check, revised"), 2);

    const again = await api(t, proc, "GET", `/api/v1/assessments/${first.body.id}`);
    expect(again.body.questionnaire).toMatchObject({ version: 1, title: "Small security check" });
    expect((await send()).body.questionnaire).toMatchObject({
      version: 2,
      title: "Small security check, revised",
    });
    expect((await send({ version: 1 })).body.questionnaire).toMatchObject({ version: 1 });
  });

  const good = {
    questionnaire: "small-check",
    dueDate: "2026-03-31",
    recipients: [{ email: "sam@acme.example", name: "Sam" }],
  };
  it.each([
    ["an unknown questionnaire", { questionnaire: "no-such-thing" }, "questionnaire"],
    ["an unpublished version", { version: 7 }, "version"],
    ["a due date in the past", { dueDate: "2026-03-01" }, "dueDate"],
    ["a due date that is not a date", { dueDate: "next week" }, "dueDate"],
    ["a bad email", { recipients: [{ email: "not-an-email", name: "Sam" }] }, "recipients[0].email"],
    [
      "a recipient without a name",
      { recipients: [{ email: "sam@acme.example", name: " " }] },
      "recipients[0].name",
    ],
    ["no recipients", { recipients: [] }, "recipients"],
    [
      "the same recipient twice",
      {
        recipients: [
          { email: "a@b.example", name: "A" },
          { email: "A@b.example", name: "A2" },
        ],
      },
      "recipients[1].email",
    ],
    ["an unknown field", { priority: "high" }, "(root)"],
    ["an unknown vendor", { vendorId: "01NOSUCHVENDOR" }, "vendorId"],
  ])("%s is refused with 400 naming the field, and nothing is stored", async (_case, change, path) => {
    const t = await buildTestApp();
    const { vendor } = await sendingSetup(t);
    const res = await api(t, await t.bearer("procurement"), "POST", "/api/v1/assessments", {
      vendorId: vendor.id,
      ...good,
      ...change,
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("validation_failed");
    expect(res.body.error?.details?.map((d) => d.path)).toContain(path);
    expect(await t.deps.db.selectFrom("assessments").selectAll().execute()).toEqual([]);
    expect(await t.deps.db.selectFrom("assessment_invites").selectAll().execute()).toEqual([]);
    expect(await outbox(t)).toEqual([]);
  });

  it.each(["offboarded", "rejected"] as const)(
    "a vendor that is %s gets no questionnaire (409)",
    async (status) => {
      const t = await buildTestApp();
      await sendingSetup(t);
      const vendor = await addVendor(t.ctx, "Gone Ltd", status);
      const res = await api(t, await t.bearer("privacy"), "POST", "/api/v1/assessments", {
        vendorId: vendor.id,
        ...good,
      });
      expect(res.status).toBe(409);
      expect(await outbox(t)).toEqual([]);
    },
  );

  it("lists assessments with vendor, status and overdue filters and a cursor", async () => {
    const t = await buildTestApp();
    const { vendor } = await sendingSetup(t);
    const other = await addVendor(t.ctx, "Beta Payroll");
    const proc = await t.bearer("procurement");
    const ids: string[] = [];
    for (const [v, due] of [
      [vendor.id, "2026-03-02"],
      [vendor.id, "2026-03-30"],
      [other.id, "2026-03-03"],
    ] as const) {
      ids.push(
        String(
          (await api(t, proc, "POST", "/api/v1/assessments", { ...good, vendorId: v, dueDate: due })).body.id,
        ),
      );
      t.clock.advance(1000);
    }
    await api(t, proc, "POST", `/api/v1/assessments/${ids[2]}/cancel`);
    t.clock.advance(24 * 3600 * 1000);
    const viewer = await t.bearer("viewer");
    const list = async (qs: string) =>
      (await api(t, viewer, "GET", `/api/v1/assessments?${qs}`)).body as {
        data: { id: string; overdue: boolean }[];
        nextCursor: string | null;
      };

    expect((await list("")).data.map((a) => a.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await list(`vendorId=${vendor.id}`)).data.map((a) => a.id)).toEqual([ids[1], ids[0]]);
    expect((await list("status=cancelled")).data.map((a) => a.id)).toEqual([ids[2]]);
    const overdue = await list("overdue=true");
    expect(overdue.data.map((a) => [a.id, a.overdue])).toEqual([[ids[0], true]]);
    const page1 = await list("limit=2");
    expect(page1.data).toHaveLength(2);
    const page2 = await list(`limit=2&cursor=${page1.nextCursor}`);
    expect(page2.data.map((a) => a.id)).toEqual([ids[0]]);
    expect(page2.nextCursor).toBeNull();
    expect((await api(t, viewer, "GET", "/api/v1/assessments?cursor=garbage")).status).toBe(400);
  });

  it("answers 404 for an unknown assessment", async () => {
    const t = await buildTestApp();
    const res = await api(t, await t.bearer("viewer"), "GET", "/api/v1/assessments/01UNKNOWN");
    expect(res.status).toBe(404);
  });

  it("the API description documents sending and follow-up, with the roles that may call each", async () => {
    const t = await buildTestApp();
    const doc = (await (await t.app.request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-roles"?: string[] }>>;
    };
    expect(doc.paths["/api/v1/assessments"]?.post?.["x-roles"]).toEqual(["admin", "privacy", "procurement"]);
    expect(doc.paths["/api/v1/assessments/{id}"]?.get?.["x-roles"]).toEqual([
      "admin",
      "privacy",
      "procurement",
      "viewer",
    ]);
    for (const path of [
      "/cancel",
      "/invites",
      "/invites/{inviteId}/revoke",
      "/invites/{inviteId}/reissue",
      "/remind",
    ])
      expect(doc.paths[`/api/v1/assessments/{id}${path}`]?.post).toBeDefined();
    expect(doc.paths["/api/v1/settings"]?.patch?.["x-roles"]).toEqual(["admin"]);
  });
});
