import { type FieldIssue, zodIssuesToFields } from "../../shared/errors.ts";
import { type FormSource, formList, formText } from "../../vendors/form-parsing.ts";
import type { BlockingFinding } from "../completion-rules.ts";
import {
  ClarificationInput,
  CommentInput,
  CompleteReviewInput,
  ScoreOverrideInput,
} from "../review-schemas.ts";

// The review page's forms post strings; each parser keeps the values as typed (shown again with the errors) and
// builds the same input the JSON API takes, so the page and the API share the services and their checks.

export type ParsedForm<T> =
  | { ok: true; input: T; values: Record<string, string> }
  | { ok: false; values: Record<string, string>; issues: FieldIssue[] };

/** Which form on the review page came back with a problem, with what the reviewer typed. */
export interface ReviewPageState {
  form: "override" | "comment" | "clarify" | "complete" | "finding";
  /** The question of an override or comment form; absent for the general comment and the finding form. */
  questionId?: string | undefined;
  values: Record<string, string>;
  /** The questions ticked for clarification. */
  ticked?: string[] | undefined;
  issues?: FieldIssue[] | undefined;
  error?: string | undefined;
  /** Open critical findings that stopped an approval. */
  blocking?: BlockingFinding[] | undefined;
}

export type OverrideScale = "points" | "fraction";

/** A decimal as people type it ("0.5", "0,5", " 2 "); undefined when it is not one. */
function readDecimal(text: string): number | undefined {
  const normal = text.replace(",", ".");
  return /^\d+(\.\d+)?$/.test(normal) ? Number(normal) : undefined;
}

/**
 * The override form: a new score as points out of the question's weight or as a fraction 0..1, and the reason.
 * Points are turned into the 0..1 score the service keeps.
 */
export function parseOverrideForm(form: FormSource, weight: number): ParsedForm<ScoreOverrideInput> {
  const values = {
    score: formText(form, "score"),
    scale: formText(form, "scale") === "fraction" ? "fraction" : "points",
    comment: formText(form, "comment"),
  };
  const issues: FieldIssue[] = [];
  const typed = readDecimal(values.score);
  const max = values.scale === "points" ? weight : 1;
  let score = 0;
  if (values.score === "") issues.push({ path: "score", message: "required" });
  else if (typed === undefined) issues.push({ path: "score", message: "must be a number such as 0.5" });
  else if (typed > max) issues.push({ path: "score", message: `between 0 and ${max}` });
  else score = values.scale === "points" && weight > 0 ? typed / weight : typed;
  const parsed = ScoreOverrideInput.safeParse({ score, comment: values.comment });
  if (!parsed.success)
    issues.push(...zodIssuesToFields(parsed.error.issues).filter((i) => i.path !== "score"));
  if (issues.length > 0 || !parsed.success) return { ok: false, values, issues };
  return { ok: true, input: parsed.data, values };
}

/** A comment on the assessment, or on one question when the form names it. */
export function parseCommentForm(form: FormSource): ParsedForm<CommentInput> {
  const values = { questionId: formText(form, "questionId"), body: formText(form, "body") };
  const parsed = CommentInput.safeParse({
    ...(values.questionId ? { questionId: values.questionId } : {}),
    body: values.body,
  });
  return parsed.success
    ? { ok: true, input: parsed.data, values }
    : { ok: false, values, issues: zodIssuesToFields(parsed.error.issues) };
}

/** The message field of one question in the clarification form. */
export const messageField = (questionId: string) => `message.${questionId}`;
/** The "ask the vendor" checkbox of one question (its value is the question id). */
export const askField = (questionId: string) => `ask.${questionId}`;

/**
 * The clarification form: the ticked questions (`ask`, in page order) with their messages (`message.<id>`).
 * Messages typed for questions left unticked are kept too, so nothing the reviewer wrote is lost on an error.
 */
export function parseClarificationForm(
  form: FormSource,
  questionIds: readonly string[],
): ParsedForm<ClarificationInput> & { ticked: string[] } {
  const chosen = new Set(formList(form, "ask"));
  const ticked = questionIds.filter((id) => chosen.has(id));
  const values: Record<string, string> = {};
  for (const id of questionIds) {
    const text = formText(form, messageField(id));
    if (text !== "") values[messageField(id)] = text;
  }
  const parsed = ClarificationInput.safeParse({
    questions: ticked.map((questionId) => ({ questionId, message: values[messageField(questionId)] ?? "" })),
  });
  if (parsed.success) return { ok: true, input: parsed.data, values, ticked };
  return {
    ok: false,
    values,
    ticked,
    issues: clarificationIssues(zodIssuesToFields(parsed.error.issues), ticked),
  };
}

/** Issues about `questions[i]` moved onto the fields of the i-th ticked question. */
export function clarificationIssues(issues: readonly FieldIssue[], ticked: readonly string[]): FieldIssue[] {
  return issues.map((issue) => {
    const m = /^questions\[(\d+)\]\.(questionId|message)$/.exec(issue.path);
    const id = m ? ticked[Number(m[1])] : undefined;
    if (!m || id === undefined) return { path: "ask", message: issue.message };
    return { path: m[2] === "message" ? messageField(id) : askField(id), message: issue.message };
  });
}

export const COMPLETION_FIELDS = [
  "decision",
  "reason",
  "conditions",
  "acceptRisk.justification",
  "acceptRisk.until",
] as const;

/** The completion form: decision, reason, conditions and, to approve past open critical findings, an acceptance. */
export function parseCompletionForm(form: FormSource): ParsedForm<CompleteReviewInput> {
  const values = Object.fromEntries(COMPLETION_FIELDS.map((n) => [n, formText(form, n)]));
  const justification = values["acceptRisk.justification"] ?? "";
  const until = values["acceptRisk.until"] ?? "";
  const parsed = CompleteReviewInput.safeParse({
    decision: values.decision,
    reason: values.reason,
    ...(values.conditions ? { conditions: values.conditions } : {}),
    ...(justification || until ? { acceptRisk: { justification, until } } : {}),
  });
  if (parsed.success) return { ok: true, input: parsed.data, values };
  const issues = zodIssuesToFields(parsed.error.issues).map((i) =>
    i.path === "decision" ? { path: "decision", message: "choose a decision" } : i,
  );
  return { ok: false, values, issues };
}
