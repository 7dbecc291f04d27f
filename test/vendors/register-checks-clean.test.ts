import { describe, expect, it } from "vitest";
import { checkRegister, REGISTER_CHECK_CODES } from "../../src/vendors/register-checks.ts";
import type { RegisterVendor } from "../../src/vendors/register-model.ts";

import { brief, record, sub, vendor, withRecord, withSub } from "./register-checks-fixtures.ts";

describe("a privacy analyst reviews the register checks on a vendor: what is not flagged, and how it reads", () => {
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
