import { z } from "@hono/zod-openapi";

/** Categories of personal data a vendor may receive (GDPR Art. 30(1)(c)). */
export const DataCategory = z.enum([
  "identity",
  "contact",
  "government_id",
  "financial",
  "location",
  "online_identifiers",
  "usage",
  "employment",
  "communications",
  "health",
  "genetic",
  "biometric",
  "racial_ethnic_origin",
  "political_opinions",
  "religious_beliefs",
  "trade_union",
  "sex_life_orientation",
  "criminal_offences",
]);
export type DataCategory = z.infer<typeof DataCategory>;

export interface DataCategoryInfo {
  label: string;
  /** GDPR Art. 9(1) special category: processing is prohibited unless an Art. 9(2) condition applies. */
  special: boolean;
  /** GDPR Art. 10: criminal convictions and offences, only under official authority or Union/Member State law. */
  criminal: boolean;
}

const ordinary = (label: string): DataCategoryInfo => ({ label, special: false, criminal: false });
const special = (label: string): DataCategoryInfo => ({ label, special: true, criminal: false });

export const dataCategoryInfo: Record<DataCategory, DataCategoryInfo> = {
  identity: ordinary("Identity (name, date of birth, photo)"),
  contact: ordinary("Contact details (email, phone, postal address)"),
  government_id: ordinary("Government identifiers (passport, national ID, tax or social security number)"),
  financial: ordinary("Financial data (bank account, card, salary, transactions)"),
  location: ordinary("Location data"),
  online_identifiers: ordinary("Online identifiers (IP address, cookie and device IDs)"),
  usage: ordinary("Usage and behaviour data"),
  employment: ordinary("Employment details (role, performance, absence)"),
  communications: ordinary("Content of communications"),
  health: special("Health data"),
  genetic: special("Genetic data"),
  biometric: special("Biometric data used to identify a person"),
  racial_ethnic_origin: special("Racial or ethnic origin"),
  political_opinions: special("Political opinions"),
  // Art. 9(1) names "religious or philosophical beliefs" together, so one category covers both.
  religious_beliefs: special("Religious or philosophical beliefs"),
  trade_union: special("Trade union membership"),
  sex_life_orientation: special("Sex life or sexual orientation"),
  criminal_offences: { label: "Criminal convictions and offences", special: false, criminal: true },
};

export const SPECIAL_CATEGORIES: readonly DataCategory[] = DataCategory.options.filter(
  (c) => dataCategoryInfo[c].special,
);

export function isSpecialCategory(category: DataCategory): boolean {
  return dataCategoryInfo[category].special;
}

export function isCriminalCategory(category: DataCategory): boolean {
  return dataCategoryInfo[category].criminal;
}

/** GDPR Art. 6(1)(a)-(f). */
export const LegalBasis = z.enum([
  "consent",
  "contract",
  "legal_obligation",
  "vital_interests",
  "public_task",
  "legitimate_interests",
]);
export type LegalBasis = z.infer<typeof LegalBasis>;

export const legalBasisInfo: Record<LegalBasis, { letter: string; label: string }> = {
  consent: { letter: "a", label: "Consent of the data subject" },
  contract: { letter: "b", label: "Performance of a contract with the data subject" },
  legal_obligation: { letter: "c", label: "Compliance with a legal obligation" },
  vital_interests: { letter: "d", label: "Protection of vital interests" },
  public_task: { letter: "e", label: "Task in the public interest or official authority" },
  legitimate_interests: { letter: "f", label: "Legitimate interests" },
};

/** GDPR Art. 9(2)(a)-(j): the conditions that lift the ban on special category data. */
export const Art9Condition = z.enum([
  "explicit_consent",
  "employment_social_security",
  "vital_interests",
  "not_for_profit_body",
  "made_public",
  "legal_claims",
  "substantial_public_interest",
  "health_social_care",
  "public_health",
  "archiving_research_statistics",
]);
export type Art9Condition = z.infer<typeof Art9Condition>;

export const art9ConditionInfo: Record<Art9Condition, { letter: string; label: string }> = {
  explicit_consent: { letter: "a", label: "Explicit consent" },
  employment_social_security: {
    letter: "b",
    label: "Obligations and rights in employment, social security and social protection law",
  },
  vital_interests: { letter: "c", label: "Vital interests where the person cannot give consent" },
  not_for_profit_body: {
    letter: "d",
    label: "Members of a not-for-profit body with a political, philosophical, religious or trade union aim",
  },
  made_public: { letter: "e", label: "Data manifestly made public by the data subject" },
  legal_claims: { letter: "f", label: "Legal claims or courts acting in their judicial capacity" },
  substantial_public_interest: {
    letter: "g",
    label: "Substantial public interest under Union or Member State law",
  },
  health_social_care: {
    letter: "h",
    label: "Preventive or occupational medicine, diagnosis, health or social care",
  },
  public_health: { letter: "i", label: "Public interest in the area of public health" },
  archiving_research_statistics: {
    letter: "j",
    label: "Archiving in the public interest, scientific or historical research, statistics",
  },
};

/** The usual categories of data subjects; records may also carry custom text. */
export const DataSubject = z.enum([
  "customers",
  "prospects",
  "employees",
  "contractors",
  "patients",
  "children",
  "website_visitors",
]);
export type DataSubject = z.infer<typeof DataSubject>;

export const dataSubjectLabels: Record<DataSubject, string> = {
  customers: "Customers",
  prospects: "Prospects",
  employees: "Employees",
  contractors: "Contractors",
  patients: "Patients",
  children: "Children",
  website_visitors: "Website visitors",
};

/** A standard data subject's label, or the custom text as recorded. */
export function dataSubjectLabel(subject: string): string {
  const parsed = DataSubject.safeParse(subject);
  return parsed.success ? dataSubjectLabels[parsed.data] : subject;
}

export const Frequency = z.enum(["continuous", "recurring", "one_off"]);
export type Frequency = z.infer<typeof Frequency>;

export const frequencyLabels: Record<Frequency, string> = {
  continuous: "Continuous",
  recurring: "Recurring",
  one_off: "One-off",
};

export const Access = z.enum(["stores", "processes_only", "remote_access", "no_access"]);
export type Access = z.infer<typeof Access>;

export const accessLabels: Record<Access, string> = {
  stores: "Stores the data",
  processes_only: "Processes the data without keeping it",
  remote_access: "Has remote access to our systems holding the data",
  no_access: "No access to the data",
};

/** GDPR Chapter V tools for a transfer outside the EEA. */
export const TransferMechanism = z.enum(["adequacy", "scc", "bcr", "derogation", "none"]);
export type TransferMechanism = z.infer<typeof TransferMechanism>;

export const transferMechanismInfo: Record<TransferMechanism, { label: string; article: string }> = {
  adequacy: { label: "Adequacy decision", article: "Art. 45" },
  scc: { label: "Standard contractual clauses", article: "Art. 46(2)(c)" },
  bcr: { label: "Binding corporate rules", article: "Art. 47" },
  derogation: { label: "Derogation for a specific situation", article: "Art. 49" },
  none: { label: "No transfer mechanism", article: "" },
};

/** The four modules of the 2021 standard contractual clauses (Decision (EU) 2021/914). */
export const SccModule = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
  error: "must be an SCC module number from 1 to 4",
});
export type SccModule = z.infer<typeof SccModule>;

export const sccModuleInfo: Record<SccModule, { short: string; label: string }> = {
  1: { short: "C2C", label: "Module 1: controller to controller" },
  2: { short: "C2P", label: "Module 2: controller to processor" },
  3: { short: "P2P", label: "Module 3: processor to processor" },
  4: { short: "P2C", label: "Module 4: processor to controller" },
};

export const BusinessCriticality = z.enum(["low", "medium", "high", "critical"]);
export type BusinessCriticality = z.infer<typeof BusinessCriticality>;

export const RiskTier = z.enum(["low", "medium", "high", "critical"]);
export type RiskTier = z.infer<typeof RiskTier>;

export const ContactRole = z.enum(["security", "privacy", "commercial"]);
export type ContactRole = z.infer<typeof ContactRole>;

export const contactRoleLabels: Record<ContactRole, string> = {
  security: "Security",
  privacy: "Privacy / data protection officer",
  commercial: "Commercial",
};

// Data minimisation heuristic (GDPR Art. 5(1)(c)): a sensitive category on a record whose purpose mentions none
// of the words that usually explain it is flagged for review; it is a prompt for a person, not a verdict.
// Each entry is matched at the start of a word, case-insensitively.
// "category: hint | hint | ...", continued on indented lines.
const purposeHintTable = `
government_id: identity verif | identity check | verify identit | id check | id verif | identification
  | kyc | know your customer | passport | national id | id card | identity card | driving licen
  | driver's licen | tax | payroll | social security | immigration | right to work | visa | onboard
  | vetting | background | anti-money | aml
financial: pay | billing | bill | invoic | bank | card | financ | accounting | bookkeeping | expense
  | refund | credit | tax | purchas | orders | order processing | order fulfil | e-commerce | ecommerce
  | shop | subscription | salar | pension | benefits | insurance | transaction | checkout | fraud | debt
  | collection | loan | procure
health: health | medic | patient | clinic | sick | illness | disab | occupational | wellbeing
  | well-being | wellness | therap | doctor | nurs | hospital | pharma | prescri | diagnos | treatment
  | vaccin | allerg | dietary | mental | fitness | social care | insurance | accessib
genetic: genetic | dna | genom | ancestry | heredit
biometric: biometric | fingerprint | facial | face recogn | face match | face scan | face id
  | voiceprint | voice print | iris | identity verif | liveness | kyc | access control | attendance
racial_ethnic_origin: ethnic | racial | race | diversity | equal opportunit | equality | inclusion
political_opinions: politic | election | voter | party member | lobby | advocacy
religious_beliefs: relig | faith | belief | church | mosque | synagogue | temple | worship | chaplain
  | dietary | halal | kosher | philosoph
trade_union: trade union | unions | union member | union dues | works council | collective bargain
  | labour relation | labor relation
sex_life_orientation: sexual | orientation | lgbt | diversity | dating | sex life
criminal_offences: criminal | background | screening | vetting | offence | offense | conviction | dbs
  | police | fraud | law enforcement | court | legal claim | litigation | investigat | sanction
`;

/** The words that explain each sensitive category in a purpose text, matched at the start of a word. */
export const PURPOSE_HINTS: Partial<Record<DataCategory, readonly string[]>> = Object.fromEntries(
  purposeHintTable
    .trim()
    .split(/\n(?=[a-z_]+:)/)
    .map((entry) => {
      const colon = entry.indexOf(":");
      const hints = entry
        .slice(colon + 1)
        .split("|")
        .map((h) => h.trim());
      return [entry.slice(0, colon), hints.filter((h) => h.length > 0)];
    }),
);
