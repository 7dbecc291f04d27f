import { hasAnswer } from "../assessments/assessment-read.ts";
import { utcDay } from "../assessments/reminder-schedule.ts";
import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { AssessmentRow, QuestionnaireVersionRow } from "../db/schema.ts";
import { syncRaisedFindings } from "../findings/finding-service.ts";
import { findVersionById } from "../questionnaires/questionnaire-queries.ts";
import { Answer, type Answers, Template } from "../questionnaires/template-schema.ts";
import { loadReviewPolicy } from "../scoring/review-policy.ts";
import { type ScoreInput, scoreAssessment } from "../scoring/score-assessment.ts";
import type { QuestionScore, ScoreOverride, ScoreResult } from "../scoring/score-types.ts";
import { NotFoundError } from "../shared/errors.ts";
import { auditContext, type ServiceContext } from "../shared/service-context.ts";
import { findVendor } from "../vendors/vendor-queries.ts";
import type { ScoreSettingsOut } from "./review-schemas.ts";

export { readScore, type StoredScore } from "./review-read.ts";

/** Everything a score is computed from, loaded as it stands now. */
export interface ScoringFacts {
  assessment: AssessmentRow;
  version: QuestionnaireVersionRow;
  template: Template;
  input: ScoreInput;
}

function parseAnswer(text: string | null): Answer | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (!hasAnswer(value)) return undefined;
    const parsed = Answer.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The stored answers that say something, by question id (empty texts, lists and file sets left out). */
export async function loadScoredAnswers(db: Db, assessmentId: string): Promise<Answers> {
  const rows = await db
    .selectFrom("answers")
    .select(["question_id", "value"])
    .where("assessment_id", "=", assessmentId)
    .execute();
  const answers: Answers = {};
  for (const row of rows) {
    const value = parseAnswer(row.value);
    if (value !== undefined) answers[row.question_id] = value;
  }
  return answers;
}

/** The reviewer overrides of an assessment, keyed by question id. */
export async function loadOverrides(db: Db, assessmentId: string): Promise<Record<string, ScoreOverride>> {
  const rows = await db
    .selectFrom("score_overrides")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .execute();
  return Object.fromEntries(
    rows.map((r) => [
      r.question_id,
      { score: r.score, comment: r.comment, by: r.overridden_by, at: r.overridden_at },
    ]),
  );
}

/** The template version, answers, overrides, the vendor's current tier and the review policy, for scoring today. */
export async function loadScoringFacts(db: Db, assessmentId: string, now: Date): Promise<ScoringFacts> {
  const assessment = await db
    .selectFrom("assessments")
    .selectAll()
    .where("id", "=", assessmentId)
    .executeTakeFirst();
  if (!assessment) throw new NotFoundError("Assessment");
  const [version, vendor, answers, overrides, policy] = await Promise.all([
    findVersionById(db, assessment.questionnaire_version_id),
    findVendor(db, assessment.vendor_id),
    loadScoredAnswers(db, assessmentId),
    loadOverrides(db, assessmentId),
    loadReviewPolicy(db),
  ]);
  if (!version) throw new NotFoundError("Questionnaire version");
  if (!vendor) throw new NotFoundError("Vendor");
  const template = Template.parse(JSON.parse(version.content));
  return {
    assessment,
    version,
    template,
    input: { template, answers, overrides, tier: vendor.tier, policy, today: utcDay(now) },
  };
}

/** One question of a result, or undefined. */
export function findQuestionScore(result: ScoreResult, questionId: string): QuestionScore | undefined {
  for (const section of result.sections) {
    const found = section.questions.find((q) => q.questionId === questionId);
    if (found) return found;
  }
  return undefined;
}

/**
 * Scores an assessment from what is stored now and keeps the result: the assessment_scores row (with the template
 * version and settings used, so an old score can be explained and reproduced), the raised findings in step with
 * it, and an `assessment.scored` audit event. Runs in the caller's transaction.
 */
export async function rescoreAssessment(
  trx: Db,
  ctx: ServiceContext,
  now: Date,
  assessmentId: string,
): Promise<ScoreResult> {
  const { assessment, version, input } = await loadScoringFacts(trx, assessmentId, now);
  const result = scoreAssessment(input);
  const settings: ScoreSettingsOut = {
    questionnaire: { versionId: version.id, key: version.key, version: version.version },
    notApplicable: result.settings.notApplicable,
    tier: input.tier,
    scoredOn: input.today,
    policy: result.settings.policy,
  };
  const before = await trx
    .selectFrom("assessment_scores")
    .select(["score", "band", "residual_rating"])
    .where("assessment_id", "=", assessmentId)
    .executeTakeFirst();
  const row = {
    questionnaire_version_id: version.id,
    method: result.method,
    settings: JSON.stringify(settings),
    score: result.score,
    band: result.band,
    residual_rating: result.residualRating,
    capped: result.capped ? 1 : 0,
    result: JSON.stringify(result),
    computed_at: now.toISOString(),
  };
  await trx
    .insertInto("assessment_scores")
    .values({ assessment_id: assessmentId, ...row })
    .onConflict((oc) => oc.column("assessment_id").doUpdateSet(row))
    .execute();
  await syncRaisedFindings(trx, ctx, now, {
    vendorId: assessment.vendor_id,
    assessmentId,
    raised: result.raisedFindings,
    policy: input.policy,
  });
  await recordAudit(trx, auditContext(ctx, now), {
    action: "assessment.scored",
    entityType: "assessment",
    entityId: assessmentId,
    changes: {
      score: { before: before?.score ?? null, after: result.score },
      band: { before: before?.band ?? null, after: result.band },
      residual_rating: { before: before?.residual_rating ?? null, after: result.residualRating },
      method: { after: result.method },
      tier: { after: input.tier },
      questionnaire_version_id: { after: version.id },
    },
  });
  return result;
}
