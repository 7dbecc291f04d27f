import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { AssessmentRow, ScoreOverrideRow } from "../db/schema.ts";
import { scoreAssessment } from "../scoring/score-assessment.ts";
import type { ScoreResult } from "../scoring/score-types.ts";
import { ConflictError, NotFoundError } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { findQuestionScore, loadScoringFacts, rescoreAssessment } from "./assessment-scoring.ts";
import type { ScoreOverrideInput } from "./review-schemas.ts";

/** The statuses in which a reviewer works on the answers: after submission, before completion. */
export const UNDER_REVIEW: readonly AssessmentRow["status"][] = ["submitted", "clarification_requested"];

export function requireUnderReview(assessment: AssessmentRow, doing: string): void {
  if (!UNDER_REVIEW.includes(assessment.status))
    throw new ConflictError(`Cannot ${doing}: the assessment is ${assessment.status.replace("_", " ")}`, {
      status: assessment.status,
    });
}

/** The question has no override to remove: a repeated "Remove override", or another reviewer was first. */
export class OverrideNotFoundError extends NotFoundError {
  constructor() {
    super("Override");
  }
}

function snapshot(row: ScoreOverrideRow | undefined) {
  return row
    ? { score: row.score, comment: row.comment, by: row.overridden_by, at: row.overridden_at }
    : null;
}

async function findOverride(trx: Db, assessmentId: string, questionId: string) {
  return trx
    .selectFrom("score_overrides")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .where("question_id", "=", questionId)
    .executeTakeFirst();
}

/**
 * Replaces the computed score of one scored question with the reviewer's, with the reason; audited with the
 * override before and after, and the assessment rescored in the same transaction.
 */
export async function setScoreOverride(
  ctx: ServiceContext,
  assessmentId: string,
  questionId: string,
  input: ScoreOverrideInput,
): Promise<ScoreResult> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const facts = await loadScoringFacts(trx, assessmentId, now);
    requireUnderReview(facts.assessment, "override a score");
    const question = findQuestionScore(scoreAssessment({ ...facts.input, overrides: {} }), questionId);
    if (!question) throw new NotFoundError("Question");
    if (question.state === "hidden" || question.state === "unscored")
      throw new ConflictError(
        question.state === "hidden"
          ? "This question is not shown for the vendor's answers, so it has no score to override"
          : "This question is not scored, so it has no score to override",
        { state: question.state },
      );
    const before = await findOverride(trx, assessmentId, questionId);
    const row: ScoreOverrideRow = {
      assessment_id: assessmentId,
      question_id: questionId,
      score: input.score,
      comment: input.comment,
      overridden_by: ctx.actor.label,
      overridden_at: now.toISOString(),
    };
    const { assessment_id: _a, question_id: _q, ...set } = row;
    await trx
      .insertInto("score_overrides")
      .values(row)
      .onConflict((oc) => oc.columns(["assessment_id", "question_id"]).doUpdateSet(set))
      .execute();
    await recordAudit(trx, auditContext(ctx, now), {
      action: "assessment.score_override",
      entityType: "assessment",
      entityId: assessmentId,
      changes: {
        [`overrides.${questionId}`]: { before: snapshot(before), after: snapshot(row) },
        [`computed.${questionId}`]: { after: question.computedScore },
      },
    });
    return rescoreAssessment(trx, ctx, now, assessmentId);
  });
}

/** Removes a reviewer's override: the question scores from its answer again. Audited, rescored. */
export async function removeScoreOverride(
  ctx: ServiceContext,
  assessmentId: string,
  questionId: string,
): Promise<ScoreResult> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const assessment = await trx
      .selectFrom("assessments")
      .selectAll()
      .where("id", "=", assessmentId)
      .executeTakeFirst();
    if (!assessment) throw new NotFoundError("Assessment");
    requireUnderReview(assessment, "remove an override");
    const before = await findOverride(trx, assessmentId, questionId);
    if (!before) throw new OverrideNotFoundError();
    await trx
      .deleteFrom("score_overrides")
      .where("assessment_id", "=", assessmentId)
      .where("question_id", "=", questionId)
      .execute();
    await recordAudit(trx, auditContext(ctx, now), {
      action: "assessment.score_override_remove",
      entityType: "assessment",
      entityId: assessmentId,
      changes: { [`overrides.${questionId}`]: { before: snapshot(before), after: null } },
    });
    return rescoreAssessment(trx, ctx, now, assessmentId);
  });
}
