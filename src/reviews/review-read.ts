import type { Db } from "../db/connection.ts";
import type { AssessmentCommentRow, ClarificationRequestRow } from "../db/schema.ts";
import type { Finding } from "../findings/finding-schemas.ts";
import { listFindingsForAssessment } from "../findings/finding-service.ts";
import type { Template } from "../questionnaires/template-schema.ts";
import type { ScoreResult } from "../scoring/score-types.ts";
import { NotFoundError } from "../shared/errors.ts";
import { toVendorDecisionRef } from "../vendors/vendor-mappers.ts";
import { findVendor } from "../vendors/vendor-queries.ts";
import type {
  AssessmentComment,
  AssessmentScore,
  Clarification,
  ScoreSettingsOut,
  VendorDecision,
} from "./review-schemas.ts";

/** The latest score of an assessment as stored: the full result, the settings used and when. */
export interface StoredScore {
  result: ScoreResult;
  settings: ScoreSettingsOut;
  computedAt: string;
}

/** The stored score of an assessment; null before it was first scored (at submission). */
export async function readScore(db: Db, assessmentId: string): Promise<StoredScore | null> {
  const row = await db
    .selectFrom("assessment_scores")
    .select(["result", "settings", "computed_at"])
    .where("assessment_id", "=", assessmentId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    result: JSON.parse(row.result) as ScoreResult,
    settings: JSON.parse(row.settings) as ScoreSettingsOut,
    computedAt: row.computed_at,
  };
}

/** A stored score as the API shows it: figures, rating, drivers and the breakdown per section and question. */
export function toAssessmentScore(stored: StoredScore): AssessmentScore {
  const { result } = stored;
  return {
    method: result.method,
    score: result.score,
    band: result.band,
    residualRating: result.residualRating,
    capped: result.capped,
    criticalFailures: result.criticalFailures,
    unansweredOptional: result.unansweredOptional,
    drivers: result.drivers,
    computedAt: stored.computedAt,
    settings: stored.settings,
    sections: result.sections.map((s) => ({
      sectionId: s.sectionId,
      title: s.title,
      weight: s.weight,
      visible: s.visible,
      score: s.score,
      points: s.points,
      maxPoints: s.maxPoints,
      questions: s.questions.map((q) => ({
        questionId: q.questionId,
        sectionId: q.sectionId,
        text: q.text,
        type: q.type,
        critical: q.critical,
        state: q.state,
        answer: q.answer,
        weight: q.weight,
        computedScore: q.computedScore,
        score: q.score,
        points: q.points,
        maxPoints: q.maxPoints,
        passed: q.passed,
        why: q.why,
        override: q.override,
      })),
    })),
  };
}

export function toComment(row: AssessmentCommentRow): AssessmentComment {
  return {
    id: row.id,
    questionId: row.question_id,
    author: row.author_label,
    body: row.body,
    createdAt: row.created_at,
  };
}

/** Reviewer comments on an assessment, oldest first. */
export async function listComments(db: Db, assessmentId: string): Promise<AssessmentComment[]> {
  const rows = await db
    .selectFrom("assessment_comments")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toComment);
}

/** Every clarification request of an assessment, by round and then in the order asked. */
export function listClarificationRows(db: Db, assessmentId: string): Promise<ClarificationRequestRow[]> {
  return db
    .selectFrom("clarification_requests")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .orderBy("round")
    .orderBy("id")
    .execute();
}

/** The requests of the round the vendor has not answered yet (empty when none is open). */
export async function listOpenClarifications(
  db: Db,
  assessmentId: string,
): Promise<ClarificationRequestRow[]> {
  return db
    .selectFrom("clarification_requests")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .where("answered_at", "is", null)
    .orderBy("id")
    .execute();
}

function questionTexts(template: Template): Map<string, string> {
  return new Map(template.sections.flatMap((s) => s.questions.map((q) => [q.id, q.text] as const)));
}

export function toClarification(row: ClarificationRequestRow, texts: Map<string, string>): Clarification {
  return {
    id: row.id,
    questionId: row.question_id,
    question: texts.get(row.question_id) ?? null,
    round: row.round,
    message: row.message,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    answeredAt: row.answered_at,
  };
}

/** The decision a completed review of this assessment recorded, if any. */
export async function findAssessmentDecision(db: Db, assessmentId: string): Promise<VendorDecision | null> {
  const row = await db
    .selectFrom("vendor_decisions")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .orderBy("decided_at", "desc")
    .executeTakeFirst();
  return row ? toVendorDecisionRef(row) : null;
}

/** A vendor's decisions, newest first. */
export async function listVendorDecisions(db: Db, vendorId: string): Promise<VendorDecision[]> {
  if (!(await findVendor(db, vendorId))) throw new NotFoundError("Vendor");
  const rows = await db
    .selectFrom("vendor_decisions")
    .selectAll()
    .where("vendor_id", "=", vendorId)
    .orderBy("decided_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(toVendorDecisionRef);
}

/** The review's part of an assessment's detail: score, findings, comments, clarifications and the decision. */
export interface ReviewParts {
  score: AssessmentScore | null;
  findings: Finding[];
  comments: AssessmentComment[];
  clarifications: Clarification[];
  decision: VendorDecision | null;
}

export async function loadReviewParts(
  db: Db,
  assessmentId: string,
  template: Template,
  now: Date,
): Promise<ReviewParts> {
  const [stored, findings, comments, requests, decision] = await Promise.all([
    readScore(db, assessmentId),
    listFindingsForAssessment(db, assessmentId, now),
    listComments(db, assessmentId),
    listClarificationRows(db, assessmentId),
    findAssessmentDecision(db, assessmentId),
  ]);
  const texts = questionTexts(template);
  return {
    score: stored ? toAssessmentScore(stored) : null,
    findings,
    comments,
    clarifications: requests.map((r) => toClarification(r, texts)),
    decision,
  };
}
