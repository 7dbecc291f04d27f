import type { AnnexGroup } from "../../questionnaires/template-schema.ts";
import type { DpaInputs, DpaMeasure } from "../dpa-inputs.ts";

/**
 * The headings of Annex II, in the order of the examples in Annex II of the 2021 SCCs, and the questionnaire's
 * measure groups each one gathers. Every AnnexGroup value appears under exactly one heading (a test checks it).
 */
export interface AnnexHeading {
  title: string;
  groups: readonly AnnexGroup[];
}

export const ANNEX_HEADINGS: readonly AnnexHeading[] = [
  { title: "Pseudonymisation and encryption of personal data", groups: ["pseudonymisation-encryption"] },
  {
    title:
      "Ongoing confidentiality, integrity, availability and resilience of processing systems and services",
    groups: ["confidentiality-integrity-availability"],
  },
  {
    title: "Restoring the availability of and access to personal data after an incident",
    groups: ["restore-availability"],
  },
  { title: "Regular testing, assessment and evaluation of the measures", groups: ["regular-testing"] },
  { title: "User identification and authorisation", groups: ["identification-authorisation"] },
  {
    title: "Protection of personal data during transmission and storage",
    groups: ["protection-in-transit", "protection-at-rest"],
  },
  { title: "Physical security of locations where personal data is processed", groups: ["physical-security"] },
  { title: "Event logging", groups: ["logging"] },
  { title: "System configuration, including default configuration", groups: ["configuration"] },
  { title: "Internal IT and IT security governance and management", groups: ["governance"] },
  { title: "Certification and assurance of processes and products", groups: ["certification"] },
  {
    title: "Data minimisation, data quality and limited data retention",
    groups: ["data-minimisation", "data-quality", "retention"],
  },
  { title: "Accountability", groups: ["accountability"] },
  { title: "Data portability and erasure", groups: ["portability-erasure"] },
  {
    title: "Sub-processors: their measures and their assistance to the controller",
    groups: ["subprocessors"],
  },
];

/** The confirmed measures of these groups, in the order the inputs give them. */
export function measuresIn(inputs: DpaInputs, groups: readonly AnnexGroup[]): DpaMeasure[] {
  return (inputs.assessment?.measures ?? []).filter((measure) => groups.includes(measure.group));
}

/** The kinds of safeguard Annex I.B names for special category data, each read from the confirmed measures. */
export const SPECIAL_CATEGORY_SAFEGUARDS: readonly {
  label: string;
  pick: (measure: DpaMeasure) => boolean;
}[] = [
  { label: "Restricted access", pick: (m) => m.group === "identification-authorisation" },
  {
    label: "Encryption and pseudonymisation",
    pick: (m) =>
      ["pseudonymisation-encryption", "protection-in-transit", "protection-at-rest"].includes(m.group),
  },
  // Training questions sit in the governance group; their stable ids name the topic.
  { label: "Specialised staff training", pick: (m) => m.questionId.includes("training") },
  { label: "Record of access", pick: (m) => m.group === "logging" },
];
