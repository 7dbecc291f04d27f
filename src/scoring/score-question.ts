import { isAnswered } from "../questionnaires/condition.ts";
import { type Answer, isScorable, type Question } from "../questionnaires/template-schema.ts";
import { formatScore, scoreAnswer } from "./answer-score.ts";
import { answerText, isNotApplicable } from "./answer-text.ts";
import type { QuestionScore, QuestionState, ScoreOverride } from "./score-types.ts";

export interface QuestionScoreContext {
  sectionId: string;
  /** Whether the question (and its section) is shown for these answers. */
  visible: boolean;
  notApplicable: "exclude" | "pass";
  /** YYYY-MM-DD. */
  today: string;
  override?: ScoreOverride | undefined;
}

/** Removes floating-point noise (0.6 * 3 = 1.7999999999999998) without changing any figure that matters. */
export function tidy(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}

function notScoredReason(question: Question): string {
  if (question.type === "notice") return "A notice for information; not scored";
  if (!isScorable(question)) {
    if (question.type === "number") return "Not scored: the template sets no thresholds for this number";
    if (question.type === "date") return "Not scored: the template sets no maximum age for this date";
    return "Not scored: text and evidence count only when the template gives them a weight";
  }
  return "Weight 0: asked for context, not scored";
}

interface Counted {
  state: QuestionState;
  computedScore: number | null;
  why: string;
}

/** The answer's own part: its state, what it scores before any override, and why. */
function assess(question: Question, answer: Answer | undefined, ctx: QuestionScoreContext): Counted {
  if (isNotApplicable(question, answer)) {
    return ctx.notApplicable === "pass"
      ? { state: "not_applicable", computedScore: 1, why: "Not applicable: counted as a pass" }
      : { state: "not_applicable", computedScore: null, why: "Not applicable: left out of the score" };
  }
  if (answer === undefined || !isAnswered(answer)) {
    const optional = question.required ? "" : " (optional)";
    return { state: "unanswered", computedScore: 0, why: `Not answered${optional}; scores 0` };
  }
  const scored = scoreAnswer(question, answer, ctx.today);
  return { state: "scored", computedScore: scored.score, why: scored.why };
}

/**
 * One question's part in the score. Hidden and unscored questions, and "not applicable" answers under the
 * exclude rule, leave the denominator (maxPoints 0). A reviewer's override replaces the computed score of any
 * shown, weighted question, and brings back one answered "not applicable".
 */
export function scoreQuestion(
  question: Question,
  answer: Answer | undefined,
  ctx: QuestionScoreContext,
): QuestionScore {
  const override = ctx.override ?? null;
  const ignored = override ? "; the reviewer's override does not apply" : "";
  if (!ctx.visible)
    return leftOut(
      question,
      ctx,
      "hidden",
      null,
      `Not shown for these answers; left out of the score${ignored}`,
    );
  const text = answerText(question, answer);
  if (!isScorable(question) || question.weight <= 0)
    return leftOut(question, ctx, "unscored", text, `${notScoredReason(question)}${ignored}`);

  const own = assess(question, answer, ctx);
  if (own.computedScore === null && !override) return leftOut(question, ctx, own.state, text, own.why);

  const score = override ? Math.min(1, Math.max(0, override.score)) : (own.computedScore ?? 0);
  return {
    questionId: question.id,
    sectionId: ctx.sectionId,
    text: question.text,
    type: question.type,
    critical: question.critical,
    state: own.state,
    answer: text,
    weight: question.weight,
    computedScore: own.computedScore,
    score,
    points: tidy(score * question.weight),
    maxPoints: question.weight,
    passed: score >= question.passScore,
    override,
    why: override
      ? `${own.why}. Overridden by a reviewer to ${formatScore(score)}: ${override.comment}`
      : own.why,
  };
}

// Object literals rather than spreads: spreading costs microseconds per question on Node 20, which a 300-question
// score pays 300 times.
function leftOut(
  question: Question,
  ctx: QuestionScoreContext,
  state: QuestionState,
  answer: string | null,
  why: string,
): QuestionScore {
  return {
    questionId: question.id,
    sectionId: ctx.sectionId,
    text: question.text,
    type: question.type,
    critical: question.critical,
    state,
    answer,
    weight: 0,
    computedScore: null,
    score: null,
    points: null,
    maxPoints: 0,
    passed: null,
    override: ctx.override ?? null,
    why,
  };
}
