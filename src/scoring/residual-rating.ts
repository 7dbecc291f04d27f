import type { Tier } from "../questionnaires/template-schema.ts";
import type { Rating, ReviewPolicy, ScoreBand } from "./score-types.ts";

/** The band of an overall score: the first of strong, good, fair whose minimum it reaches, else poor. */
export function scoreBand(policy: ReviewPolicy, score: number): ScoreBand {
  if (score >= policy.bands.strong) return "strong";
  if (score >= policy.bands.good) return "good";
  if (score >= policy.bands.fair) return "fair";
  return "poor";
}

/** Residual risk of a vendor: its inherent tier crossed with its band through the policy's matrix. */
export function residualRating(policy: ReviewPolicy, tier: Tier, band: ScoreBand): Rating {
  return policy.matrix[tier][band];
}

/** "72.5": the overall score as sentences show it. */
export function formatOverall(score: number): string {
  return score.toFixed(1);
}

export interface WeightedRating {
  band: ScoreBand;
  capped: boolean;
  residualRating: Rating;
  drivers: string[];
}

/** A failed critical question as the rating's drivers name it. */
export interface CriticalFailure {
  questionId: string;
  text: string;
  /** The question's display number ("1.3"); reviewers know questions by it, never by their ids. */
  number?: string | undefined;
}

/** "Critical question 1.3 ("...") failed ...", or by its text alone when it has no number. */
export function describeCriticalFailure(q: CriticalFailure): string {
  const name = q.number ? `${q.number} ("${q.text}")` : `"${q.text}"`;
  return `Critical question ${name} failed, which caps the band at poor`;
}

/**
 * Band, rating and the sentences behind them for a weighted score. A failed critical question caps the band at
 * poor whatever the score; with nothing scorable the band is poor too, since nothing was shown to be in place.
 */
export function rateWeighted(
  policy: ReviewPolicy,
  tier: Tier,
  score: number | null,
  criticalFailures: readonly CriticalFailure[],
): WeightedRating {
  const drivers = criticalFailures.map(describeCriticalFailure);
  const capped = criticalFailures.length > 0;
  if (score === null) {
    const rating = residualRating(policy, tier, "poor");
    drivers.push(`Inherent tier ${tier} and no scorable answers (poor): ${rating}`);
    return { band: "poor", capped, residualRating: rating, drivers };
  }
  const fromScore = scoreBand(policy, score);
  const band = capped ? "poor" : fromScore;
  const rating = residualRating(policy, tier, band);
  const failures = criticalFailures.length;
  const cap = capped
    ? `, capped at poor by ${failures} failed critical question${failures === 1 ? "" : "s"}`
    : "";
  drivers.push(`Inherent tier ${tier} and score ${formatOverall(score)} (${fromScore})${cap}: ${rating}`);
  return { band, capped, residualRating: rating, drivers };
}
