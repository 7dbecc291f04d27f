import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import type { AnswerRow, AssessmentInviteRow, EvidenceFileRow } from "../db/schema.ts";
import { findVersionById } from "../questionnaires/questionnaire-queries.ts";
import { type Answers, Template } from "../questionnaires/template-schema.ts";
import { computeVisibility, pruneAnswers } from "../questionnaires/visibility.ts";
import { loadReviewParts } from "../reviews/review-read.ts";
import { NotFoundError } from "../shared/errors.ts";
import { reminderState } from "./assessment-jobs.ts";
import {
  type AssessmentSummaryRow,
  findAssessment,
  findAssessmentSummary,
  isInviteActive,
  listInvites,
} from "./assessment-queries.ts";
import {
  type AssessmentDetail,
  type AssessmentSummary,
  AWAITING_ANSWERS,
  type Invite,
} from "./assessment-schemas.ts";
import { isOverdue, nextReminderDay } from "./reminder-schedule.ts";

export function toAssessmentSummary(row: AssessmentSummaryRow, now: Date): AssessmentSummary {
  return {
    id: row.id,
    vendor: { id: row.vendor_id, name: row.vendor_name },
    questionnaire: {
      key: row.questionnaire_key,
      version: row.questionnaire_version,
      title: row.questionnaire_title,
    },
    status: row.status,
    dueDate: row.due_date,
    overdue: (AWAITING_ANSWERS as readonly string[]).includes(row.status) && isOverdue(row.due_date, now),
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    lastReminderAt: row.last_reminder_at,
  };
}

export function toInvite(row: AssessmentInviteRow, now: Date): Invite {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    active: isInviteActive(row, now),
  };
}

/** Whether a stored answer says something: an empty text, list or file set does not count. */
export function hasAnswer(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object" && "fileIds" in value)
    return Array.isArray(value.fileIds) && value.fileIds.length > 0;
  return true;
}

function parseValue(row: AnswerRow): unknown {
  return row.value === null ? null : JSON.parse(row.value);
}

/** Progress over the questions the current answers make visible. */
export function measureProgress(template: Template, rows: readonly AnswerRow[]) {
  const answers: Answers = {};
  for (const row of rows) {
    const value = parseValue(row);
    if (hasAnswer(value)) answers[row.question_id] = value as Answers[string];
  }
  const visibility = computeVisibility(template, answers);
  const pruned = pruneAnswers(template, answers, visibility);
  const progress = { requiredAnswered: 0, requiredTotal: 0, answered: 0, visible: 0 };
  for (const question of template.sections.flatMap((s) => s.questions)) {
    if (question.type === "notice" || !visibility.questions.has(question.id)) continue;
    const answered = hasAnswer(pruned[question.id]);
    progress.visible += 1;
    if (answered) progress.answered += 1;
    if (question.required) {
      progress.requiredTotal += 1;
      if (answered) progress.requiredAnswered += 1;
    }
  }
  return progress;
}

export function evidenceHref(assessmentId: string, fileId: string): string {
  return `/api/v1/assessments/${assessmentId}/evidence/${fileId}`;
}

function toEvidence(row: EvidenceFileRow) {
  return {
    id: row.id,
    question: row.question_id,
    name: row.original_name,
    size: row.size,
    sha256: row.sha256,
    mediaType: row.media_type,
    uploadedAt: row.uploaded_at,
    href: evidenceHref(row.assessment_id, row.id),
  };
}

/** One assessment as the API and the staff page show it (never a link secret), with its template. */
export async function loadAssessment(
  db: Db,
  id: string,
  now: Date,
  config: Config,
): Promise<{ detail: AssessmentDetail; template: Template }> {
  const [row, summary] = await Promise.all([findAssessment(db, id), findAssessmentSummary(db, id)]);
  if (!row || !summary) throw new NotFoundError("Assessment");
  const version = await findVersionById(db, row.questionnaire_version_id);
  if (!version) throw new NotFoundError("Questionnaire version");
  const template = Template.parse(JSON.parse(version.content));
  const [invites, answerRows, files] = await Promise.all([
    listInvites(db, id),
    db.selectFrom("answers").selectAll().where("assessment_id", "=", id).execute(),
    db
      .selectFrom("evidence_files")
      .selectAll()
      .where("assessment_id", "=", id)
      .where("deleted_at", "is", null)
      .orderBy("uploaded_at")
      .execute(),
  ]);
  const awaiting = (AWAITING_ANSWERS as readonly string[]).includes(row.status);
  const base = toAssessmentSummary(summary, now);
  const detail: AssessmentDetail = {
    ...base,
    questionnaire: { ...base.questionnaire, estimatedMinutes: template.estimatedMinutes ?? null },
    message: row.message,
    cancelledAt: row.cancelled_at,
    attestation:
      row.submitted_at && row.attested_name
        ? { name: row.attested_name, title: row.attested_title, at: row.submitted_at }
        : null,
    invites: invites.map((i) => toInvite(i, now)),
    reminders: {
      last: row.last_reminder_at,
      nextAutomatic: awaiting ? nextReminderDay(reminderState(row, config), now) : null,
    },
    progress: measureProgress(template, answerRows),
    answers: Object.fromEntries(
      answerRows.map((a) => [
        a.question_id,
        { value: parseValue(a), comment: a.comment, updatedAt: a.updated_at },
      ]),
    ),
    evidence: files.map(toEvidence),
    completedAt: row.completed_at,
    completedBy: row.completed_by,
    ...(await loadReviewParts(db, id, template, now)),
  };
  return { detail, template };
}

export async function getAssessmentDetail(
  db: Db,
  id: string,
  now: Date,
  config: Config,
): Promise<AssessmentDetail> {
  return (await loadAssessment(db, id, now, config)).detail;
}
