import { utcDay } from "../assessments/reminder-schedule.ts";
import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { AssessmentRow, VendorDecisionRow, VendorRow } from "../db/schema.ts";
import { acceptRisk, listOpenFindings } from "../findings/finding-service.ts";
import type { ScoreResult } from "../scoring/score-types.ts";
import { ConflictError, NotFoundError } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { REASSESSMENT_MONTHS } from "../vendors/risk-tier.ts";
import { toVendorDecisionRef } from "../vendors/vendor-mappers.ts";
import { findVendor } from "../vendors/vendor-queries.ts";
import { readScore, rescoreAssessment } from "./assessment-scoring.ts";
import {
  addMonths,
  type BlockingFinding,
  decidedStatus,
  RiskAcceptanceRequiredError,
  statusPath,
} from "./completion-rules.ts";
import type { CompleteReviewInput, VendorDecision } from "./review-schemas.ts";

async function loadForCompletion(trx: Db, assessmentId: string) {
  const assessment = await trx
    .selectFrom("assessments")
    .selectAll()
    .where("id", "=", assessmentId)
    .executeTakeFirst();
  if (!assessment) throw new NotFoundError("Assessment");
  if (assessment.status !== "submitted")
    throw new ConflictError(
      assessment.status === "clarification_requested"
        ? "The vendor has not answered the open clarification yet; complete the review after they resubmit"
        : `Only a submitted assessment can be completed; this one is ${assessment.status.replace("_", " ")}`,
      { status: assessment.status },
    );
  const vendor = await findVendor(trx, assessment.vendor_id);
  if (!vendor) throw new NotFoundError("Vendor");
  return { assessment, vendor };
}

/** The score the decision rests on: the stored one, recomputed first if the vendor's tier changed since. */
async function currentScore(
  trx: Db,
  ctx: ServiceContext,
  now: Date,
  assessment: AssessmentRow,
  vendor: VendorRow,
) {
  const stored = await readScore(trx, assessment.id);
  if (stored && stored.settings.tier === vendor.tier) return stored.result;
  return rescoreAssessment(trx, ctx, now, assessment.id);
}

/** Open critical findings block an approval until each risk is accepted, here at once when the caller asks. */
async function clearCriticalFindings(
  trx: Db,
  ctx: ServiceContext,
  now: Date,
  vendorId: string,
  input: CompleteReviewInput,
) {
  const blocking: BlockingFinding[] = (await listOpenFindings(trx, vendorId, now))
    .filter((f) => f.severity === "critical")
    .map((f) => ({ id: f.id, title: f.title, severity: f.severity, status: f.status, dueDate: f.dueDate }));
  if (blocking.length === 0) return [];
  if (!input.acceptRisk) throw new RiskAcceptanceRequiredError(blocking);
  for (const finding of blocking) await acceptRisk({ ...ctx, db: trx }, finding.id, input.acceptRisk);
  return blocking.map((f) => f.id);
}

/**
 * Completes the review of a submitted assessment with the decision on the vendor: the assessment is completed, a
 * decision is recorded with the score and residual rating, and the vendor takes the rating, its next review
 * date (from its tier's reassessment interval; none after a rejection) and its new status under the register's
 * lifecycle rules. One transaction, audited for the assessment and for the vendor.
 */
export async function completeReview(
  ctx: ServiceContext,
  assessmentId: string,
  input: CompleteReviewInput,
): Promise<VendorDecision> {
  return inTransaction(ctx.db, async (trx) => {
    const { assessment, vendor } = await loadForCompletion(trx, assessmentId);
    const target = decidedStatus(input.decision);
    const path = statusPath(vendor.status, target);
    if (!path)
      throw new ConflictError(`The vendor is ${vendor.status}; a review decision cannot make it ${target}`, {
        vendorStatus: vendor.status,
      });
    const now = ctx.clock.now();
    const iso = now.toISOString();
    const score: ScoreResult = await currentScore(trx, ctx, now, assessment, vendor);
    const accepted =
      target === "approved" ? await clearCriticalFindings(trx, ctx, now, vendor.id, input) : [];

    const decision: VendorDecisionRow = {
      id: ctx.newId(),
      vendor_id: vendor.id,
      assessment_id: assessment.id,
      decision: input.decision,
      reason: input.reason,
      conditions: input.conditions ?? null,
      score: score.score,
      residual_rating: score.residualRating,
      next_review_date:
        target === "approved" ? addMonths(utcDay(now), REASSESSMENT_MONTHS[vendor.tier]) : null,
      decided_by: ctx.actor.label,
      decided_at: iso,
    };
    await trx.insertInto("vendor_decisions").values(decision).execute();
    await trx
      .updateTable("assessments")
      .set({ status: "completed", completed_at: iso, completed_by: ctx.actor.label, updated_at: iso })
      .where("id", "=", assessment.id)
      .execute();
    const vendorAfter = {
      status: target,
      residual_rating: decision.residual_rating,
      next_review_date: decision.next_review_date,
      last_decision_id: decision.id,
      needs_reassessment: 0,
    };
    await trx
      .updateTable("vendors")
      .set({ ...vendorAfter, updated_at: iso })
      .where("id", "=", vendor.id)
      .execute();

    const audit = auditContext(ctx, now);
    await recordAudit(trx, audit, {
      action: "assessment.complete",
      entityType: "assessment",
      entityId: assessment.id,
      changes: {
        status: { before: assessment.status, after: "completed" },
        completed_at: { before: null, after: iso },
        decision: { after: input.decision },
        decision_id: { after: decision.id },
        ...(accepted.length > 0 ? { risk_accepted_findings: { after: accepted } } : {}),
      },
    });
    await recordAudit(trx, audit, {
      action: "vendor.review_decision",
      entityType: "vendor",
      entityId: vendor.id,
      before: {
        status: vendor.status,
        residual_rating: vendor.residual_rating,
        next_review_date: vendor.next_review_date,
        last_decision_id: vendor.last_decision_id,
        needs_reassessment: vendor.needs_reassessment,
      },
      after: {
        ...vendorAfter,
        assessment_id: assessment.id,
        decision: input.decision,
        reason: input.reason,
        conditions: decision.conditions,
        score: decision.score,
        ...(path.length > 1 ? { status_path: path } : {}),
      },
    });
    return toVendorDecisionRef(decision);
  });
}
