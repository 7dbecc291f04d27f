import type { Condition, ConditionValue } from "./condition-schema.ts";
import type { Answer } from "./template-schema.ts";

/** What a condition can look at: the answers and which sections and questions are visible. */
export interface ConditionContext {
  /** The answer to a question, or undefined when there is none. */
  answerOf(questionId: string): Answer | undefined;
  /** Whether the section or question with this id is currently shown. */
  isVisible(id: string): boolean;
}

/** A context over plain answers, for items whose visibility is given (everything is visible by default). */
export function createConditionContext(
  answers: Readonly<Record<string, Answer | undefined>>,
  isVisible: (id: string) => boolean = () => true,
): ConditionContext {
  return { answerOf: (id) => (Object.hasOwn(answers, id) ? answers[id] : undefined), isVisible };
}

/** Whether an answer counts as given: not missing, not blank text, not an empty selection or upload. */
export function isAnswered(answer: Answer | undefined): boolean {
  if (answer === undefined) return false;
  if (typeof answer === "string") return answer.trim() !== "";
  if (typeof answer === "number") return Number.isFinite(answer);
  if (Array.isArray(answer)) return answer.length > 0;
  return answer.fileIds.length > 0;
}

function sameValue(answer: Answer, value: ConditionValue): boolean {
  if (typeof answer === "number")
    return typeof value === "number" ? answer === value : String(answer) === value;
  if (typeof answer === "string") return answer === String(value);
  return false;
}

const patternCache = new Map<string, RegExp | null>();

function compilePattern(pattern: string, caseSensitive: boolean): RegExp | null {
  const key = `${caseSensitive ? "s" : "i"}:${pattern}`;
  let compiled = patternCache.get(key);
  if (compiled === undefined) {
    try {
      compiled = new RegExp(pattern, caseSensitive ? "" : "i");
    } catch {
      // The loader rejects bad patterns; one that slips through (an unchecked template) simply never matches.
      compiled = null;
    }
    if (patternCache.size > 1000) patternCache.clear();
    patternCache.set(key, compiled);
  }
  return compiled;
}

/** Answer of a question as conditions see it: a hidden question counts as unanswered. */
function visibleAnswer(ctx: ConditionContext, questionId: string): Answer | undefined {
  if (!ctx.isVisible(questionId)) return undefined;
  const answer = ctx.answerOf(questionId);
  return isAnswered(answer) ? answer : undefined;
}

/** Evaluates a showIf or finding condition against the answers and current visibility. */
export function evaluateCondition(cond: Condition, ctx: ConditionContext): boolean {
  if ("not" in cond) return !evaluateCondition(cond.not, ctx);
  if ("all" in cond) return cond.all.every((part) => evaluateCondition(part, ctx));
  if ("any" in cond) return cond.any.some((part) => evaluateCondition(part, ctx));
  if ("visible" in cond) return ctx.isVisible(cond.visible);

  const answer = visibleAnswer(ctx, cond.question);
  if ("answered" in cond) return (answer !== undefined) === cond.answered;
  if (answer === undefined) return false;
  if ("equals" in cond) return sameValue(answer, cond.equals);
  if ("oneOf" in cond) {
    if (Array.isArray(answer)) return answer.some((selected) => cond.oneOf.includes(selected));
    return cond.oneOf.some((value) => sameValue(answer, value));
  }
  if ("includes" in cond) return Array.isArray(answer) && answer.includes(cond.includes);
  if (typeof answer !== "string") return false;
  if ("contains" in cond) {
    return cond.caseSensitive
      ? answer.includes(cond.contains)
      : answer.toLocaleLowerCase("en").includes(cond.contains.toLocaleLowerCase("en"));
  }
  const pattern = compilePattern(cond.matches, cond.caseSensitive === true);
  return pattern?.test(answer) ?? false;
}

/** The ids of the questions a condition reads, with the operator used on each (for checks and tooling). */
export function conditionReferences(cond: Condition): { id: string; kind: "answer" | "visible" }[] {
  if ("not" in cond) return conditionReferences(cond.not);
  if ("all" in cond) return cond.all.flatMap(conditionReferences);
  if ("any" in cond) return cond.any.flatMap(conditionReferences);
  if ("visible" in cond) return [{ id: cond.visible, kind: "visible" }];
  return [{ id: cond.question, kind: "answer" }];
}
