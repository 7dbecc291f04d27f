import type { Answers, Question, Template } from "../template-schema.ts";

/** How VSAQ stores a ticked radio button, checkbox or check-group choice. */
const CHECKED = "checked";

export interface VsaqAnswersResult {
  /** Answers keyed by our question ids, ready to pre-fill a draft; nothing is submitted. */
  answers: Answers;
  /** Entries of the VSAQ answers that could not be used, with the reason. */
  skipped: { id: string; reason: string }[];
}

type Target =
  | { kind: "text"; question: Question }
  | { kind: "check"; question: Question }
  | { kind: "yesno"; question: Question }
  | { kind: "choice"; question: Question; value: string }
  | { kind: "upload"; question: Question };

function isTicked(value: unknown): boolean | undefined {
  if (value === true || value === CHECKED || value === "yes" || value === "true") return true;
  if (value === false || value === "" || value === "no" || value === "false") return false;
  return undefined;
}

/** Maps every VSAQ id that can carry an answer to the question (and option) holding it in the template. */
function indexTemplate(template: Template): Map<string, Target> {
  const targets = new Map<string, Target>();
  for (const question of template.sections.flatMap((section) => section.questions)) {
    const origin = question.vsaq;
    if (!origin || question.type === "notice") continue;
    for (const option of question.options ?? [])
      if (option.vsaqId) targets.set(option.vsaqId, { kind: "choice", question, value: option.value });
    if (origin.choice) targets.set(origin.choice, { kind: "check", question });
    if (origin.id === undefined || origin.choice) continue;
    if (origin.type === "check") targets.set(origin.id, { kind: "check", question });
    else if (origin.type === "yesno") targets.set(origin.id, { kind: "yesno", question });
    else if (origin.type === "upload") targets.set(origin.id, { kind: "upload", question });
    else if (["line", "box", "tip"].includes(origin.type)) targets.set(origin.id, { kind: "text", question });
  }
  return targets;
}

/**
 * Turns a VSAQ answers file (a flat object of item or choice id to value: "checked" for ticked choices and
 * checkboxes, "yes"/"no" for yes/no items, text for text items) into answers for a template imported from
 * the same VSAQ questionnaire. Uploaded files cannot be carried over: they live on VSAQ's server.
 */
export function vsaqAnswersToAnswers(
  template: Template,
  vsaqAnswers: Readonly<Record<string, unknown>>,
): VsaqAnswersResult {
  const targets = indexTemplate(template);
  const answers: Answers = {};
  const skipped: VsaqAnswersResult["skipped"] = [];
  const skip = (id: string, reason: string) => skipped.push({ id, reason });

  for (const [id, value] of Object.entries(vsaqAnswers)) {
    const target = targets.get(id);
    if (!target) {
      skip(
        id,
        id.startsWith("vsaq_todo_")
          ? "VSAQ to-do list state is not kept"
          : "no question of this template has this id",
      );
      continue;
    }
    const questionId = target.question.id;
    switch (target.kind) {
      case "text":
        if (typeof value !== "string") skip(id, "expected text");
        else if (value.trim() !== "") answers[questionId] = value;
        break;
      case "yesno":
        if (value === "yes" || value === "no") answers[questionId] = value;
        else if (value !== "") skip(id, `expected "yes" or "no", found ${JSON.stringify(value)}`);
        break;
      case "check": {
        const ticked = isTicked(value);
        if (ticked === undefined) skip(id, `expected "${CHECKED}" or "", found ${JSON.stringify(value)}`);
        else answers[questionId] = ticked ? "yes" : "no";
        break;
      }
      case "choice": {
        const ticked = isTicked(value);
        if (ticked === undefined) {
          skip(id, `expected "${CHECKED}" or "", found ${JSON.stringify(value)}`);
        } else if (target.question.type === "multiple_choice") {
          const selected = Array.isArray(answers[questionId]) ? (answers[questionId] as string[]) : [];
          answers[questionId] = ticked ? [...selected, target.value] : selected;
        } else if (ticked) {
          if (typeof answers[questionId] === "string")
            skip(id, `more than one choice of "${questionId}" is ticked`);
          else answers[questionId] = target.value;
        }
        break;
      }
      case "upload":
        skip(id, "uploaded files cannot be carried over from VSAQ; attach them again");
        break;
    }
  }
  // A check group whose choices were all unticked has no answer rather than an empty one.
  for (const [questionId, answer] of Object.entries(answers))
    if (Array.isArray(answer) && answer.length === 0) delete answers[questionId];
  return { answers, skipped };
}
