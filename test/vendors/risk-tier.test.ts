import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ProcessingRecord, RegisterVendor } from "../../src/vendors/register-model.ts";
import {
  Access,
  BusinessCriticality,
  DataCategory,
  type RiskTier,
  type TransferMechanism,
} from "../../src/vendors/register-vocabulary.ts";
import {
  compareTiers,
  computeInherentRisk,
  maxTier,
  tierForPoints,
  tierRank,
} from "../../src/vendors/risk-tier.ts";

// Baseline: contact data about 500 customers, processed in Germany without storing it, a low-criticality
// vendor: 5 (personal data) + 0 (people) + 5 (processes_only) + 0 (criticality) = 10 points, low.
function record(over: Partial<ProcessingRecord> = {}): ProcessingRecord {
  return {
    id: "r1",
    purpose: "Send the customer newsletter",
    legalBasis: "consent",
    dataCategories: ["contact"],
    dataSubjects: ["customers"],
    subjectCount: 500,
    retention: "Until the customer unsubscribes",
    frequency: "continuous",
    access: "processes_only",
    locations: [{ country: "DE", mechanism: "none" }],
    ...over,
  };
}

function vendor(over: Partial<RegisterVendor> = {}): RegisterVendor {
  return {
    name: "Acme Mail",
    country: "DE",
    businessCriticality: "low",
    dpfCertified: false,
    canadaCommercial: false,
    contacts: [],
    processing: [record()],
    subprocessors: [],
    ...over,
  };
}

const withRecord = (over: Partial<ProcessingRecord>, vendorOver: Partial<RegisterVendor> = {}) =>
  vendor({ processing: [record(over)], ...vendorOver });

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

describe("transfers raise the tier unless covered", () => {
  it.each<[string, RegisterVendor, number, RiskTier, string?]>([
    ["EEA only", vendor(), 10, "low"],
    ["Japan, adequate", withRecord({ locations: [{ country: "JP", mechanism: "none" }] }), 10, "low"],
    ["UK, adequate", withRecord({ locations: [{ country: "GB", mechanism: "adequacy" }] }), 10, "low"],
    [
      "US, DPF certified",
      withRecord({ locations: [{ country: "US", mechanism: "adequacy" }] }, { dpfCertified: true }),
      10,
      "low",
    ],
    [
      "US, adequacy without DPF",
      withRecord({ locations: [{ country: "US", mechanism: "adequacy" }] }),
      30,
      "medium",
      "transfer to United States of America (US) without a safeguard",
    ],
    [
      "US, no mechanism",
      withRecord({ locations: [{ country: "US", mechanism: "none" }] }),
      30,
      "medium",
      "transfer to United States of America (US) without a safeguard",
    ],
    [
      "US under SCCs",
      withRecord({ locations: [{ country: "US", mechanism: "scc", sccModule: 2 }] }),
      15,
      "low",
      "restricted transfer to United States of America (US) under a safeguard",
    ],
    [
      "Canada under PIPEDA",
      withRecord({ locations: [{ country: "CA", mechanism: "adequacy" }] }, { canadaCommercial: true }),
      10,
      "low",
    ],
    [
      "Canada outside PIPEDA",
      withRecord({ locations: [{ country: "CA", mechanism: "adequacy" }] }),
      30,
      "medium",
    ],
    [
      "sub-processor in China without a mechanism",
      vendor({
        subprocessors: [
          {
            id: "s1",
            name: "Hosting",
            service: "hosting",
            country: "CN",
            mechanism: "none",
            dpfCertified: false,
            canadaCommercial: false,
            processingIds: ["r1"],
          },
        ],
      }),
      30,
      "medium",
      "transfer to China (CN) without a safeguard",
    ],
    [
      "two unsafe countries counted once",
      withRecord({
        locations: [
          { country: "US", mechanism: "none" },
          { country: "IN", mechanism: "none" },
        ],
      }),
      30,
      "medium",
      "transfer to United States of America (US), India (IN) without a safeguard",
    ],
  ])("%s", (_label, v, points, tier, reason) => {
    const risk = computeInherentRisk(v);
    expect(risk.points).toBe(points);
    expect(risk.tier).toBe(tier);
    if (reason) expect(risk.reasons.map((r) => r.text)).toContain(reason);
  });
});

describe("floors keep the tier from being too low", () => {
  it.each<[string, RegisterVendor, number, RiskTier, string | undefined]>([
    [
      "health data about 1,000 people, no access: 35 points, but at least high",
      withRecord({
        dataCategories: ["health"],
        art9Condition: "explicit_consent",
        subjectCount: 1_000,
        access: "no_access",
      }),
      35,
      "high",
      "special category or criminal data about 1,000 people: at least high",
    ],
    [
      "health data about 999 people, no access: stays medium",
      withRecord({
        dataCategories: ["health"],
        art9Condition: "explicit_consent",
        subjectCount: 999,
        access: "no_access",
      }),
      30,
      "medium",
      undefined,
    ],
    [
      "criminal data about 5,000 people, no access: at least high",
      withRecord({
        dataCategories: ["criminal_offences"],
        art10Basis: "law",
        subjectCount: 5_000,
        access: "no_access",
      }),
      35,
      "high",
      "special category or criminal data about 5,000 people: at least high",
    ],
    [
      "critical to the business: at least high",
      vendor({ businessCriticality: "critical" }),
      35,
      "high",
      "critical to the business: at least high",
    ],
    [
      "critical with no personal data: at least high",
      vendor({ businessCriticality: "critical", processing: [] }),
      25,
      "high",
      "critical to the business: at least high",
    ],
    [
      "high criticality with no personal data: at least medium",
      vendor({ businessCriticality: "high", processing: [] }),
      15,
      "medium",
      "highly important to the business: at least medium",
    ],
  ])("%s", (_label, v, points, tier, floorText) => {
    const risk = computeInherentRisk(v);
    expect(risk.points).toBe(points);
    expect(risk.tier).toBe(tier);
    const floors = risk.reasons.filter((r) => r.factor === "floor").map((r) => r.text);
    expect(floors).toEqual(floorText ? [floorText] : []);
  });

  it("shows no floor reason when the points already reach the tier", () => {
    const v = withRecord(
      { dataCategories: ["health"], art9Condition: "explicit_consent", subjectCount: 50_000 },
      { businessCriticality: "critical" },
    );
    const risk = computeInherentRisk(v);
    expect(risk.tier).toBe("critical");
    expect(risk.reasons.some((r) => r.factor === "floor")).toBe(false);
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

describe("the examples in docs/risk-tier.md", () => {
  it.each<[string, RegisterVendor, number, RiskTier]>([
    ["newsletter tool", vendor(), 10, "low"],
    [
      "newsletter tool storing data in the US without a mechanism",
      withRecord({ access: "stores", locations: [{ country: "US", mechanism: "none" }] }),
      40,
      "high",
    ],
    [
      "occupational health service",
      withRecord({
        purpose: "Occupational health",
        dataCategories: ["health"],
        art9Condition: "employment_social_security",
        dataSubjects: ["employees"],
        subjectCount: 1_000,
        access: "no_access",
        locations: [{ country: "IE", mechanism: "none" }],
      }),
      35,
      "high",
    ],
    [
      "patient booking app",
      withRecord(
        {
          dataCategories: ["identity", "contact", "health"],
          art9Condition: "health_social_care",
          dataSubjects: ["patients"],
          subjectCount: 20_000,
          access: "stores",
          locations: [{ country: "US", mechanism: "scc", sccModule: 2 }],
        },
        { businessCriticality: "high" },
      ),
      75,
      "critical",
    ],
    ["office cleaning company", vendor({ processing: [], businessCriticality: "critical" }), 25, "high"],
  ])("%s", (_label, v, points, tier) => {
    const risk = computeInherentRisk(v);
    expect([risk.points, risk.tier]).toEqual([points, tier]);
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

describe("properties over any register", () => {
  const recordArb = fc.record({
    dataCategories: fc.uniqueArray(fc.constantFrom(...DataCategory.options), { minLength: 1, maxLength: 6 }),
    subjectCount: fc.integer({ min: 0, max: 5_000_000 }),
    access: fc.constantFrom(...Access.options),
    dataSubjects: fc.constantFrom(["customers"], ["children"], ["employees", "patients"]),
    country: fc.constantFrom("DE", "US", "CN", "JP", "CA", "GB"),
    mechanism: fc.constantFrom<TransferMechanism[]>("none", "adequacy", "bcr", "derogation"),
  });
  const vendorArb = fc.record({
    records: fc.array(recordArb, { maxLength: 4 }),
    businessCriticality: fc.constantFrom(...BusinessCriticality.options),
    dpfCertified: fc.boolean(),
  });
  type VendorInput = typeof vendorArb extends fc.Arbitrary<infer T> ? T : never;
  const build = (v: VendorInput): RegisterVendor =>
    vendor({
      businessCriticality: v.businessCriticality,
      dpfCertified: v.dpfCertified,
      processing: v.records.map((r, i) =>
        record({
          id: `r${i}`,
          dataCategories: r.dataCategories,
          art9Condition: "explicit_consent",
          subjectCount: r.subjectCount,
          access: r.access,
          dataSubjects: [...r.dataSubjects],
          locations: [{ country: r.country, mechanism: r.mechanism }],
        }),
      ),
    });

  it("points are the sum of the reasons, and the tier is never below the points tier", () => {
    fc.assert(
      fc.property(vendorArb, (v) => {
        const risk = computeInherentRisk(build(v));
        expect(risk.points).toBe(risk.reasons.reduce((s, r) => s + r.points, 0));
        expect(compareTiers(risk.tier, tierForPoints(risk.points))).toBeGreaterThanOrEqual(0);
        expect(risk.reasons.every((r) => r.text.length > 0 && !r.text.includes("undefined"))).toBe(true);
      }),
    );
  });

  it("more people or higher criticality never lowers the tier", () => {
    fc.assert(
      fc.property(vendorArb, fc.integer({ min: 0, max: 2_000_000 }), (v, extra) => {
        const before = computeInherentRisk(build(v)).tier;
        const morePeople = build({
          ...v,
          records: v.records.map((r) => ({ ...r, subjectCount: r.subjectCount + extra })),
        });
        expect(compareTiers(computeInherentRisk(morePeople).tier, before)).toBeGreaterThanOrEqual(0);
        const critical = build({ ...v, businessCriticality: "critical" });
        expect(compareTiers(computeInherentRisk(critical).tier, before)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
