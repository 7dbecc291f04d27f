import { createAssessment } from "../../src/assessments/assessment-service.ts";
import { syncRaisedFindings } from "../../src/findings/finding-service.ts";
import { DEFAULT_REVIEW_POLICY } from "../../src/scoring/review-policy.ts";
import type { RaisedFinding } from "../../src/scoring/score-types.ts";
import { addVendor, sendingSetup } from "../assessments/fixtures.ts";
import type { TestApp } from "../support/test-app.ts";

/** Raised findings about questions of the small template (test/assessments/fixtures.ts). */
export const NO_POLICY: RaisedFinding = {
  questionId: "has-policy",
  severity: "high",
  title: "No written security policy",
  recommendation: "Ask for a security policy approved by management.",
  answerText: "No",
};
export const STALE_REVIEW: RaisedFinding = {
  questionId: "policy-date",
  severity: "medium",
  title: "The policy has not been reviewed for over a year",
  recommendation: "Ask the vendor to review the policy yearly.",
  answerText: "2023-01-10",
};
export const CRITICAL_NOTE: RaisedFinding = {
  questionId: "notes",
  severity: "critical",
  title: "The vendor disclosed an unreported breach",
  recommendation: "Escalate to the DPO.",
  answerText: '=HYPERLINK("http://evil.example")',
};

/** Sends the small questionnaire to a vendor and returns the assessment id. */
export async function sendSmall(t: TestApp, vendorId: string): Promise<string> {
  const row = await createAssessment(t.ctx, {
    vendorId,
    questionnaire: "small-check",
    dueDate: "2026-03-20",
    recipients: [{ name: "Sam Security", email: "sam@acme.example" }],
  });
  return row.id;
}

/** What a rescore does: sync the raised findings in one transaction, as the scoring code will. */
export function raise(t: TestApp, vendorId: string, assessmentId: string, raised: RaisedFinding[]) {
  return t.deps.db.transaction().execute((trx) =>
    syncRaisedFindings(trx, t.ctx, t.clock.now(), {
      vendorId,
      assessmentId,
      raised,
      policy: DEFAULT_REVIEW_POLICY,
    }),
  );
}

/** A vendor with the small questionnaire sent and the given findings raised. */
export async function findingSetup(t: TestApp, raised: RaisedFinding[] = [NO_POLICY, STALE_REVIEW]) {
  const { vendor } = await sendingSetup(t);
  const assessmentId = await sendSmall(t, vendor.id);
  await raise(t, vendor.id, assessmentId, raised);
  return { vendor, assessmentId };
}

/** A second vendor with its own assessment and findings. */
export async function secondVendor(t: TestApp, name: string, raised: RaisedFinding[]) {
  const vendor = await addVendor(t.ctx, name);
  const assessmentId = await sendSmall(t, vendor.id);
  await raise(t, vendor.id, assessmentId, raised);
  return { vendor, assessmentId };
}

/** The finding the questionnaire raised for a question. */
export async function findingFor(t: TestApp, assessmentId: string, questionId: string) {
  return t.deps.db
    .selectFrom("findings")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .where("question_id", "=", questionId)
    .executeTakeFirstOrThrow();
}

/** The audit events about one finding, oldest first. */
export function findingEvents(t: TestApp, findingId: string) {
  return t.deps.db
    .selectFrom("audit_events")
    .selectAll()
    .where("entity_type", "=", "finding")
    .where("entity_id", "=", findingId)
    .orderBy("seq")
    .execute();
}

export async function auditCount(t: TestApp): Promise<number> {
  const row = await t.deps.db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
