import type { Db } from "../db/connection.ts";
import { isFindingOverdue } from "./finding-lifecycle.ts";
import { type FindingWithVendor, findScoreResult, loadAssessmentContents } from "./finding-queries.ts";
import type { Finding } from "./finding-schemas.ts";

/** Question texts by assessment id, then question id. */
export type QuestionTexts = Map<string, Map<string, string>>;

interface QuestionLike {
  id?: unknown;
  text?: unknown;
}

/** The question ids and texts of stored questionnaire content; tolerant of shape, it only reads. */
export function questionTextsOf(content: string): Map<string, string> {
  const texts = new Map<string, string>();
  try {
    const parsed = JSON.parse(content) as { sections?: { questions?: QuestionLike[] }[] };
    for (const section of parsed.sections ?? [])
      for (const q of section.questions ?? [])
        if (typeof q.id === "string" && typeof q.text === "string") texts.set(q.id, q.text);
  } catch {
    // Stored content was validated when published; a broken row just shows no question text.
  }
  return texts;
}

// SQLite allows a limited number of bound values per statement.
const CHUNK = 500;

/** The texts of the questions findings point at, each questionnaire version read once. */
export async function loadQuestionTexts(db: Db, rows: readonly FindingWithVendor[]): Promise<QuestionTexts> {
  const ids = [...new Set(rows.flatMap((r) => (r.assessment_id && r.question_id ? [r.assessment_id] : [])))];
  const byVersion = new Map<string, Map<string, string>>();
  const out: QuestionTexts = new Map();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const row of await loadAssessmentContents(db, ids.slice(i, i + CHUNK))) {
      let texts = byVersion.get(row.versionId);
      if (!texts) {
        texts = questionTextsOf(row.content);
        byVersion.set(row.versionId, texts);
      }
      out.set(row.assessmentId, texts);
    }
  }
  return out;
}

/** One finding as the API shows it. */
export function toFinding(row: FindingWithVendor, today: string, texts?: QuestionTexts): Finding {
  const question =
    row.assessment_id && row.question_id
      ? (texts?.get(row.assessment_id)?.get(row.question_id) ?? null)
      : null;
  return {
    id: row.id,
    vendor: { id: row.vendor_id, name: row.vendor_name },
    assessmentId: row.assessment_id,
    questionId: row.question_id,
    question,
    answer: row.answer_text,
    source: row.source,
    severity: row.severity,
    title: row.title,
    recommendation: row.recommendation,
    status: row.status,
    dueDate: row.due_date,
    overdue: isFindingOverdue(row.status, row.due_date, today),
    remediation:
      row.remediation_plan !== null && row.remediation_target_date !== null
        ? { plan: row.remediation_plan, targetDate: row.remediation_target_date }
        : null,
    riskAcceptance:
      row.acceptance_justification !== null && row.accepted_by !== null && row.accepted_until !== null
        ? {
            justification: row.acceptance_justification,
            acceptedBy: row.accepted_by,
            until: row.accepted_until,
          }
        : null,
    resolution:
      row.resolution_note !== null && row.resolved_at !== null
        ? { note: row.resolution_note, at: row.resolved_at }
        : null,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Rows to API findings, with their question texts. */
export async function toFindings(
  db: Db,
  rows: readonly FindingWithVendor[],
  today: string,
): Promise<Finding[]> {
  const texts = await loadQuestionTexts(db, rows);
  return rows.map((r) => toFinding(r, today, texts));
}

function findAnswer(node: unknown, questionId: string): string | null | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findAnswer(item, questionId);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (node === null || typeof node !== "object") return undefined;
  const record = node as Record<string, unknown>;
  if (record.questionId === questionId && "answer" in record)
    return typeof record.answer === "string" ? record.answer : null;
  for (const key of ["sections", "questions"])
    if (key in record) {
      const found = findAnswer(record[key], questionId);
      if (found !== undefined) return found;
    }
  return undefined;
}

/** The answer to a question as the latest score read it, for a finding a reviewer adds about that question. */
export async function readScoredAnswer(
  db: Db,
  assessmentId: string,
  questionId: string,
): Promise<string | null> {
  const result = await findScoreResult(db, assessmentId);
  if (!result) return null;
  try {
    return findAnswer(JSON.parse(result), questionId) ?? null;
  } catch {
    return null;
  }
}
