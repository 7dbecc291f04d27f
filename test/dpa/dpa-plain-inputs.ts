import type { DpaInputs, DpaLocation } from "../../src/dpa/dpa-inputs.ts";

/**
 * DPA inputs for an ordinary EEA processor and a Data Privacy Framework certified one, plus the places the
 * inputs share. Each call returns a fresh object, so a test may change its copy freely.
 */

export const GERMANY: DpaLocation = {
  country: "DE",
  countryName: "Germany",
  status: "inside_eea",
  mechanism: "adequacy",
  sccModule: null,
};
export const US_WITHOUT_DPF: DpaLocation = {
  country: "US",
  countryName: "United States",
  status: "restricted",
  mechanism: "scc",
  sccModule: null,
};
export const US_WITH_DPF: DpaLocation = {
  country: "US",
  countryName: "United States",
  status: "adequate",
  mechanism: "adequacy",
  sccModule: null,
};

/** An EEA processor with ordinary data, no sub-processors, no assessment yet and no optional settings. */
export function plainDpaInputs(): DpaInputs {
  return {
    effectiveDate: "2026-01-15",
    controller: {
      role: "controller",
      legalName: "Northwind Retail B.V.",
      tradingName: null,
      address: "Keizersgracht 100, 1015 AA Amsterdam",
      country: "NL",
      countryName: "Netherlands",
      signatory: null,
      contacts: [
        { name: "Lotte de Vries", title: null, email: "privacy@northwind.example", function: "Privacy" },
      ],
      dpo: null,
      euRepresentative: null,
    },
    processor: {
      role: "processor",
      legalName: "Mailwise GmbH",
      tradingName: null,
      address: null,
      country: "DE",
      countryName: "Germany",
      signatory: null,
      contacts: [],
      dpo: null,
      euRepresentative: null,
    },
    services: "Newsletter delivery",
    records: [
      {
        id: "rec-newsletter",
        purpose: "Sending the monthly customer newsletter to subscribers who opted in",
        legalBasis: "Consent of the data subject",
        dataCategories: [
          {
            code: "contact",
            label: "Contact details (email, phone, postal address)",
            special: false,
            criminal: false,
          },
        ],
        art9Condition: null,
        art10Basis: null,
        dataSubjects: ["Customers"],
        subjectCount: 40000,
        retention: "Until the subscriber unsubscribes",
        frequency: "Recurring",
        access: "Stores the data",
        locations: [GERMANY],
      },
    ],
    subprocessors: [],
    ccpa: false,
    ukData: false,
    assessment: null,
    settings: {
      paperSize: "LETTER",
      breachNotificationHours: 48,
      subprocessorNoticeDays: 14,
      supervisoryAuthority: null,
      sccDocking: false,
      sccIndependentRedress: null,
      governingLaw: null,
      courts: null,
    },
  };
}

/** The plain inputs for a US processor certified under the EU-US Data Privacy Framework, with a US sub-processor. */
export function dpfDpaInputs(): DpaInputs {
  const inputs = plainDpaInputs();
  inputs.processor = {
    ...inputs.processor,
    legalName: "Certified Mail Inc.",
    country: "US",
    countryName: "United States",
  };
  inputs.records = inputs.records.map((record) => ({ ...record, locations: [US_WITH_DPF] }));
  inputs.subprocessors = [
    { name: "Hosting Corp.", service: "Cloud hosting", location: US_WITH_DPF, purposes: [] },
  ];
  return inputs;
}
