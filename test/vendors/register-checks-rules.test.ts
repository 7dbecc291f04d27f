import { describe, expect, it } from "vitest";
import {
  categoriesBeyondPurpose,
  checkRegister,
  summariseChecks,
} from "../../src/vendors/register-checks.ts";
import {
  ProcessingRecord as ProcessingRecordSchema,
  RegisterVendor as RegisterVendorSchema,
} from "../../src/vendors/register-model.ts";
import {
  type DataCategory,
  DataCategory as DataCategorySchema,
  isCriminalCategory,
  isSpecialCategory,
  PURPOSE_HINTS,
} from "../../src/vendors/register-vocabulary.ts";

import { record, sub, vendor } from "./register-checks-fixtures.ts";

describe("counting checks for the register overview", () => {
  it("counts by severity", () => {
    const checks = checkRegister(
      vendor({
        contacts: [],
        processing: [record({ purpose: "", retention: undefined })],
        subprocessors: [sub({ processingIds: [] })],
      }),
    );
    expect(summariseChecks(checks)).toEqual({ high: 1, medium: 3, low: 1, info: 0, total: 5 });
    expect(summariseChecks([])).toEqual({ high: 0, medium: 0, low: 0, info: 0, total: 0 });
  });
});

describe("the data minimisation heuristic", () => {
  it("has words for every sensitive category, and only for real categories", () => {
    const covered = Object.keys(PURPOSE_HINTS);
    for (const key of covered) expect(DataCategorySchema.options).toContain(key);
    const sensitive = DataCategorySchema.options.filter(
      (c) => isSpecialCategory(c) || isCriminalCategory(c) || c === "government_id" || c === "financial",
    );
    expect(covered.sort()).toEqual([...sensitive].sort());
    for (const hints of Object.values(PURPOSE_HINTS)) {
      expect(hints.length).toBeGreaterThan(2);
      for (const h of hints) expect(h).toMatch(/^[a-z][a-z' -]*$/);
    }
  });

  it.each<[string, DataCategory[], DataCategory[]]>([
    ["Newsletter", ["contact", "health", "financial"], ["health", "financial"]],
    ["Payroll and pension administration", ["financial", "government_id", "trade_union"], ["trade_union"]],
    ["Employee sick leave and trade union dues", ["health", "trade_union"], []],
    ["Diversity and equal opportunities monitoring", ["racial_ethnic_origin", "sex_life_orientation"], []],
    ["Interface for order processing", ["biometric", "financial"], ["biometric"]],
    ["Customer support chat", ["communications", "usage", "identity"], []],
  ])("for the purpose %j, flags the unexplained ones", (purpose, categories, flagged) => {
    expect(categoriesBeyondPurpose(purpose, categories)).toEqual(flagged);
  });
});

describe("recording a data-sharing record", () => {
  const input = {
    id: "r1",
    purpose: "Occupational health checks",
    legalBasis: "legal_obligation",
    dataCategories: ["health"],
    dataSubjects: ["employees"],
    subjectCount: 300,
    frequency: "recurring",
    access: "stores",
    locations: [{ country: "de", mechanism: "none" }],
  };

  it("requires an Art. 9(2) condition for special category data, on that field", () => {
    const result = ProcessingRecordSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["art9Condition", "special category data (health data) needs an Art. 9(2) condition"],
    ]);
    expect(
      ProcessingRecordSchema.safeParse({ ...input, art9Condition: "employment_social_security" }).success,
    ).toBe(true);
  });

  it("rejects unknown fields, repeated categories, unknown categories and negative counts", () => {
    const ok = { ...input, art9Condition: "employment_social_security" };
    expect(ProcessingRecordSchema.safeParse({ ...ok, note: "x" }).success).toBe(false);
    expect(ProcessingRecordSchema.safeParse({ ...ok, dataCategories: ["health", "health"] }).success).toBe(
      false,
    );
    expect(ProcessingRecordSchema.safeParse({ ...ok, dataCategories: ["shoe_size"] }).success).toBe(false);
    expect(ProcessingRecordSchema.safeParse({ ...ok, subjectCount: -1 }).success).toBe(false);
    expect(ProcessingRecordSchema.safeParse({ ...ok, subjectCount: 1.5 }).success).toBe(false);
    expect(ProcessingRecordSchema.safeParse({ ...ok, locations: [] }).success).toBe(false);
  });

  it("rejects a vendor whose sub-processor points at a record that does not exist", () => {
    const result = RegisterVendorSchema.safeParse({
      name: "Acme",
      country: "IE",
      businessCriticality: "low",
      processing: [],
      subprocessors: [
        {
          id: "s1",
          name: "Host",
          service: "Hosting",
          country: "DE",
          mechanism: "none",
          processingIds: ["r9"],
        },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["subprocessors", 0, "processingIds", 0]);
  });

  it("fills defaults so the rules always see a complete vendor", () => {
    const parsed = RegisterVendorSchema.parse({ name: "Acme", country: "ie", businessCriticality: "low" });
    expect(parsed).toEqual({
      name: "Acme",
      country: "IE",
      businessCriticality: "low",
      dpfCertified: false,
      canadaCommercial: false,
      contacts: [],
      processing: [],
      subprocessors: [],
    });
  });
});
