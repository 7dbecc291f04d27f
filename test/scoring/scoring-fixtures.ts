import {
  type Answers,
  type QuestionInput,
  type SectionInput,
  Template,
  type TemplateInput,
  type Tier,
} from "../../src/questionnaires/template-schema.ts";
import { DEFAULT_REVIEW_POLICY } from "../../src/scoring/review-policy.ts";
import { type ScoreInput, scoreAssessment } from "../../src/scoring/score-assessment.ts";
import type { QuestionScore, ScoreResult } from "../../src/scoring/score-types.ts";

export const TODAY = "2026-03-02";

/** A template from sections, with everything else filled in. */
export function templateOf(
  sections: SectionInput[],
  extra: Partial<Omit<TemplateInput, "sections">> = {},
): Template {
  return Template.parse({
    key: "scoring-test",
    version: 1,
    title: "Scoring test",
    tiers: ["low"],
    ...extra,
    sections,
  });
}

/** A template of one section holding one question. */
export function oneQuestion(
  question: QuestionInput,
  extra: Partial<Omit<TemplateInput, "sections">> = {},
): Template {
  return templateOf([{ id: "only", title: "Only section", questions: [question] }], extra);
}

/** Scores with the default policy, tier medium and TODAY unless told otherwise. */
export function score(
  template: Template,
  answers: Answers,
  more: Partial<Omit<ScoreInput, "template" | "answers">> = {},
): ScoreResult {
  return scoreAssessment({
    template,
    answers,
    tier: "medium" as Tier,
    policy: DEFAULT_REVIEW_POLICY,
    today: TODAY,
    ...more,
  });
}

/** The scored question with this id. */
export function questionOf(result: ScoreResult, id: string): QuestionScore {
  const found = result.sections.flatMap((s) => s.questions).find((q) => q.questionId === id);
  if (!found) throw new Error(`no question ${id} in the result`);
  return found;
}
