import { type ConditionContext, evaluateCondition } from "./condition.ts";
import type { Answer, Answers, Question, Template } from "./template-schema.ts";

/** Which sections, questions and single choice options are shown for a set of answers. */
export interface Visibility {
  sections: Set<string>;
  questions: Set<string>;
  /** For choice questions with conditional options: the option values currently hidden. */
  hiddenOptions: Map<string, Set<string>>;
}

/** Drops the selections of hidden options from a choice answer; other answers pass through. */
function withoutHiddenOptions(
  answer: Answer | undefined,
  hidden: Set<string> | undefined,
): Answer | undefined {
  if (answer === undefined || hidden === undefined || hidden.size === 0) return answer;
  if (typeof answer === "string") return hidden.has(answer) ? undefined : answer;
  if (Array.isArray(answer)) return answer.filter((value) => !hidden.has(value));
  return answer;
}

function hiddenOptionsOf(question: Question, ctx: ConditionContext): Set<string> | undefined {
  const conditional = (question.options ?? []).filter((option) => option.showIf !== undefined);
  if (conditional.length === 0) return undefined;
  const hidden = new Set<string>();
  for (const option of conditional) {
    if (option.showIf && !evaluateCondition(option.showIf, ctx)) hidden.add(option.value);
  }
  return hidden;
}

/**
 * Works out visibility in document order. Conditions only look backwards, so one pass suffices: a hidden
 * item counts as unanswered for every later condition, which makes hiding cascade, and a question inside a
 * hidden section is hidden whatever its own condition says.
 */
export function computeVisibility(template: Template, answers: Readonly<Answers>): Visibility {
  const visibility: Visibility = { sections: new Set(), questions: new Set(), hiddenOptions: new Map() };
  const ctx: ConditionContext = {
    isVisible: (id) => visibility.sections.has(id) || visibility.questions.has(id),
    answerOf: (id) =>
      Object.hasOwn(answers, id)
        ? withoutHiddenOptions(answers[id], visibility.hiddenOptions.get(id))
        : undefined,
  };

  for (const section of template.sections) {
    if (section.showIf && !evaluateCondition(section.showIf, ctx)) continue;
    visibility.sections.add(section.id);
    for (const question of section.questions) {
      if (question.showIf && !evaluateCondition(question.showIf, ctx)) continue;
      const hidden = hiddenOptionsOf(question, ctx);
      if (hidden) visibility.hiddenOptions.set(question.id, hidden);
      visibility.questions.add(question.id);
    }
  }
  return visibility;
}

/**
 * The answers that count: those of visible questions only, with selections of hidden options removed.
 * Scoring, findings and submission checks should work on these, never on the raw answers.
 */
export function pruneAnswers(
  template: Template,
  answers: Readonly<Answers>,
  visibility: Visibility,
): Answers {
  const pruned: Answers = {};
  for (const section of template.sections) {
    for (const question of section.questions) {
      if (!visibility.questions.has(question.id) || !Object.hasOwn(answers, question.id)) continue;
      const answer = withoutHiddenOptions(answers[question.id], visibility.hiddenOptions.get(question.id));
      if (answer !== undefined) pruned[question.id] = answer;
    }
  }
  return pruned;
}

/** A condition context for finding rules: sees the pruned answers and the final visibility. */
export function createVisibleContext(
  template: Template,
  answers: Readonly<Answers>,
  visibility: Visibility = computeVisibility(template, answers),
): ConditionContext {
  const pruned = pruneAnswers(template, answers, visibility);
  return {
    answerOf: (id) => (Object.hasOwn(pruned, id) ? pruned[id] : undefined),
    isVisible: (id) => visibility.sections.has(id) || visibility.questions.has(id),
  };
}
