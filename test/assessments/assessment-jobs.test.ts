import { describe, expect, it } from "vitest";
import { runAssessmentJobs } from "../../src/assessments/assessment-jobs.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import { api, outbox, sendingSetup } from "./fixtures.ts";

const setups = new WeakMap<TestApp, ReturnType<typeof sendingSetup>>();

async function sendDue(t: TestApp, dueDate: string) {
  if (!setups.has(t)) setups.set(t, sendingSetup(t));
  const { vendor } = await setups.get(t)!;
  const res = await api(t, await t.bearer("procurement"), "POST", "/api/v1/assessments", {
    vendorId: vendor.id,
    questionnaire: "small-check",
    dueDate,
    recipients: [{ email: "sam@acme.example", name: "Sam" }],
  });
  return String(res.body.id);
}

const reminders = async (t: TestApp) => (await outbox(t)).filter((m) => m.kind === "assessment.reminder");
const status = async (t: TestApp, id: string) =>
  (await t.deps.db.selectFrom("assessments").select("status").where("id", "=", id).executeTakeFirstOrThrow())
    .status;

describe("the reminder and expiry job", () => {
  it("reminds 7 and 1 days before the due date, then daily while overdue, never twice a day, then expires", async () => {
    const t = await buildTestApp();
    const id = await sendDue(t, "2026-03-20");
    const runOn = async (at: string) => {
      t.clock.set(at);
      return runAssessmentJobs(t.deps);
    };
    const plan: [string, number][] = [
      ["2026-03-12T09:00:00Z", 0],
      ["2026-03-13T06:00:00Z", 1],
      ["2026-03-13T18:00:00Z", 0],
      ["2026-03-14T06:00:00Z", 0],
      ["2026-03-19T06:00:00Z", 1],
      ["2026-03-20T23:00:00Z", 0],
      ["2026-03-21T00:30:00Z", 1],
      ["2026-03-21T22:00:00Z", 0],
      ["2026-03-22T08:00:00Z", 1],
      ["2026-04-19T08:00:00Z", 1],
    ];
    for (const [at, expected] of plan) expect([at, (await runOn(at)).reminded]).toEqual([at, expected]);

    const sent = await reminders(t);
    expect(sent).toHaveLength(5);
    expect(sent[0]!.subject).toMatch(/^Reminder: /);
    expect(sent[2]!.subject).toMatch(/^Overdue: /);
    expect(sent[2]!.text_body).toContain("was due on 20 March 2026");

    expect(await runOn("2026-04-20T00:00:01Z")).toEqual({ reminded: 0, expired: 1 });
    expect(await status(t, id)).toBe("expired");
    expect(await runOn("2026-04-21T09:00:00Z")).toEqual({ reminded: 0, expired: 0 });
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "actor_type"])
      .where("action", "in", ["assessment.remind", "assessment.expire"])
      .execute();
    expect(audit).toHaveLength(6);
    expect(new Set(audit.map((a) => a.actor_type))).toEqual(new Set(["system"]));
  });

  it("a day the job missed is caught up once, not once per missed day", async () => {
    const t = await buildTestApp();
    await sendDue(t, "2026-03-20");
    t.clock.set("2026-03-25T09:00:00Z");
    expect((await runAssessmentJobs(t.deps)).reminded).toBe(1);
    expect((await runAssessmentJobs(t.deps)).reminded).toBe(0);
  });

  it("a staff reminder today counts: the automatic one waits for the next planned day", async () => {
    const t = await buildTestApp();
    const id = await sendDue(t, "2026-03-20");
    t.clock.set("2026-03-13T08:00:00Z");
    expect(
      (await api(t, await t.bearer("procurement"), "POST", `/api/v1/assessments/${id}/remind`)).status,
    ).toBe(200);
    t.clock.set("2026-03-13T10:00:00Z");
    expect((await runAssessmentJobs(t.deps)).reminded).toBe(0);
    const detail = await api(t, await t.bearer("viewer"), "GET", `/api/v1/assessments/${id}`);
    expect(detail.body.reminders).toEqual({ last: "2026-03-13T08:00:00.000Z", nextAutomatic: "2026-03-19" });
  });

  it("expires an assessment once every invite has run out, even before the grace period ends", async () => {
    const t = await buildTestApp();
    const id = await sendDue(t, "2026-03-20");
    await t.deps.db
      .updateTable("assessment_invites")
      .set({ expires_at: "2026-03-10T00:00:00.000Z" })
      .execute();
    t.clock.set("2026-03-10T09:00:00Z");
    expect(await runAssessmentJobs(t.deps)).toEqual({ reminded: 0, expired: 1 });
    expect(await status(t, id)).toBe("expired");
  });

  it("leaves alone assessments whose invites were all revoked by staff, and those already submitted", async () => {
    const t = await buildTestApp();
    const revoked = await sendDue(t, "2026-03-20");
    await t.deps.db
      .updateTable("assessment_invites")
      .set({ revoked_at: "2026-03-02T10:00:00.000Z" })
      .where("assessment_id", "=", revoked)
      .execute();
    const submitted = await sendDue(t, "2026-03-20");
    await t.deps.db
      .updateTable("assessments")
      .set({ status: "submitted" })
      .where("id", "=", submitted)
      .execute();
    t.clock.set("2026-03-25T09:00:00Z");
    expect(await runAssessmentJobs(t.deps)).toEqual({ reminded: 0, expired: 0 });
    expect(await status(t, revoked)).toBe("sent");
    t.clock.set("2026-05-01T09:00:00Z");
    expect(await runAssessmentJobs(t.deps)).toEqual({ reminded: 0, expired: 1 });
    expect(await status(t, submitted)).toBe("submitted");
  });
});
