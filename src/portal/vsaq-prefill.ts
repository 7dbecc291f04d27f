import { isAnswered } from "../questionnaires/condition.ts";
import { vsaqAnswersToAnswers } from "../questionnaires/vsaq/vsaq-answers.ts";
import { ValidationError } from "../shared/errors.ts";
import type { ServiceContext } from "../shared/service-context.ts";
import { type AnswerChange, ReadOnlyError, saveAnswers } from "./answer-service.ts";
import { EMPTY_ANSWER, loadAnswers } from "./answer-store.ts";
import { answerToControlValues, baseToken, parseBaseToken, parseSubmittedAnswer } from "./answer-values.ts";
import { isEditable, type PortalAssessment, questionIndex } from "./portal-data.ts";

export const MAX_VSAQ_FILE_BYTES = 1024 * 1024;

export interface PrefillReport {
  filled: number;
  skipped: { id: string; reason: string }[];
}

/** Whether this assessment's questionnaire came from VSAQ, so a VSAQ answers file can pre-fill it. */
export function offersVsaqPrefill(portal: PortalAssessment): boolean {
  return portal.version.source === "vsaq" && isEditable(portal.assessment.status);
}

/** Reads the uploaded text as the flat JSON object VSAQ saves (item id -> value). */
export function parseVsaqAnswersFile(text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ValidationError("This file is not a VSAQ answers file", [
      { path: "file", message: "The file is not valid JSON. Choose the answers file VSAQ saved." },
    ]);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    throw new ValidationError("This file is not a VSAQ answers file", [
      { path: "file", message: "A VSAQ answers file holds one object of question ids and answers." },
    ]);
  return data as Record<string, unknown>;
}

/**
 * Fills unanswered questions from a VSAQ answers file as a draft (nothing is submitted). Questions the vendor
 * already answered keep their answer; everything not used is reported with the reason.
 */
export async function prefillFromVsaq(
  ctx: ServiceContext,
  portal: PortalAssessment,
  vsaqAnswers: Record<string, unknown>,
): Promise<PrefillReport> {
  if (!isEditable(portal.assessment.status)) throw new ReadOnlyError();
  const { answers, skipped } = vsaqAnswersToAnswers(portal.template, vsaqAnswers);
  const stored = await loadAnswers(ctx.db, portal.assessment.id);
  const index = questionIndex(portal.template);
  const changes: AnswerChange[] = [];
  const report: PrefillReport = { filled: 0, skipped: [...skipped] };
  for (const [questionId, value] of Object.entries(answers)) {
    const question = index.get(questionId)?.question;
    if (!question) continue;
    const current = stored.get(questionId) ?? EMPTY_ANSWER;
    if (isAnswered(current.value ?? undefined)) {
      report.skipped.push({ id: questionId, reason: "already answered here; your answer was kept" });
      continue;
    }
    const parsed = parseSubmittedAnswer(question, answerToControlValues(value));
    if (!parsed.ok) {
      report.skipped.push({ id: questionId, reason: parsed.message });
      continue;
    }
    const base = parseBaseToken(baseToken(current.revision, current.value, current.comment));
    if (base) changes.push({ questionId, base, value: parsed.value, comment: current.comment });
  }
  const outcomes = await saveAnswers(ctx, portal.assessment.id, changes);
  for (const outcome of outcomes) {
    if (outcome.status === "saved") report.filled += 1;
    else if (outcome.status === "conflict")
      report.skipped.push({
        id: outcome.questionId,
        reason: "someone changed this answer at the same moment",
      });
  }
  return report;
}
