import { describe, expect, it } from "vitest";
import { api } from "../assessments/fixtures.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import { auditCount, findingEvents, findingFor, findingSetup, secondVendor } from "./finding-fixture.ts";

type Body = Record<string, unknown>;

async function setup() {
  const t = await buildTestApp();
  const { vendor, assessmentId } = await findingSetup(t);
  const privacy = await t.bearer("privacy");
  const procurement = await t.bearer("procurement");
  const viewer = await t.bearer("viewer");
  const finding = await findingFor(t, assessmentId, "has-policy");
  return { t, vendor, assessmentId, privacy, procurement, viewer, findingId: finding.id };
}

async function findingCount(t: TestApp) {
  return (await t.deps.db.selectFrom("findings").select("id").execute()).length;
}

describe("a reviewer adds their own finding", () => {
  it("privacy adds a finding about a question; the due date comes from the review policy", async () => {
    const { t, vendor, assessmentId, privacy } = await setup();
    const res = await api(t, privacy, "POST", "/api/v1/findings", {
      vendorId: vendor.id,
      assessmentId,
      questionId: "notes",
      severity: "critical",
      title: "  Breach not reported to us  ",
      recommendation: "Ask for the incident report.",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      vendor: { id: vendor.id, name: "Acme Hosting" },
      assessmentId,
      questionId: "notes",
      question: "Anything else we should know?",
      source: "reviewer",
      severity: "critical",
      title: "Breach not reported to us",
      status: "open",
      dueDate: "2026-04-01",
      overdue: false,
    });
    const [event] = await findingEvents(t, String(res.body.id));
    expect(event).toMatchObject({
      action: "finding.create",
      actor_label: expect.stringContaining("privacy"),
    });
    expect(JSON.parse(event!.changes)).toMatchObject({
      source: { after: "reviewer" },
      status: { after: "open" },
    });

    const read = await api(t, await t.bearer("viewer"), "GET", `/api/v1/findings/${res.body.id}`);
    expect(read).toMatchObject({
      status: 200,
      body: { id: res.body.id, title: "Breach not reported to us" },
    });
  });

  it("a due date given by hand is kept", async () => {
    const { t, vendor, privacy } = await setup();
    const res = await api(t, privacy, "POST", "/api/v1/findings", {
      vendorId: vendor.id,
      severity: "low",
      title: "Website lists an old address",
      recommendation: "Ask them to update the imprint.",
      dueDate: "2026-03-02",
    });
    expect(res.body).toMatchObject({
      dueDate: "2026-03-02",
      assessmentId: null,
      questionId: null,
      answer: null,
    });
  });

  it.each([
    [{ title: "" }, ["title"]],
    [{ severity: "urgent" }, ["severity"]],
    [{ dueDate: "2026-03-01" }, ["dueDate"]],
    [{ dueDate: "01/04/2026" }, ["dueDate"]],
    [{ vendorId: "nope" }, ["vendorId"]],
    [{ questionId: "has-policy" }, ["questionId"]],
    [{ assessmentId: "nope" }, ["assessmentId"]],
    [{ assessmentId: ":assessment", questionId: "no-such-question" }, ["questionId"]],
    [{ extra: true }, ["(root)"]],
  ] as [Body, string[]][])(
    "%j is refused with the field named, and nothing changes",
    async (change, paths) => {
      const { t, vendor, assessmentId, privacy } = await setup();
      const before = [await findingCount(t), await auditCount(t)];
      const body: Body = {
        vendorId: vendor.id,
        severity: "high",
        title: "A title",
        recommendation: "Do something",
        ...change,
      };
      if (body.assessmentId === ":assessment") body.assessmentId = assessmentId;
      const res = await api(t, privacy, "POST", "/api/v1/findings", body);
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe("validation_failed");
      expect(res.body.error?.details?.map((d) => d.path)).toEqual(paths);
      expect([await findingCount(t), await auditCount(t)]).toEqual(before);
    },
  );

  it("an assessment of another vendor is refused", async () => {
    const { t, vendor, privacy } = await setup();
    const other = await secondVendor(t, "Other Vendor", []);
    const res = await api(t, privacy, "POST", "/api/v1/findings", {
      vendorId: vendor.id,
      assessmentId: other.assessmentId,
      severity: "high",
      title: "A title",
      recommendation: "Do something",
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.details).toEqual([
      { path: "assessmentId", message: "no such assessment for this vendor" },
    ]);
  });

  it("procurement and viewers cannot add findings", async () => {
    const { t, vendor, procurement, viewer } = await setup();
    const body = { vendorId: vendor.id, severity: "high", title: "A", recommendation: "B" };
    expect((await api(t, procurement, "POST", "/api/v1/findings", body)).status).toBe(403);
    expect((await api(t, viewer, "POST", "/api/v1/findings", body)).status).toBe(403);
  });
});

describe("working a finding through its lifecycle over the API", () => {
  it("plan, resolve, reopen: each step by its role, each audited with the status before and after", async () => {
    const { t, privacy, procurement, findingId } = await setup();
    const base = `/api/v1/findings/${findingId}`;

    const early = await api(t, privacy, "POST", `${base}/resolve`, { note: "Fixed" });
    expect(early.status).toBe(409);
    expect(early.body.error?.message).toBe(
      "Cannot resolve a finding that is open: this needs a finding with a remediation plan; record the vendor's plan first",
    );

    const planned = await api(t, procurement, "POST", `${base}/remediation-plan`, {
      plan: "Adopt an ISO 27001 aligned policy",
      targetDate: "2026-04-30",
    });
    expect(planned.status).toBe(200);
    expect(planned.body).toMatchObject({
      status: "remediation_planned",
      remediation: { plan: "Adopt an ISO 27001 aligned policy", targetDate: "2026-04-30" },
    });

    expect((await api(t, procurement, "POST", `${base}/resolve`, { note: "Fixed" })).status).toBe(403);
    const resolved = await api(t, privacy, "POST", `${base}/resolve`, { note: "Policy seen, version 2.1" });
    expect(resolved.body).toMatchObject({
      status: "resolved",
      resolution: { note: "Policy seen, version 2.1", at: "2026-03-02T09:00:00.000Z" },
    });

    t.clock.set("2026-06-01T08:00:00.000Z");
    const reopened = await api(t, privacy, "POST", `${base}/reopen`, { reason: "Policy withdrawn" });
    // The old due date (2026-05-01) has passed: 60 days from today for a high finding.
    expect(reopened.body).toMatchObject({
      status: "open",
      dueDate: "2026-07-31",
      resolution: null,
      remediation: null,
    });

    const events = await findingEvents(t, findingId);
    expect(events.map((e) => e.action)).toEqual([
      "finding.raise",
      "finding.plan",
      "finding.resolve",
      "finding.reopen",
    ]);
    expect(events.map((e) => JSON.parse(e.changes).status)).toEqual([
      { after: "open" },
      { before: "open", after: "remediation_planned" },
      { before: "remediation_planned", after: "resolved" },
      { before: "resolved", after: "open" },
    ]);
    expect(JSON.parse(events[3]!.changes).reopen_reason).toEqual({ before: null, after: "Policy withdrawn" });
  });

  it("only privacy or admin accepts a risk, with a justification and an end date at most three years ahead", async () => {
    const { t, privacy, procurement, findingId, assessmentId } = await setup();
    const base = `/api/v1/findings/${findingId}/accept-risk`;
    const body = { justification: "Compensating control: no personal data stored", until: "2026-12-31" };
    expect((await api(t, procurement, "POST", base, body)).status).toBe(403);

    const before = await auditCount(t);
    for (const [until, message] of [
      ["2029-03-03", "must be at most 3 years ahead (2029-03-02)"],
      ["2026-03-02", "must be after today (2026-03-02)"],
    ]) {
      const res = await api(t, privacy, "POST", base, { ...body, until });
      expect(res.status).toBe(400);
      expect(res.body.error?.details).toEqual([{ path: "until", message }]);
    }
    const missing = await api(t, privacy, "POST", base, { until: "2026-12-31" });
    expect(missing.body.error?.details?.map((d) => d.path)).toEqual(["justification"]);
    expect(await auditCount(t)).toBe(before);
    expect(await findingFor(t, assessmentId, "has-policy")).toMatchObject({ status: "open" });

    const accepted = await api(t, privacy, "POST", base, body);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: "risk_accepted",
      riskAcceptance: {
        justification: body.justification,
        until: "2026-12-31",
        acceptedBy: expect.stringContaining("privacy"),
      },
    });
    expect((await api(t, privacy, "POST", base, body)).status).toBe(409);
  });

  it("a remediation target date in the past is refused and changes nothing", async () => {
    const { t, procurement, findingId } = await setup();
    const before = await auditCount(t);
    const res = await api(t, procurement, "POST", `/api/v1/findings/${findingId}/remediation-plan`, {
      plan: "Later",
      targetDate: "2026-03-01",
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.details).toEqual([
      { path: "targetDate", message: "must be today (2026-03-02) or later" },
    ]);
    expect(await auditCount(t)).toBe(before);
  });

  it.each([
    ["GET", ""],
    ["POST", "/remediation-plan"],
    ["POST", "/resolve"],
    ["POST", "/accept-risk"],
    ["POST", "/reopen"],
  ])("%s an unknown finding%s answers 404", async (method, suffix) => {
    const { t } = await setup();
    const admin = await t.bearer("admin");
    const bodies: Record<string, Body> = {
      "/remediation-plan": { plan: "x", targetDate: "2026-04-01" },
      "/resolve": { note: "x" },
      "/accept-risk": { justification: "x", until: "2026-04-01" },
      "/reopen": { reason: "x" },
    };
    const res = await api(t, admin, method, `/api/v1/findings/01NOSUCHFINDING${suffix}`, bodies[suffix]);
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe("not_found");
  });
});
