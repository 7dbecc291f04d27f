import { z } from "@hono/zod-openapi";
import { QUESTION_TYPES, TIERS } from "../questionnaires/template-schema.ts";
import { RATINGS, ReviewPolicy, SCORE_BANDS } from "../scoring/score-types.ts";
import { VendorDecisionRef } from "../vendors/vendor-schemas.ts";

const Day = z.iso.date({ message: "must be a date YYYY-MM-DD" });
const Text = (max: number) => z.string().trim().min(1, "required").max(max, `at most ${max} characters`);
const QuestionId = z.string().trim().min(1, "required").max(200);

export const ScoreOverrideOut = z.object({
  score: z.number().openapi({ description: "0..1, replacing the score computed from the answer" }),
  comment: z.string(),
  by: z.string(),
  at: z.string(),
});

export const QuestionScoreOut = z
  .object({
    questionId: z.string(),
    sectionId: z.string(),
    text: z.string(),
    type: z.enum(QUESTION_TYPES),
    critical: z.boolean(),
    state: z.enum(["scored", "not_applicable", "hidden", "unanswered", "unscored"]),
    answer: z.string().nullable().openapi({ description: "The answer as a reviewer reads it" }),
    weight: z.number().openapi({ description: "0 when the question leaves the denominator" }),
    computedScore: z.number().nullable().openapi({ description: "0..1 from the answer alone" }),
    score: z.number().nullable().openapi({ description: "0..1 used: the override when there is one" }),
    points: z.number().nullable(),
    maxPoints: z.number(),
    passed: z.boolean().nullable(),
    why: z.string().openapi({ description: "One sentence explaining the figure" }),
    override: ScoreOverrideOut.nullable(),
  })
  .openapi("QuestionScore");

export const SectionScoreOut = z
  .object({
    sectionId: z.string(),
    title: z.string(),
    weight: z.number(),
    visible: z.boolean(),
    score: z.number().nullable().openapi({ description: "0-100; null when nothing in it counted" }),
    points: z.number(),
    maxPoints: z.number(),
    questions: z.array(QuestionScoreOut),
  })
  .openapi("SectionScore");

export const ScoreSettingsOut = z
  .object({
    questionnaire: z.object({ versionId: z.string(), key: z.string(), version: z.number().int() }),
    notApplicable: z.enum(["exclude", "pass"]),
    tier: z.enum(TIERS).openapi({ description: "The vendor's inherent tier when scored" }),
    scoredOn: Day.openapi({ description: "The day date answers were aged against" }),
    /** The bands, rating matrix and VSAQ rules in force when scored. */
    policy: ReviewPolicy,
  })
  .openapi("ScoreSettings");
export type ScoreSettingsOut = z.infer<typeof ScoreSettingsOut>;

export const AssessmentScore = z
  .object({
    method: z.enum(["weighted", "vsaq_warnings"]),
    score: z
      .number()
      .nullable()
      .openapi({ description: "0-100, one decimal; null for VSAQ or nothing scorable" }),
    band: z.enum(SCORE_BANDS),
    residualRating: z.enum(RATINGS),
    capped: z
      .boolean()
      .openapi({ description: "A failed critical question set the rating to the worst band" }),
    criticalFailures: z.array(z.string()).openapi({ description: "Question ids" }),
    unansweredOptional: z.array(z.string()),
    drivers: z.array(z.string()).openapi({ description: "What set the rating, in sentences" }),
    computedAt: z.string(),
    settings: ScoreSettingsOut,
    sections: z.array(SectionScoreOut),
  })
  .openapi("AssessmentScore");
export type AssessmentScore = z.infer<typeof AssessmentScore>;

export const ScoreOverrideInput = z
  .object({
    score: z
      .number()
      .min(0, "between 0 and 1")
      .max(1, "between 0 and 1")
      .openapi({ description: "The question's score as a fraction, 0 (fail) to 1 (full marks)" }),
    comment: Text(2000).openapi({ description: "Why the reviewer overrides the computed score" }),
  })
  .strict()
  .openapi("ScoreOverrideInput");
export type ScoreOverrideInput = z.infer<typeof ScoreOverrideInput>;

export const CommentInput = z
  .object({
    questionId: QuestionId.optional().openapi({ description: "The question the comment is about, if any" }),
    body: Text(5000),
  })
  .strict()
  .openapi("CommentInput");
export type CommentInput = z.infer<typeof CommentInput>;

export const AssessmentComment = z
  .object({
    id: z.string(),
    questionId: z.string().nullable(),
    author: z.string(),
    body: z.string(),
    createdAt: z.string(),
  })
  .openapi("AssessmentComment");
export type AssessmentComment = z.infer<typeof AssessmentComment>;

export const MAX_CLARIFICATION_QUESTIONS = 50;

export const ClarificationInput = z
  .object({
    questions: z
      .array(z.object({ questionId: QuestionId, message: Text(2000) }).strict())
      .min(1, "ask about at least one question")
      .max(MAX_CLARIFICATION_QUESTIONS, `at most ${MAX_CLARIFICATION_QUESTIONS} questions at once`)
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((q, i) => {
          if (seen.has(q.questionId))
            ctx.addIssue({ code: "custom", path: [i, "questionId"], message: "listed twice" });
          seen.add(q.questionId);
        });
      }),
  })
  .strict()
  .openapi("ClarificationInput");
export type ClarificationInput = z.infer<typeof ClarificationInput>;

export const Clarification = z
  .object({
    id: z.string(),
    questionId: z.string(),
    question: z.string().nullable().openapi({ description: "The question's text in the answered version" }),
    round: z.number().int(),
    message: z.string(),
    requestedBy: z.string(),
    requestedAt: z.string(),
    answeredAt: z
      .string()
      .nullable()
      .openapi({ description: "When the vendor resubmitted; null while open" }),
  })
  .openapi("Clarification");
export type Clarification = z.infer<typeof Clarification>;

export const DECISIONS = ["approved", "approved_with_conditions", "rejected"] as const;

export const CompleteReviewInput = z
  .object({
    decision: z.enum(DECISIONS),
    reason: Text(5000),
    conditions: Text(5000).optional().openapi({
      description: "Required for approved_with_conditions: what the vendor must do or keep doing",
    }),
    acceptRisk: z
      .object({
        justification: Text(5000),
        until: Day.openapi({ description: "YYYY-MM-DD after today; each accepted finding reopens after it" }),
      })
      .strict()
      .optional()
      .openapi({
        description:
          "Accept the risk of every open critical finding of the vendor in the same step (needed to approve while such findings are open)",
      }),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.decision === "approved_with_conditions" && !input.conditions)
      ctx.addIssue({
        code: "custom",
        path: ["conditions"],
        message: "required for approved_with_conditions",
      });
    if (input.decision !== "approved_with_conditions" && input.conditions)
      ctx.addIssue({ code: "custom", path: ["conditions"], message: "only for approved_with_conditions" });
    if (input.decision === "rejected" && input.acceptRisk)
      ctx.addIssue({ code: "custom", path: ["acceptRisk"], message: "risk is accepted only to approve" });
  })
  .openapi("CompleteReviewInput");
export type CompleteReviewInput = z.infer<typeof CompleteReviewInput>;

export const VendorDecision = VendorDecisionRef;
export type VendorDecision = z.infer<typeof VendorDecision>;

export const VendorDecisionList = z
  .object({ data: z.array(VendorDecisionRef) })
  .openapi("VendorDecisionList");
