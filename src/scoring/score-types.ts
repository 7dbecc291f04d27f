// From @hono/zod-openapi so the schemas are built after zod gains `.openapi()` (the API documents ReviewPolicy).
import { z } from "@hono/zod-openapi";
import { type QuestionType, Severity, type Tier } from "../questionnaires/template-schema.ts";

export const RATINGS = ["low", "medium", "high", "critical"] as const;
export const SCORE_BANDS = ["strong", "good", "fair", "poor"] as const;

/** Residual risk rating of a vendor after its assessment. */
export const Rating = z.enum(RATINGS);
export type Rating = z.infer<typeof Rating>;
/** Band of an overall score, best first. */
export const ScoreBand = z.enum(SCORE_BANDS);
export type ScoreBand = z.infer<typeof ScoreBand>;

const Percent = z.number().min(0, "scores lie between 0 and 100").max(100, "scores lie between 0 and 100");

/** Minimum overall score for each band; a score below `fair` is poor. */
export const BandThresholds = z
  .strictObject({ strong: Percent, good: Percent, fair: Percent })
  .refine((b) => b.strong >= b.good && b.good >= b.fair, {
    message: "band minimums must not increase from strong to good to fair",
  });
export type BandThresholds = z.infer<typeof BandThresholds>;

const BandRatings = z.strictObject({ strong: Rating, good: Rating, fair: Rating, poor: Rating });
/** Inherent tier x score band -> residual rating. */
export const RatingMatrix = z.strictObject({
  critical: BandRatings,
  high: BandRatings,
  medium: BandRatings,
  low: BandRatings,
});
export type RatingMatrix = z.infer<typeof RatingMatrix>;

/** One VSAQ rule: at least `atLeast` raised findings of `severity` set the band. */
export const VsaqRule = z.strictObject({
  severity: Severity,
  atLeast: z.number().int().min(1, "a rule needs at least one finding"),
  band: ScoreBand,
});
export type VsaqRule = z.infer<typeof VsaqRule>;

/** How VSAQ warning counts map to a band: rules tried in order, the first match wins, else `otherwise`. */
export const VsaqPolicy = z.strictObject({
  rules: z.array(VsaqRule),
  otherwise: ScoreBand,
});
export type VsaqPolicy = z.infer<typeof VsaqPolicy>;

const Days = z.number().int().min(1, "at least 1 day").max(3650, "at most 3650 days");
export const FindingDueDays = z.strictObject({
  critical: Days,
  high: Days,
  medium: Days,
  low: Days,
});
export type FindingDueDays = z.infer<typeof FindingDueDays>;

/** The review policy: bands, residual matrix, VSAQ rating, finding due dates and evidence reminders. */
export const ReviewPolicy = z.strictObject({
  bands: BandThresholds,
  matrix: RatingMatrix,
  vsaq: VsaqPolicy,
  findingDueDays: FindingDueDays,
  evidenceReminderDays: z.number().int().min(1, "at least 1 day").max(365, "at most 365 days"),
});
export type ReviewPolicy = z.infer<typeof ReviewPolicy>;

export type QuestionState = "scored" | "not_applicable" | "hidden" | "unanswered" | "unscored";

export interface ScoreOverride {
  score: number;
  comment: string;
  by: string;
  at: string;
}

/** One question's part in the score, with the sentence that explains it. */
export interface QuestionScore {
  questionId: string;
  sectionId: string;
  text: string;
  type: QuestionType;
  critical: boolean;
  state: QuestionState;
  /** The answer as a reviewer reads it (option labels, "Yes", "12 months", file count). */
  answer: string | null;
  /** 0 when the question leaves the denominator. */
  weight: number;
  /** 0..1 from the answer. */
  computedScore: number | null;
  /** 0..1 actually used (the override when there is one). */
  score: number | null;
  points: number | null;
  /** The weight when counted, else 0. */
  maxPoints: number;
  /** score >= passScore; null when not scored. */
  passed: boolean | null;
  override: ScoreOverride | null;
  why: string;
}

export interface SectionScore {
  sectionId: string;
  title: string;
  weight: number;
  visible: boolean;
  /** 0-100, unrounded; null when nothing in the section counted. */
  score: number | null;
  points: number;
  maxPoints: number;
  questions: QuestionScore[];
}

export interface RaisedFinding {
  questionId: string;
  severity: Severity;
  title: string;
  recommendation: string;
  answerText: string | null;
}

export interface ScoreResult {
  method: "weighted" | "vsaq_warnings";
  /** 0-100 rounded to one decimal; null when nothing was scorable or the method is vsaq_warnings. */
  score: number | null;
  band: ScoreBand;
  capped: boolean;
  /** Question ids of failed critical questions. */
  criticalFailures: string[];
  unansweredOptional: string[];
  sections: SectionScore[];
  raisedFindings: RaisedFinding[];
  tier: Tier;
  residualRating: Rating;
  /** Sentences saying what set the rating. */
  drivers: string[];
  settings: { notApplicable: "exclude" | "pass"; policy: ReviewPolicy };
}
