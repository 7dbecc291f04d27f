import { describe, expect, it } from "vitest";
import {
  categoriesBeyondPurpose,
  checkRegister,
  REGISTER_CHECK_CODES,
  type RegisterCheck,
  summariseChecks,
} from "../../src/vendors/register-checks.ts";
import {
  type ProcessingRecord,
  ProcessingRecord as ProcessingRecordSchema,
  type RegisterVendor,
  RegisterVendor as RegisterVendorSchema,
  type Subprocessor,
} from "../../src/vendors/register-model.ts";
import {
  type DataCategory,
  DataCategory as DataCategorySchema,
  isCriminalCategory,
  isSpecialCategory,
  PURPOSE_HINTS,
} from "../../src/vendors/register-vocabulary.ts";

// A register entry with nothing to complain about; each test changes one thing.
function record(over: Partial<ProcessingRecord> = {}): ProcessingRecord {
  return {
    id: "r1",
    purpose: "Send the customer newsletter",
    legalBasis: "consent",
    dataCategories: ["identity", "contact"],
    dataSubjects: ["customers"],
    subjectCount: 5_000,
    retention: "Until the customer unsubscribes",
    frequency: "continuous",
    access: "stores",
    locations: [{ country: "IE", mechanism: "none" }],
    ...over,
  };
}

function sub(over: Partial<Subprocessor> = {}): Subprocessor {
  return {
    id: "s1",
    name: "CloudHost",
    service: "Hosting",
    country: "DE",
    mechanism: "none",
    dpfCertified: false,
    canadaCommercial: false,
    processingIds: ["r1"],
    ...over,
  };
}

function vendor(over: Partial<RegisterVendor> = {}): RegisterVendor {
  return {
    name: "Acme Mail",
    country: "IE",
    businessCriticality: "medium",
    dpfCertified: false,
    canadaCommercial: false,
    contacts: [
      { name: "Dana", email: "dpo@acme.example", role: "privacy" },
      { name: "Sam", email: "security@acme.example", role: "security" },
    ],
    processing: [record()],
    subprocessors: [sub()],
    ...over,
  };
}

const withRecord = (over: Partial<ProcessingRecord>, vendorOver: Partial<RegisterVendor> = {}) =>
  vendor({ processing: [record(over)], ...vendorOver });
const withSub = (over: Partial<Subprocessor>) => vendor({ subprocessors: [sub(over)] });
const brief = (checks: RegisterCheck[]) =>
  checks.map(({ code, severity, path }) => ({ code, severity, path }));

describe("a privacy analyst reviews the register checks on a vendor", () => {
  it("a complete, lawful entry raises nothing", () => {
    expect(checkRegister(vendor())).toEqual([]);
  });

  it.each<[string, RegisterVendor, RegisterCheck["code"], RegisterCheck["severity"], string]>([
    [
      "no data-sharing records",
      vendor({ processing: [], subprocessors: [] }),
      "no_processing_records",
      "info",
      "processing",
    ],
    [
      "a record with no purpose",
      withRecord({ purpose: "  " }),
      "purpose_missing",
      "high",
      "processing[0].purpose",
    ],
    [
      "health data on a newsletter",
      withRecord({ dataCategories: ["contact", "health"], art9Condition: "explicit_consent" }),
      "categories_beyond_purpose",
      "medium",
      "processing[0].dataCategories",
    ],
    [
      "passport numbers on a newsletter",
      withRecord({ dataCategories: ["contact", "government_id"] }),
      "categories_beyond_purpose",
      "medium",
      "processing[0].dataCategories",
    ],
    [
      "bank details on a newsletter",
      withRecord({ dataCategories: ["contact", "financial"] }),
      "categories_beyond_purpose",
      "low",
      "processing[0].dataCategories",
    ],
    [
      "seven categories on one record",
      withRecord({
        dataCategories: [
          "identity",
          "contact",
          "location",
          "online_identifiers",
          "usage",
          "employment",
          "communications",
        ],
      }),
      "many_categories",
      "low",
      "processing[0].dataCategories",
    ],
    [
      "health data without an Art. 9 condition",
      withRecord({ purpose: "Occupational health checks", dataCategories: ["health"] }),
      "special_category_without_condition",
      "high",
      "processing[0].art9Condition",
    ],
    [
      "an Art. 9 condition with no special category",
      withRecord({ art9Condition: "explicit_consent" }),
      "art9_condition_without_special_category",
      "info",
      "processing[0].art9Condition",
    ],
    [
      "criminal records without an Art. 10 note",
      withRecord({ purpose: "Pre-employment background screening", dataCategories: ["criminal_offences"] }),
      "criminal_data_without_art10_basis",
      "high",
      "processing[0].art10Basis",
    ],
    [
      "criminal records with a blank Art. 10 note",
      withRecord({
        purpose: "Background screening",
        dataCategories: ["criminal_offences"],
        art10Basis: "  ",
      }),
      "criminal_data_without_art10_basis",
      "high",
      "processing[0].art10Basis",
    ],
    [
      "no retention",
      withRecord({ retention: undefined }),
      "retention_missing",
      "medium",
      "processing[0].retention",
    ],
    [
      "blank retention",
      withRecord({ retention: " " }),
      "retention_missing",
      "medium",
      "processing[0].retention",
    ],
    [
      "an unknown country",
      withRecord({ locations: [{ country: "ZZ", mechanism: "none" }] }),
      "unknown_country",
      "high",
      "processing[0].locations[0].country",
    ],
    [
      "processing in the US with no mechanism",
      withRecord({ locations: [{ country: "US", mechanism: "none" }] }),
      "transfer_without_mechanism",
      "high",
      "processing[0].locations[0].mechanism",
    ],
    [
      "US adequacy without DPF certification",
      withRecord({ locations: [{ country: "US", mechanism: "adequacy" }] }),
      "transfer_mechanism_insufficient",
      "high",
      "processing[0].locations[0].mechanism",
    ],
    [
      "adequacy claimed for China",
      withRecord({ locations: [{ country: "CN", mechanism: "adequacy" }] }),
      "transfer_mechanism_insufficient",
      "high",
      "processing[0].locations[0].mechanism",
    ],
    [
      "SCCs without a module",
      withRecord({ locations: [{ country: "IN", mechanism: "scc" }] }),
      "transfer_mechanism_insufficient",
      "high",
      "processing[0].locations[0].sccModule",
    ],
    [
      "a derogation for a continuous flow",
      withRecord({ locations: [{ country: "IN", mechanism: "derogation" }] }),
      "transfer_mechanism_insufficient",
      "high",
      "processing[0].locations[0].mechanism",
    ],
    [
      "a one-off derogation",
      withRecord({ frequency: "one_off", locations: [{ country: "IN", mechanism: "derogation" }] }),
      "transfer_relies_on_derogation",
      "medium",
      "processing[0].locations[0].mechanism",
    ],
    [
      "SCC module 1 towards a processor",
      withRecord({ locations: [{ country: "IN", mechanism: "scc", sccModule: 1 }] }),
      "scc_module_unexpected",
      "low",
      "processing[0].locations[0].sccModule",
    ],
    [
      "a sub-processor in China with no mechanism",
      withSub({ country: "CN" }),
      "subprocessor_without_mechanism",
      "high",
      "subprocessors[0].mechanism",
    ],
    [
      "a US sub-processor on adequacy without DPF",
      withSub({ country: "US", mechanism: "adequacy" }),
      "subprocessor_mechanism_insufficient",
      "high",
      "subprocessors[0].mechanism",
    ],
    [
      "a sub-processor on SCC module 2",
      withSub({ country: "US", mechanism: "scc", sccModule: 2 }),
      "scc_module_unexpected",
      "low",
      "subprocessors[0].sccModule",
    ],
    [
      "a sub-processor linked to nothing",
      withSub({ processingIds: [] }),
      "subprocessor_unlinked",
      "low",
      "subprocessors[0].processingIds",
    ],
    [
      "a sub-processor linked to a missing record",
      withSub({ processingIds: ["r1", "gone"] }),
      "subprocessor_unknown_record",
      "medium",
      "subprocessors[0].processingIds",
    ],
    [
      "no privacy contact",
      vendor({ contacts: [{ name: "Sam", email: "sec@acme.example", role: "security" }] }),
      "privacy_contact_missing",
      "medium",
      "contacts",
    ],
    [
      "no security contact",
      vendor({ contacts: [{ name: "Dana", email: "dpo@acme.example", role: "privacy" }] }),
      "security_contact_missing",
      "medium",
      "contacts",
    ],
  ])("flags %s", (_label, v, code, severity, path) => {
    expect(brief(checkRegister(v))).toEqual([{ code, severity, path }]);
  });

  it.each<[string, RegisterVendor]>([
    [
      "payroll sharing bank details and tax ids",
      withRecord({
        purpose: "Monthly payroll for employees",
        dataCategories: ["identity", "financial", "government_id"],
      }),
    ],
    [
      "occupational health data",
      withRecord({
        purpose: "Occupational health assessments",
        dataCategories: ["health"],
        art9Condition: "health_social_care",
      }),
    ],
    [
      "background screening with its legal basis",
      withRecord({
        purpose: "Pre-employment background screening",
        dataCategories: ["criminal_offences"],
        art10Basis: "Financial Services Act s. 12",
      }),
    ],
    [
      "identity verification with a face match",
      withRecord({
        purpose: "KYC identity verification with face match",
        dataCategories: ["identity", "government_id", "biometric"],
        art9Condition: "explicit_consent",
      }),
    ],
    [
      "exactly six categories",
      withRecord({
        dataCategories: ["identity", "contact", "location", "online_identifiers", "usage", "employment"],
      }),
    ],
    [
      "the US with DPF certification",
      withRecord({ locations: [{ country: "US", mechanism: "adequacy" }] }, { dpfCertified: true }),
    ],
    [
      "the US under SCC module 2",
      withRecord({ locations: [{ country: "US", mechanism: "scc", sccModule: 2 }] }),
    ],
    [
      "SCC module 3 when we act as a processor",
      withRecord({ locations: [{ country: "IN", mechanism: "scc", sccModule: 3 }] }),
    ],
    [
      "Canada under PIPEDA",
      withRecord({ locations: [{ country: "CA", mechanism: "adequacy" }] }, { canadaCommercial: true }),
    ],
    [
      "the UK and Switzerland without a mechanism",
      withRecord({
        locations: [
          { country: "GB", mechanism: "none" },
          { country: "CH", mechanism: "none" },
        ],
      }),
    ],
    [
      "a DPF-certified US sub-processor",
      withSub({ country: "US", mechanism: "adequacy", dpfCertified: true }),
    ],
    ["a sub-processor on SCC module 3", withSub({ country: "IN", mechanism: "scc", sccModule: 3 })],
    [
      "no privacy contact when no personal data is shared",
      vendor({
        processing: [],
        subprocessors: [],
        contacts: [{ name: "Sam", email: "s@a.example", role: "security" }],
      }),
    ],
  ])("stays silent for %s", (_label, v) => {
    const codes = checkRegister(v).filter((c) => c.code !== "no_processing_records");
    expect(brief(codes)).toEqual([]);
  });

  it("says what is wrong in words a reviewer can act on", () => {
    const [health] = checkRegister(
      withRecord({ dataCategories: ["contact", "health"], art9Condition: "explicit_consent" }),
    );
    expect(health?.message).toBe(
      '"Send the customer newsletter" includes health data, which its purpose does not explain: check the vendor needs it (data minimisation, GDPR Art. 5(1)(c)).',
    );
    const [us] = checkRegister(withRecord({ locations: [{ country: "US", mechanism: "none" }] }));
    expect(us?.message).toMatch(
      /^"Send the customer newsletter": Transfer to United States of America without a safeguard/,
    );
    const [art9] = checkRegister(
      withRecord({ purpose: "Sick leave management", dataCategories: ["health"] }),
    );
    expect(art9?.message).toMatch(/Art\. 9\(2\) condition/);
  });

  it("reports each problem on its own record and location", () => {
    const v = vendor({
      processing: [
        record(),
        record({
          id: "r2",
          retention: undefined,
          locations: [
            { country: "DE", mechanism: "none" },
            { country: "CN", mechanism: "none" },
          ],
        }),
      ],
    });
    expect(brief(checkRegister(v))).toEqual([
      { code: "retention_missing", severity: "medium", path: "processing[1].retention" },
      { code: "transfer_without_mechanism", severity: "high", path: "processing[1].locations[1].mechanism" },
    ]);
  });

  it("uses only the documented codes", () => {
    const messy = vendor({
      contacts: [],
      processing: [
        record({
          purpose: "",
          retention: undefined,
          dataCategories: ["health", "criminal_offences"],
          locations: [{ country: "US", mechanism: "none" }],
        }),
      ],
      subprocessors: [sub({ country: "CN", processingIds: [] })],
    });
    const checks = checkRegister(messy);
    expect(checks.length).toBeGreaterThanOrEqual(7);
    for (const c of checks) expect(REGISTER_CHECK_CODES).toContain(c.code);
  });
});

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
