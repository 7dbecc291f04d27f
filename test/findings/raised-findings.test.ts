import { describe, expect, it } from "vitest";
import {
  acceptRisk,
  listFindingsForAssessment,
  planRemediation,
  resolveFinding,
} from "../../src/findings/finding-service.ts";
import { AUTO_RESOLVED_NOTE } from "../../src/findings/finding-sync.ts";
import { buildTestApp } from "../support/test-app.ts";
import {
  auditCount,
  findingEvents,
  findingFor,
  findingSetup,
  NO_POLICY,
  raise,
  STALE_REVIEW,
} from "./finding-fixture.ts";

const DAY = 24 * 60 * 60 * 1000;

describe("findings raised by a scored questionnaire", () => {
  it("the first score opens a finding per failing answer, due by the review policy's days for its severity", async () => {
    const t = await buildTestApp();
    const { vendor, assessmentId } = await findingSetup(t, []);
    expect(await raise(t, vendor.id, assessmentId, [NO_POLICY, STALE_REVIEW])).toEqual({
      opened: 2,
      updated: 0,
      closed: 0,
    });
    const findings = await listFindingsForAssessment(t.deps.db, assessmentId, t.clock.now());
    expect(findings.map((f) => [f.questionId, f.status, f.severity, f.dueDate, f.source])).toEqual([
      ["has-policy", "open", "high", "2026-05-01", "questionnaire"],
      ["policy-date", "open", "medium", "2026-05-31", "questionnaire"],
    ]);
    expect(findings[0]).toMatchObject({
      question: "Do you have a security policy?",
      answer: "No",
      title: NO_POLICY.title,
      recommendation: NO_POLICY.recommendation,
      overdue: false,
      remediation: null,
      riskAcceptance: null,
      resolution: null,
      // Raised by the scoring, whoever's action ran it (here the test's staff user).
      createdBy: "questionnaire scoring",
    });
    const [event] = await findingEvents(t, findings[0]!.id);
    expect(event?.action).toBe("finding.raise");
    expect(JSON.parse(event!.changes)).toMatchObject({
      status: { after: "open" },
      question_id: { after: "has-policy" },
      due_date: { after: "2026-05-01" },
    });
  });

  it("scoring the same answers again changes nothing and writes no audit event", async () => {
    const t = await buildTestApp();
    const { vendor, assessmentId } = await findingSetup(t);
    const before = await auditCount(t);
    t.clock.advance(3 * DAY);
    expect(await raise(t, vendor.id, assessmentId, [NO_POLICY, STALE_REVIEW])).toEqual({
      opened: 0,
      updated: 0,
      closed: 0,
    });
    expect(await auditCount(t)).toBe(before);
    const rows = await t.deps.db.selectFrom("findings").select("due_date").execute();
    expect(rows.map((r) => r.due_date).sort()).toEqual(["2026-05-01", "2026-05-31"]);
  });

  it("a finding still raised takes the new wording and answer, keeping its status and due date", async () => {
    const t = await buildTestApp();
    const { vendor, assessmentId } = await findingSetup(t);
    const original = await findingFor(t, assessmentId, "has-policy");
    await planRemediation(t.ctx, original.id, { plan: "Write a policy", targetDate: "2026-04-01" });
    const changed = { ...NO_POLICY, answerText: "No (draft in progress)", severity: "critical" as const };
    expect(await raise(t, vendor.id, assessmentId, [changed, STALE_REVIEW])).toEqual({
      opened: 0,
      updated: 1,
      closed: 0,
    });
    const row = await findingFor(t, assessmentId, "has-policy");
    expect(row).toMatchObject({
      status: "remediation_planned",
      severity: "critical",
      answer_text: "No (draft in progress)",
      due_date: original.due_date,
      id: original.id,
    });
    const refresh = (await findingEvents(t, original.id)).at(-1)!;
    expect(refresh.action).toBe("finding.refresh");
    expect(JSON.parse(refresh.changes)).toEqual({
      severity: { before: "high", after: "critical" },
      answer_text: { before: "No", after: "No (draft in progress)" },
    });
  });

  it("a finding no longer raised is resolved with a note, and opens again if the answer fails again", async () => {
    const t = await buildTestApp();
    const { vendor, assessmentId } = await findingSetup(t);
    expect(await raise(t, vendor.id, assessmentId, [NO_POLICY])).toEqual({
      opened: 0,
      updated: 0,
      closed: 1,
    });
    const closed = await findingFor(t, assessmentId, "policy-date");
    expect(closed).toMatchObject({
      status: "resolved",
      resolution_note: AUTO_RESOLVED_NOTE,
      resolved_at: "2026-03-02T09:00:00.000Z",
    });
    expect((await findingEvents(t, closed.id)).at(-1)?.action).toBe("finding.auto_resolve");

    t.clock.set("2026-07-01T10:00:00.000Z");
    expect(await raise(t, vendor.id, assessmentId, [NO_POLICY, STALE_REVIEW])).toEqual({
      opened: 1,
      updated: 0,
      closed: 0,
    });
    const reopened = await findingFor(t, assessmentId, "policy-date");
    // Its old due date (2026-05-31) has passed: a fresh one from the policy (medium: 90 days).
    expect(reopened).toMatchObject({
      id: closed.id,
      status: "open",
      resolution_note: null,
      due_date: "2026-09-29",
    });
    expect((await findingEvents(t, closed.id)).at(-1)?.action).toBe("finding.reraise");
  });

  it("a finding a reviewer resolved stays resolved when a rescore still raises it", async () => {
    const t = await buildTestApp();
    const { vendor, assessmentId } = await findingSetup(t);
    const row = await findingFor(t, assessmentId, "has-policy");
    await planRemediation(t.ctx, row.id, { plan: "Write a policy", targetDate: "2026-04-01" });
    await resolveFinding(t.ctx, row.id, { note: "Policy received and checked" });
    expect(await raise(t, vendor.id, assessmentId, [NO_POLICY, STALE_REVIEW])).toEqual({
      opened: 0,
      updated: 0,
      closed: 0,
    });
    expect(await findingFor(t, assessmentId, "has-policy")).toMatchObject({
      status: "resolved",
      resolution_note: "Policy received and checked",
    });
  });

  it("an accepted risk whose answer no longer fails is resolved too: there is nothing left to accept", async () => {
    const t = await buildTestApp();
    const { vendor, assessmentId } = await findingSetup(t);
    const row = await findingFor(t, assessmentId, "has-policy");
    await acceptRisk(t.ctx, row.id, { justification: "Small vendor, low exposure", until: "2026-12-31" });
    expect(await raise(t, vendor.id, assessmentId, [STALE_REVIEW])).toEqual({
      opened: 0,
      updated: 0,
      closed: 1,
    });
    expect(await findingFor(t, assessmentId, "has-policy")).toMatchObject({ status: "resolved" });
  });

  it("a question raising two findings keeps the most severe one", async () => {
    const t = await buildTestApp();
    const { vendor, assessmentId } = await findingSetup(t, []);
    const worse = { ...NO_POLICY, severity: "critical" as const, title: "Worse" };
    expect(await raise(t, vendor.id, assessmentId, [NO_POLICY, worse])).toMatchObject({ opened: 1 });
    expect(await findingFor(t, assessmentId, "has-policy")).toMatchObject({
      severity: "critical",
      title: "Worse",
    });
  });
});
