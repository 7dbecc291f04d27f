import { describe, expect, it } from "vitest";
import type { RegisterVendor } from "../../src/vendors/register-model.ts";
import type { RiskTier } from "../../src/vendors/register-vocabulary.ts";
import {
  compareTiers,
  computeInherentRisk,
  maxTier,
  tierForPoints,
  tierRank,
} from "../../src/vendors/risk-tier.ts";
import { record, vendor, withRecord } from "./risk-tier-fixtures.ts";

describe("a privacy analyst sees the inherent risk tier move with each factor", () => {
  it.each<[string, RegisterVendor, number, RiskTier, string?]>([
    ["baseline: contact data, 500 people", vendor(), 10, "low", "personal data: contact"],
    [
      "financial data",
      withRecord({ dataCategories: ["contact", "financial"] }),
      20,
      "medium",
      "financial data",
    ],
    [
      "government identifiers",
      withRecord({ dataCategories: ["contact", "government_id"] }),
      20,
      "medium",
      "government identifiers",
    ],
    [
      "health data about 500 people",
      withRecord({ dataCategories: ["health"], art9Condition: "explicit_consent" }),
      35,
      "medium",
      "special category data: health",
    ],
    [
      "criminal offence data",
      withRecord({ dataCategories: ["criminal_offences"], art10Basis: "Employment screening law" }),
      35,
      "medium",
      "criminal offence data",
    ],
    ["data about children", withRecord({ dataSubjects: ["children"] }), 30, "medium", "data about children"],
    ["children written as custom text", withRecord({ dataSubjects: [" Children "] }), 30, "medium"],
    [
      "vendor has no access",
      withRecord({ access: "no_access" }),
      5,
      "low",
      "vendor has no access to the data",
    ],
    ["vendor has remote access", withRecord({ access: "remote_access" }), 15, "low"],
    ["vendor stores the data", withRecord({ access: "stores" }), 20, "medium", "vendor stores the data"],
    [
      "medium business criticality",
      vendor({ businessCriticality: "medium" }),
      15,
      "low",
      "business criticality: medium",
    ],
    ["high business criticality", vendor({ businessCriticality: "high" }), 25, "medium"],
    ["critical business criticality", vendor({ businessCriticality: "critical" }), 35, "high"],
  ])("%s", (_label, v, points, tier, reason) => {
    const risk = computeInherentRisk(v);
    expect(risk.points).toBe(points);
    expect(risk.tier).toBe(tier);
    if (reason) expect(risk.reasons.map((r) => r.text)).toContain(reason);
  });

  it.each([
    [0, 10, "fewer than a thousand"],
    [999, 10, "just under the first band"],
    [1_000, 15, "first band"],
    [9_999, 15, "top of the first band"],
    [10_000, 20, "second band"],
    [99_999, 20, "top of the second band"],
    [100_000, 30, "third band"],
    [999_999, 30, "top of the third band"],
    [1_000_000, 40, "fourth band"],
    [80_000_000, 40, "far into the fourth band"],
  ])("%i data subjects give %i points (%s)", (subjectCount, points) => {
    expect(computeInherentRisk(withRecord({ subjectCount })).points).toBe(points);
  });

  it("writes the number of people in words with separators", () => {
    const texts = computeInherentRisk(withRecord({ subjectCount: 50_000 })).reasons.map((r) => r.text);
    expect(texts).toContain("50,000 data subjects");
  });

  it("takes the largest record and the strongest access across records", () => {
    const v = vendor({
      processing: [
        record({ id: "a", subjectCount: 20_000, access: "no_access" }),
        record({ id: "b", subjectCount: 200, access: "stores" }),
      ],
    });
    const risk = computeInherentRisk(v);
    expect(risk.points).toBe(5 + 10 + 15);
    expect(risk.reasons.map((r) => r.text)).toEqual(
      expect.arrayContaining(["20,000 data subjects", "vendor stores the data"]),
    );
  });

  it("adds up all factors for a health app storing patient data abroad", () => {
    const v = withRecord(
      {
        purpose: "Patient appointment booking",
        dataCategories: ["identity", "contact", "health"],
        art9Condition: "health_social_care",
        dataSubjects: ["patients"],
        subjectCount: 20_000,
        access: "stores",
        locations: [{ country: "US", mechanism: "scc", sccModule: 2 }],
      },
      { businessCriticality: "high" },
    );
    const risk = computeInherentRisk(v);
    expect(risk.points).toBe(5 + 25 + 10 + 15 + 15 + 5);
    expect(risk.tier).toBe("critical");
    expect(risk.reasons.map((r) => r.text)).toEqual([
      "personal data: identity, contact",
      "special category data: health",
      "20,000 data subjects",
      "vendor stores the data",
      "business criticality: high",
      "restricted transfer to United States of America (US) under a safeguard",
    ]);
  });
});

describe("what follows from the tier", () => {
  it("a vendor with no personal data is low, says so, and gets only the essentials questionnaire", () => {
    const risk = computeInherentRisk(vendor({ processing: [] }));
    expect(risk).toEqual({
      tier: "low",
      points: 0,
      reasons: [
        { factor: "no_personal_data", text: "no personal data recorded", points: 0 },
        { factor: "business_criticality", text: "business criticality: low", points: 0 },
      ],
      recommendedQuestionnaire: "vendor-security-essentials",
      additionalQuestionnaires: [],
      reassessmentMonths: 36,
    });
  });

  it.each<[RegisterVendor, RiskTier, string, number]>([
    [vendor(), "low", "vendor-security-essentials", 36],
    [withRecord({ access: "stores" }), "medium", "vendor-security-essentials", 24],
    [vendor({ businessCriticality: "critical" }), "high", "vendor-security-baseline", 12],
    [
      withRecord({ subjectCount: 1_000_000, access: "stores" }, { businessCriticality: "high" }),
      "critical",
      "vendor-security-baseline",
      6,
    ],
  ])("tier %#: questionnaire and reassessment interval", (v, tier, questionnaire, months) => {
    const risk = computeInherentRisk(v);
    expect(risk.tier).toBe(tier);
    expect(risk.recommendedQuestionnaire).toBe(questionnaire);
    expect(risk.reassessmentMonths).toBe(months);
    expect(risk.additionalQuestionnaires).toEqual(["gdpr-processor-due-diligence"]);
  });

  it("skips the processor due diligence when the vendor cannot reach the data", () => {
    expect(computeInherentRisk(withRecord({ access: "no_access" })).additionalQuestionnaires).toEqual([]);
  });
});

describe("tier arithmetic", () => {
  it.each([
    [0, "low"],
    [19, "low"],
    [20, "medium"],
    [39, "medium"],
    [40, "high"],
    [59, "high"],
    [60, "critical"],
    [200, "critical"],
  ] as const)("%i points is %s", (points, tier) => {
    expect(tierForPoints(points)).toBe(tier);
  });

  it("orders tiers from low to critical", () => {
    expect(
      ["critical", "low", "high", "medium"].sort((a, b) => compareTiers(a as RiskTier, b as RiskTier)),
    ).toEqual(["low", "medium", "high", "critical"]);
    expect(tierRank("low")).toBe(0);
    expect(tierRank("critical")).toBe(3);
    expect(maxTier("medium", "high")).toBe("high");
    expect(compareTiers("high", "high")).toBe(0);
  });
});
