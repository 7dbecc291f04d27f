import { describe, expect, it } from "vitest";
import { checkRegister, type RegisterCheck } from "../../src/vendors/register-checks.ts";
import type { RegisterVendor } from "../../src/vendors/register-model.ts";

import { brief, vendor, withRecord, withSub } from "./register-checks-fixtures.ts";

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
});
