import type { DpaInputs, DpaMeasure } from "../../src/dpa/dpa-inputs.ts";
import { GERMANY, US_WITHOUT_DPF } from "./dpa-plain-inputs.ts";

/** The assessment answers the rich inputs carry into Annex II (technical and organisational measures). */
export const RICH_MEASURES: DpaMeasure[] = [
  {
    group: "pseudonymisation-encryption",
    questionId: "enc-key-management",
    statement:
      "Keys that encrypt the stored data are managed in a key management service with restricted access and rotation.",
    answer: "In a key management service or hardware security module",
  },
  {
    group: "identification-authorisation",
    questionId: "ac-mfa-privileged",
    statement:
      "Every administrator account on the systems that hold the data requires multi-factor authentication.",
    answer: "Yes",
  },
  {
    group: "identification-authorisation",
    questionId: "ac-leaver-hours",
    statement: "All access of a person who leaves the company is removed within 72 hours.",
    answer: "8 hours",
  },
  {
    group: "protection-in-transit",
    questionId: "enc-in-transit",
    statement: "The data is always encrypted with TLS 1.2 or newer when it travels over public networks.",
    answer: "Yes",
  },
  {
    group: "protection-at-rest",
    questionId: "enc-at-rest",
    statement:
      "The data is encrypted everywhere it is stored, including databases, file storage and backups.",
    answer: "Yes, everywhere it is stored",
  },
  {
    group: "governance",
    questionId: "hr-training",
    statement:
      "Staff complete security and data protection awareness training when they join and every year.",
    answer: "When they join and at least once a year after that",
  },
  {
    group: "logging",
    questionId: "log-security-events",
    statement: "Sign-ins, changes to access rights and administrator actions are logged.",
    answer: "Yes",
  },
  {
    group: "retention",
    questionId: "dl-retention",
    statement: "The data has a set retention period, after which it is deleted by a scheduled process.",
    answer: "Yes",
  },
  {
    group: "subprocessors",
    questionId: "sub-flow-down",
    statement: "Each sub-processor's contract binds it to obligations at least as strict as the processor's.",
    answer: "Yes",
  },
];

/**
 * A US processor without Data Privacy Framework certification, health data and criminal offence data, three
 * sub-processors (two with Unicode names, one in the US), CCPA and UK data, and an assessment with open findings.
 */
export function richDpaInputs(): DpaInputs {
  return {
    effectiveDate: "2026-03-02",
    controller: {
      role: "controller",
      legalName: "Müller Versicherungen GmbH",
      tradingName: "Müller Insurance",
      address: "Königstraße 12\n70173 Stuttgart",
      country: "DE",
      countryName: "Germany",
      signatory: {
        name: "Dr. Anna Müller",
        title: "Managing Director",
        email: "anna.mueller@mueller.example",
      },
      contacts: [
        {
          name: "Jonas Weber",
          title: "Privacy Counsel",
          email: "privacy@mueller.example",
          function: "Privacy / data protection officer",
        },
      ],
      dpo: { name: "Petra Schmidt", title: "Data Protection Officer", email: "dpo@mueller.example" },
      euRepresentative: null,
    },
    processor: {
      role: "processor",
      legalName: "Acme Health Analytics Inc.",
      tradingName: null,
      address: "500 Market Street, San Francisco, CA 94105",
      country: "US",
      countryName: "United States",
      signatory: { name: "Sam Rivera", title: "General Counsel", email: "legal@acme.example" },
      contacts: [
        { name: "Sam Security", title: "CISO", email: "security@acme.example", function: "Security" },
        {
          name: "Pat Privacy",
          title: null,
          email: "privacy@acme.example",
          function: "Privacy / data protection officer",
        },
      ],
      dpo: { name: "Dana Okafor", title: null, email: "dpo@acme.example" },
      euRepresentative: "Acme EU Representative Ltd, 1 Grand Canal Square, Dublin 2, Ireland",
    },
    services:
      "Claims analytics platform that scores incoming insurance claims and screens applications for fraud",
    records: [
      {
        id: "rec-claims",
        purpose: "Triage of health insurance claims to route them to the right claims handler",
        legalBasis: "Performance of a contract with the data subject",
        dataCategories: [
          {
            code: "identity",
            label: "Identity (name, date of birth, photo)",
            special: false,
            criminal: false,
          },
          {
            code: "contact",
            label: "Contact details (email, phone, postal address)",
            special: false,
            criminal: false,
          },
          { code: "health", label: "Health data", special: true, criminal: false },
        ],
        art9Condition: "Explicit consent",
        art10Basis: null,
        dataSubjects: ["Customers", "Claimants' family members"],
        subjectCount: 12500,
        retention: "Seven years after the claim is closed",
        frequency: "Continuous",
        access: "Stores the data",
        locations: [GERMANY, US_WITHOUT_DPF],
      },
      {
        id: "rec-fraud",
        purpose: "Screening new policy applications for fraud",
        legalBasis: "Legitimate interests",
        dataCategories: [
          {
            code: "identity",
            label: "Identity (name, date of birth, photo)",
            special: false,
            criminal: false,
          },
          {
            code: "criminal_offences",
            label: "Criminal convictions and offences",
            special: false,
            criminal: true,
          },
        ],
        art9Condition: null,
        art10Basis: "Section 31 of the German Federal Data Protection Act",
        dataSubjects: ["Prospects"],
        subjectCount: 3000,
        retention: "90 days after the decision on the application",
        frequency: "Recurring",
        access: "Has remote access to our systems holding the data",
        locations: [{ ...US_WITHOUT_DPF, sccModule: 2 }],
      },
    ],
    subprocessors: [
      {
        name: "Łódź Logistics Sp. z o.o.",
        service: "Scanning and archiving of paper claim documents",
        location: {
          country: "PL",
          countryName: "Poland",
          status: "inside_eea",
          mechanism: "adequacy",
          sccModule: null,
        },
        purposes: ["Triage of health insurance claims to route them to the right claims handler"],
      },
      {
        name: "Ελληνικά Δεδομένα Α.Ε.",
        service: "Encrypted off-site backup storage",
        location: {
          country: "GR",
          countryName: "Greece",
          status: "inside_eea",
          mechanism: "adequacy",
          sccModule: null,
        },
        purposes: [],
      },
      { name: "CloudCo LLC", service: "Cloud hosting", location: US_WITHOUT_DPF, purposes: [] },
    ],
    ccpa: true,
    ukData: true,
    assessment: {
      id: "01JNASSESSMENT0000000000001",
      questionnaireTitle: "Vendor security baseline",
      questionnaireVersion: 2,
      completedOn: "2026-02-20",
      measures: RICH_MEASURES.map((measure) => ({ ...measure })),
      unconfirmedGroups: ["physical-security", "regular-testing"],
      openFindings: [
        {
          title: "Backups are not protected against ransomware",
          severity: "high",
          recommendation: "Keep one backup copy immutable or offline.",
          status: "remediation_planned",
          dueDate: "2026-04-01",
          remediationPlan: "Enable object lock on the backup bucket by the end of March.",
        },
        {
          title: "No independent penetration test in the last year",
          severity: "medium",
          recommendation: "Commission an independent penetration test of the service.",
          status: "open",
          dueDate: "2026-05-15",
          remediationPlan: null,
        },
      ],
    },
    settings: {
      paperSize: "A4",
      breachNotificationHours: 48,
      subprocessorNoticeDays: 30,
      supervisoryAuthority:
        "Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit Baden-Württemberg",
      sccDocking: true,
      sccIndependentRedress: null,
      governingLaw: "Germany",
      courts: "Stuttgart, Germany",
    },
  };
}
