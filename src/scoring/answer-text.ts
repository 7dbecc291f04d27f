import { isAnswered } from "../questionnaires/condition.ts";
import { type Answer, NOT_APPLICABLE, type Question } from "../questionnaires/template-schema.ts";

/** Whether the answer is "not applicable" on a question that allows it. */
export function isNotApplicable(question: Question, answer: Answer | undefined): boolean {
  if (!question.allowNotApplicable) return false;
  if (answer === NOT_APPLICABLE) return true;
  return Array.isArray(answer) && answer.length === 1 && answer[0] === NOT_APPLICABLE;
}

function optionLabel(question: Question, value: string): string {
  return question.options?.find((option) => option.value === value)?.label ?? value;
}

/** A yes/no answer in the question's own captions ("Yes" and "No" unless the template renames them). */
export function yesNoText(question: Question, value: "yes" | "no"): string {
  const labels = question.labels ?? { yes: "Yes", no: "No" };
  return labels[value];
}

/** A number with the question's unit: "12 days". */
export function numberText(question: Question, value: number): string {
  const unit = question.number?.unit;
  return unit ? `${value} ${unit}` : String(value);
}

/**
 * The answer as a reviewer reads it: option labels rather than values, "Yes"/"No", a number with its unit, a
 * file count for evidence. Null when there is no answer (or the question is a notice).
 */
export function answerText(question: Question, answer: Answer | undefined): string | null {
  if (answer === undefined || !isAnswered(answer) || question.type === "notice") return null;
  if (isNotApplicable(question, answer)) return "Not applicable";
  if (typeof answer === "number") return numberText(question, answer);
  if (typeof answer === "string") {
    if (question.type === "yes_no" && (answer === "yes" || answer === "no"))
      return yesNoText(question, answer);
    if (question.type === "single_choice") return optionLabel(question, answer);
    return answer;
  }
  if (Array.isArray(answer)) return answer.map((value) => optionLabel(question, value)).join("; ");
  const files = answer.fileIds.length;
  const expiry = answer.expiresOn ? `, valid until ${answer.expiresOn}` : "";
  return `${files} file${files === 1 ? "" : "s"}${expiry}`;
}
