import { numberQuestions } from "../questionnaires/question-numbers.ts";
import type { Answers, Template, Tier } from "../questionnaires/template-schema.ts";
import { computeVisibility, createVisibleContext, pruneAnswers } from "../questionnaires/visibility.ts";
import { monthsBefore } from "./answer-score.ts";
import { raiseFindings } from "./raised-findings.ts";
import { type CriticalFailure, rateWeighted } from "./residual-rating.ts";
import { scoreQuestion, tidy } from "./score-question.ts";
import type { QuestionScore, ReviewPolicy, ScoreOverride, ScoreResult, SectionScore } from "./score-types.ts";
import { isVsaqTemplate, rateVsaq } from "./vsaq-rating.ts";

export interface ScoreInput {
  template: Template;
  answers: Answers;
  /** Reviewer overrides keyed by question id. */
  overrides?: Record<string, ScoreOverride>;
  tier: Tier;
  policy: ReviewPolicy;
  /** The day of scoring, YYYY-MM-DD: date questions are aged against it, so results are reproducible. */
  today: string;
}

const sum = (values: readonly number[]) => tidy(values.reduce((a, b) => a + b, 0));

/** 100 * points / maxPoints of a section's counted questions; null when none counted. */
function sectionScore(
  section: Template["sections"][number],
  visible: boolean,
  questions: QuestionScore[],
): SectionScore {
  const points = sum(questions.map((q) => q.points ?? 0));
  const maxPoints = sum(questions.map((q) => q.maxPoints));
  return {
    sectionId: section.id,
    title: section.title,
    weight: section.weight,
    visible,
    score: maxPoints > 0 ? tidy((100 * points) / maxPoints) : null,
    points,
    maxPoints,
    questions,
  };
}

/** Weighted mean of the section scores over sections with counted weight, rounded to one decimal. */
function overallScore(sections: readonly SectionScore[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const section of sections) {
    if (section.score === null) continue;
    weighted += section.weight * section.score;
    weights += section.weight;
  }
  if (weights === 0) return null;
  const mean = Math.min(100, Math.max(0, weighted / weights));
  return Math.round(tidy(mean) * 10) / 10;
}

/**
 * Scores a set of answers against the template they were given for: per question, per section and overall,
 * the findings they raise, and the residual rating for the vendor's inherent tier. Pure and deterministic.
 */
export function scoreAssessment(input: ScoreInput): ScoreResult {
  const { template, answers, tier, policy, today } = input;
  monthsBefore(today, 0); // rejects a malformed `today` up front, whatever the template asks
  const notApplicable = template.scoring.notApplicable;
  const visibility = computeVisibility(template, answers);
  const pruned = pruneAnswers(template, answers, visibility);
  const byId = new Map<string, QuestionScore>();
  const unansweredOptional: string[] = [];
  const criticalFailures: CriticalFailure[] = [];
  const numbers = numberQuestions(template);

  const sections = template.sections.map((section) => {
    const questions = section.questions.map((question) => {
      const scored = scoreQuestion(question, pruned[question.id], {
        sectionId: section.id,
        visible: visibility.questions.has(question.id),
        notApplicable,
        today,
        override: input.overrides?.[question.id],
      });
      byId.set(question.id, scored);
      if (scored.state === "unanswered" && !question.required) unansweredOptional.push(question.id);
      if (question.critical && scored.maxPoints > 0 && scored.passed === false)
        criticalFailures.push({
          questionId: question.id,
          text: question.text,
          number: numbers.get(question.id),
        });
      return scored;
    });
    return sectionScore(section, visibility.sections.has(section.id), questions);
  });

  const raisedFindings = raiseFindings(template, byId, createVisibleContext(template, answers, visibility));
  const settings = { notApplicable, policy };
  const common = { unansweredOptional, sections, raisedFindings, tier, settings };

  if (isVsaqTemplate(template)) {
    const rating = rateVsaq(policy, tier, raisedFindings);
    return {
      method: "vsaq_warnings",
      score: null,
      band: rating.band,
      capped: false,
      criticalFailures: [],
      ...common,
      residualRating: rating.residualRating,
      drivers: rating.drivers,
    };
  }

  const score = overallScore(sections);
  const rating = rateWeighted(policy, tier, score, criticalFailures);
  return {
    method: "weighted",
    score,
    band: rating.band,
    capped: rating.capped,
    criticalFailures: criticalFailures.map((q) => q.questionId),
    ...common,
    residualRating: rating.residualRating,
    drivers: rating.drivers,
  };
}
