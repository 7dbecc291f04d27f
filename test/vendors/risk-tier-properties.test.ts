import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RegisterVendor } from "../../src/vendors/register-model.ts";
import {
  Access,
  BusinessCriticality,
  DataCategory,
  type TransferMechanism,
} from "../../src/vendors/register-vocabulary.ts";
import { compareTiers, computeInherentRisk, tierForPoints } from "../../src/vendors/risk-tier.ts";
import { record, vendor } from "./risk-tier-fixtures.ts";

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
