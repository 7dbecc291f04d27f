import { z } from "zod";
import { AnnexGroup, Severity } from "../questionnaires/template-schema.ts";

/**
 * Everything a DPA is generated from, gathered from the settings, the register and the latest completed
 * assessment. The stored copy of these inputs is what makes a version reproducible and what "changed since the
 * previous version" compares; nothing outside them may influence the document.
 */

const Text = z.string().trim().min(1);
const IsoDate = z.iso.date();

export const DpaPerson = z.object({
  name: Text,
  title: z.string().nullable(),
  email: z.string().nullable(),
});
export type DpaPerson = z.infer<typeof DpaPerson>;

export const DpaParty = z.object({
  role: z.enum(["controller", "processor"]),
  /** The registered legal name; the trading name when no legal name is recorded. */
  legalName: Text,
  tradingName: z.string().nullable(),
  address: z.string().nullable(),
  /** ISO 3166-1 alpha-2 code and its English name. */
  country: Text,
  countryName: Text,
  /** The person who signs for the party. */
  signatory: DpaPerson.nullable(),
  /** Who to contact about the agreement and data protection day to day. */
  contacts: z.array(DpaPerson.extend({ function: z.string() })),
  dpo: DpaPerson.nullable(),
  /** The Art. 27 representative in the Union, where the party has one. */
  euRepresentative: z.string().nullable(),
});
export type DpaParty = z.infer<typeof DpaParty>;

export const DpaLocation = z.object({
  country: Text,
  countryName: Text,
  /** inside_eea, adequate (Art. 45 decision that covers this recipient) or restricted (needs Art. 46/47/49). */
  status: z.enum(["inside_eea", "adequate", "restricted"]),
  mechanism: z.enum(["adequacy", "scc", "bcr", "derogation", "none"]),
  sccModule: z.number().int().min(1).max(4).nullable(),
});
export type DpaLocation = z.infer<typeof DpaLocation>;

export const DpaDataCategory = z.object({
  code: Text,
  label: Text,
  /** Art. 9 special category. */
  special: z.boolean(),
  /** Art. 10 criminal convictions and offences data. */
  criminal: z.boolean(),
});
export type DpaDataCategory = z.infer<typeof DpaDataCategory>;

export const DpaRecord = z.object({
  id: Text,
  purpose: Text,
  legalBasis: Text,
  dataCategories: z.array(DpaDataCategory),
  /** The Art. 9(2) condition, as a label, when special categories are shared. */
  art9Condition: z.string().nullable(),
  art10Basis: z.string().nullable(),
  dataSubjects: z.array(Text),
  subjectCount: z.number().int().nonnegative(),
  retention: z.string().nullable(),
  /** Label: continuous, recurring, one-off. */
  frequency: Text,
  /** Label: what the processor does with the data (stores, processes only, remote access). */
  access: Text,
  locations: z.array(DpaLocation),
});
export type DpaRecord = z.infer<typeof DpaRecord>;

export const DpaSubprocessor = z.object({
  name: Text,
  service: Text,
  location: DpaLocation,
  /** Purposes of the records this sub-processor works on; empty means all of them. */
  purposes: z.array(Text),
});
export type DpaSubprocessor = z.infer<typeof DpaSubprocessor>;

export const DpaMeasure = z.object({
  group: AnnexGroup,
  questionId: Text,
  /** The measure as a statement ("Administrator accounts require multi-factor authentication."). */
  statement: Text,
  /** The vendor's answer as shown to it, for the record ("Yes", "Daily", "AES-256"). */
  answer: z.string(),
});
export type DpaMeasure = z.infer<typeof DpaMeasure>;

export const DpaOpenFinding = z.object({
  title: Text,
  severity: Severity,
  recommendation: Text,
  status: z.enum(["open", "remediation_planned", "risk_accepted"]),
  dueDate: IsoDate,
  remediationPlan: z.string().nullable(),
});
export type DpaOpenFinding = z.infer<typeof DpaOpenFinding>;

export const DpaAssessment = z.object({
  id: Text,
  questionnaireTitle: Text,
  questionnaireVersion: z.number().int(),
  completedOn: IsoDate,
  measures: z.array(DpaMeasure),
  /** Annex groups the questionnaire asked about where the vendor did not confirm a measure. */
  unconfirmedGroups: z.array(AnnexGroup),
  openFindings: z.array(DpaOpenFinding),
});
export type DpaAssessment = z.infer<typeof DpaAssessment>;

export const DpaSettings = z.object({
  paperSize: z.enum(["A4", "LETTER"]),
  /** Hours within which the processor tells the controller about a personal data breach. */
  breachNotificationHours: z.number().int().positive(),
  /** Days of advance notice before a new or replaced sub-processor starts, and to object. */
  subprocessorNoticeDays: z.number().int().positive(),
  /**
   * Days within which the processor passes on a data subject's request and gives its help (Art. 28(3)(e)), and
   * days after the end of the services to delete or return the data and confirm it (Art. 28(3)(g)). Absent from
   * versions generated before these settings existed, whose clauses named no number of days.
   */
  dsrAssistanceDays: z.number().int().positive().optional(),
  deletionDays: z.number().int().positive().optional(),
  supervisoryAuthority: z.string().nullable(),
  /** Clause 7 of the 2021 SCCs: whether other parties may accede to the clauses. */
  sccDocking: z.boolean(),
  /** Clause 11(a) option: whether data subjects may also complain to an independent dispute resolution body. */
  sccIndependentRedress: z.string().nullable(),
  /** Clause 17: the EU Member State whose law governs the clauses. */
  governingLaw: z.string().nullable(),
  /** Clause 18: the courts of the Member State that settle disputes. */
  courts: z.string().nullable(),
});
export type DpaSettings = z.infer<typeof DpaSettings>;

export const DpaInputs = z.object({
  /** The date the agreement takes effect; also the PDF's fixed creation date. */
  effectiveDate: IsoDate,
  controller: DpaParty,
  processor: DpaParty,
  /** What the processor provides (the vendor's service description). */
  services: z.string().nullable(),
  records: z.array(DpaRecord),
  subprocessors: z.array(DpaSubprocessor),
  /** US consumers' data or a vendor marked as a CCPA service provider. */
  ccpa: z.boolean(),
  /** Data about people in the United Kingdom is involved (UK Addendum to the SCCs). */
  ukData: z.boolean(),
  /** The latest completed assessment, or null when none is completed yet. */
  assessment: DpaAssessment.nullable(),
  settings: DpaSettings,
});
export type DpaInputs = z.infer<typeof DpaInputs>;
