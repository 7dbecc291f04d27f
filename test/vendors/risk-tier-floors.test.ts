import { describe, expect, it } from "vitest";
import type { RegisterVendor } from "../../src/vendors/register-model.ts";
import type { RiskTier } from "../../src/vendors/register-vocabulary.ts";
import { computeInherentRisk } from "../../src/vendors/risk-tier.ts";
import { vendor, withRecord } from "./risk-tier-fixtures.ts";

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
