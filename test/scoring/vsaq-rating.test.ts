import { describe, expect, it } from "vitest";
import type { Severity } from "../../src/questionnaires/template-schema.ts";
import { DEFAULT_REVIEW_POLICY } from "../../src/scoring/review-policy.ts";
import type { RaisedFinding, ReviewPolicy, ScoreBand } from "../../src/scoring/score-types.ts";
import { rateVsaq } from "../../src/scoring/vsaq-rating.ts";
import { imported, vsaqFixturesPresent } from "../questionnaires/vsaq-fixture-files.ts";
import { oneQuestion, score } from "./scoring-fixtures.ts";

function warnings(counts: Partial<Record<Severity, number>>): RaisedFinding[] {
  return Object.entries(counts).flatMap(([severity, n]) =>
    Array.from({ length: n }, (_, i) => ({
      questionId: `${severity}-${i}`,
      severity: severity as Severity,
      title: "Warning",
      recommendation: "Follow up",
      answerText: null,
    })),
  );
}

describe("VSAQ templates are rated by their warnings", () => {
  const cases: [string, Partial<Record<Severity, number>>, ScoreBand][] = [
    ["no warnings", {}, "strong"],
    ["four low warnings", { low: 4 }, "strong"],
    ["five low warnings", { low: 5 }, "good"],
    ["one medium warning", { medium: 1 }, "good"],
    ["three medium warnings", { medium: 3 }, "fair"],
    ["one high warning", { high: 1, low: 2 }, "fair"],
    ["three high warnings", { high: 3 }, "poor"],
    ["one critical warning among low ones", { critical: 1, low: 1 }, "poor"],
  ];

  it.each(cases.map(([name, counts, band]) => ({ name, counts, band })))(
    "$name: band $band",
    ({ counts, band }) => {
      expect(rateVsaq(DEFAULT_REVIEW_POLICY, "medium", warnings(counts)).band).toBe(band);
    },
  );

  it("the drivers say what was counted and which rule applied", () => {
    const rating = rateVsaq(DEFAULT_REVIEW_POLICY, "high", warnings({ high: 1, medium: 2 }));
    expect(rating).toMatchObject({ band: "fair", residualRating: "high" });
    expect(rating.drivers).toEqual([
      "Warnings raised: 0 critical, 1 high, 2 medium, 0 low",
      "At least 1 high warning gives band fair",
      "Inherent tier high and band fair: high",
    ]);
  });

  it("the rules are data in the policy, tried in order", () => {
    const lenient: ReviewPolicy = {
      ...DEFAULT_REVIEW_POLICY,
      vsaq: { rules: [{ severity: "critical", atLeast: 2, band: "poor" }], otherwise: "good" },
    };
    expect(rateVsaq(lenient, "low", warnings({ critical: 1, high: 5 })).band).toBe("good");
    expect(rateVsaq(lenient, "low", warnings({ critical: 2 })).band).toBe("poor");
    expect(rateVsaq(lenient, "low", []).drivers[1]).toBe("No warning rule applies, so the band is good");
  });

  it("a template with VSAQ metadata is scored by warnings, without a number", () => {
    const template = oneQuestion({
      id: "tip",
      type: "notice",
      text: "Without a firewall, anything can reach your servers.",
      vsaq: { type: "tip", id: "tip" },
      finding: { severity: "critical", title: "No firewall", recommendation: "Ask for one." },
    });
    const result = score(template, {}, { tier: "low" });
    expect(result).toMatchObject({
      method: "vsaq_warnings",
      score: null,
      band: "poor",
      residualRating: "medium",
    });
    expect(result.raisedFindings.map((f) => f.questionId)).toEqual(["tip"]);
  });
});

describe.runIf(vsaqFixturesPresent)("the real VSAQ infrastructure questionnaire", () => {
  const { template } = imported("infrastructure");

  it("raises nothing and rates strong before any warning is triggered", () => {
    const result = score(template, {}, { tier: "high" });
    expect(result).toMatchObject({
      method: "vsaq_warnings",
      score: null,
      band: "strong",
      raisedFindings: [],
    });
  });

  it("no network configuration guidelines is a high warning: fair", () => {
    const answers = {
      network_config_guidelines: "network_config_guidelines_no",
      network_firewalls: "network_firewalls_yes",
    };
    const result = score(template, answers, { tier: "high" });
    expect(result.raisedFindings.map((f) => [f.questionId, f.severity])).toEqual([
      ["warn_no_network_config_guidelines", "high"],
    ]);
    expect(result.raisedFindings[0]?.answerText).toBe(
      "We don't currently have guidelines, or they're not consistently applied.",
    );
    expect(result).toMatchObject({ band: "fair", residualRating: "high" });
  });

  it("no firewalls as well is a critical warning: poor, and critical for a high-tier vendor", () => {
    const answers = {
      network_config_guidelines: "network_config_guidelines_no",
      network_firewalls: "network_firewalls_no",
    };
    const result = score(template, answers, { tier: "high" });
    expect(result.raisedFindings.map((f) => f.severity).sort()).toEqual(["critical", "high"]);
    expect(result).toMatchObject({ band: "poor", residualRating: "critical", capped: false });
    expect(result.drivers[0]).toBe("Warnings raised: 1 critical, 1 high, 0 medium, 0 low");
  });
});
