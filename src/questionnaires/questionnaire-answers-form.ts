import { type Answers, NOT_APPLICABLE, type Question, type Template } from "./template-schema.ts";

// The form field names of the questionnaire form. Question ids may hold '.', '_' and '-' but never ':', so
// `a:<id>` and its parts (`a:<id>:kind`) can never collide with another question's field.

/** The form field that carries a question's answer ("na" for an evidence question marked not applicable). */
export function answerFieldName(questionId: string): string {
  return `a:${questionId}`;
}

/** The file input of an evidence question. */
export function evidenceFileFieldName(questionId: string): string {
  return `a:${questionId}:file`;
}

/** The field for an evidence question's document kind. */
export function evidenceKindFieldName(questionId: string): string {
  return `a:${questionId}:kind`;
}

/** The field for an evidence question's expiry date. */
export function evidenceExpiryFieldName(questionId: string): string {
  return `a:${questionId}:expires`;
}

export interface FormAnswers {
  answers: Answers;
  /** Question id -> why a value could not be read (a number or date that is not one). */
  invalid: Record<string, string>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function readOne(question: Question, values: readonly string[], out: FormAnswers): void {
  const first = values.find((value) => value.trim() !== "");
  switch (question.type) {
    case "yes_no":
    case "single_choice":
    case "short_text":
    case "long_text":
      if (first !== undefined) out.answers[question.id] = first;
      return;
    case "multiple_choice": {
      const chosen = values.filter((value) => value !== "");
      if (chosen.includes(NOT_APPLICABLE)) out.answers[question.id] = NOT_APPLICABLE;
      else if (chosen.length > 0) out.answers[question.id] = [...new Set(chosen)];
      return;
    }
    case "number": {
      if (first === undefined) return;
      const number = Number(first.trim());
      if (Number.isFinite(number)) out.answers[question.id] = number;
      else out.invalid[question.id] = "Enter a number";
      return;
    }
    case "date":
      if (first === undefined) return;
      if (isRealDate(first.trim())) out.answers[question.id] = first.trim();
      else out.invalid[question.id] = "Enter a date as YYYY-MM-DD";
      return;
    case "evidence":
      // Files arrive through the portal's upload handling, not as plain form values.
      if (first === NOT_APPLICABLE && question.allowNotApplicable) out.answers[question.id] = NOT_APPLICABLE;
      return;
    case "notice":
      return;
  }
}

/**
 * Reads the answers a questionnaire form (or a preview's query string) carries, by question type. Values of
 * hidden questions are read too; computeVisibility and pruneAnswers decide what counts.
 */
export function answersFromForm(
  template: Template,
  valuesOf: (name: string) => readonly string[],
): FormAnswers {
  const out: FormAnswers = { answers: {}, invalid: {} };
  for (const section of template.sections)
    for (const question of section.questions) readOne(question, valuesOf(answerFieldName(question.id)), out);
  return out;
}
