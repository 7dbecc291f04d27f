import { describe, expect, it } from "vitest";
import type { Tier } from "../../src/questionnaires/template-schema.ts";
import { residualRating, scoreBand } from "../../src/scoring/residual-rating.ts";
import { DEFAULT_REVIEW_POLICY } from "../../src/scoring/review-policy.ts";
import type { Rating, ReviewPolicy, ScoreBand } from "../../src/scoring/score-types.ts";
import { oneQuestion, score } from "./scoring-fixtures.ts";

describe("an overall score falls in a band by the policy's minimums", () => {
  it.each([
    [100, "strong"],
    [90, "strong"],
    [89.9, "good"],
    [80, "good"],
    [79.9, "fair"],
    [60, "fair"],
    [59.9, "poor"],
    [0, "poor"],
  ] as const)("%d is %s", (value, band) => {
    expect(scoreBand(DEFAULT_REVIEW_POLICY, value)).toBe(band);
  });

  it("an organisation can set its own minimums", () => {
    const strict: ReviewPolicy = { ...DEFAULT_REVIEW_POLICY, bands: { strong: 95, good: 85, fair: 70 } };
    expect([90, 84.9, 69.9].map((s) => scoreBand(strict, s))).toEqual(["good", "fair", "poor"]);
  });
});

describe("the residual rating crosses the inherent tier with the band", () => {
  const expected: Record<Tier, [ScoreBand, Rating][]> = {
    critical: [
      ["strong", "medium"],
      ["good", "medium"],
      ["fair", "high"],
      ["poor", "critical"],
    ],
    high: [
      ["strong", "low"],
      ["good", "medium"],
      ["fair", "high"],
      ["poor", "critical"],
    ],
    medium: [
      ["strong", "low"],
      ["good", "low"],
      ["fair", "medium"],
      ["poor", "high"],
    ],
    low: [
      ["strong", "low"],
      ["good", "low"],
      ["fair", "low"],
      ["poor", "medium"],
    ],
  };
  const rows = Object.entries(expected).flatMap(([tier, cells]) =>
    cells.map(([band, rating]) => ({ tier: tier as Tier, band, rating })),
  );

  it.each(rows)("tier $tier and band $band give $rating", ({ tier, band, rating }) => {
    expect(residualRating(DEFAULT_REVIEW_POLICY, tier, band)).toBe(rating);
  });

  it.each([
    ["yes", 100, "medium"],
    ["no", 79.9, "high"],
  ] as const)(
    "a critical-tier vendor answering %s to the last control scores %d and rates %s",
    (last, value, rating) => {
      // 799 of 1000 points is 79.9, just under the good band.
      const template = oneQuestion({
        id: "q",
        type: "single_choice",
        text: "How complete is your programme?",
        options: [
          { value: "yes", label: "Complete", score: 1 },
          { value: "no", label: "Mostly", score: 0.799 },
        ],
      });
      const result = score(template, { q: last }, { tier: "critical" });
      expect(result.score).toBe(value);
      expect(result.residualRating).toBe(rating);
    },
  );

  it("a changed matrix changes the rating", () => {
    const policy: ReviewPolicy = structuredClone(DEFAULT_REVIEW_POLICY);
    policy.matrix.low.poor = "high";
    const template = oneQuestion({ id: "q", type: "yes_no", text: "Q?" });
    expect(score(template, { q: "no" }, { tier: "low" }).residualRating).toBe("medium");
    expect(score(template, { q: "no" }, { tier: "low", policy }).residualRating).toBe("high");
    expect(score(template, { q: "no" }, { tier: "low", policy }).settings.policy).toBe(policy);
  });
});
