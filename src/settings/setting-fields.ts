import { z } from "@hono/zod-openapi";
import { COUNTRY_CODES, countryName, EEA_MEMBERS, isCountryCode } from "../vendors/countries.ts";

/** The fieldsets of the settings page, in the order they are shown. */
export const SETTING_GROUPS = {
  organisation: "Your organisation",
  contacts: "Privacy contacts",
  dpa: "Data processing agreements",
  scc: "Standard contractual clauses (international transfers)",
} as const;
export type SettingGroup = keyof typeof SETTING_GROUPS;

/** How a setting is entered on the page and kept in the settings table (always as text). */
export type SettingKind = "text" | "multiline" | "email" | "integer" | "yesno" | "choice" | "country";

export interface SettingSpec<S extends z.ZodType = z.ZodType> {
  key: string;
  label: string;
  hint: string;
  group: SettingGroup;
  kind: SettingKind;
  /** Checks a typed value (a JSON number, boolean or string) before it is stored. */
  schema: S;
  /** What the setting reads as while it is not set; null means "not set". */
  fallback: z.output<S> | null;
  /** The choices of a `choice` or `country` setting: [value, label]. */
  options?: readonly (readonly [string, string])[];
}

/** The member states of the European Union (the SCCs' Clauses 17 and 18 name one of them). */
export const EU_MEMBER_STATES: readonly string[] = EEA_MEMBERS.filter((c) => !["IS", "LI", "NO"].includes(c));

const byName = (codes: readonly string[]) =>
  codes
    .map((code) => [code, `${countryName(code)} (${code})`] as const)
    .sort((a, b) => a[1].localeCompare(b[1], "en"));

const text = (max: number) =>
  z
    .string({ error: "must be text" })
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`);
const email = () => z.email({ error: "must be an email address" }).max(254);
const wholeNumber = (unit: string, max: number) =>
  z
    .number({ error: `must be a whole number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(1, `must be at least 1 ${unit.replace(/s$/, "")}`)
    .max(max, `must be at most ${max} ${unit}`);
const yesNo = () => z.boolean({ error: "must be true or false" });
const countryIn = (codes: readonly string[], message: string) =>
  z
    .string({ error: "must be a two-letter country code" })
    .trim()
    .toUpperCase()
    .refine((c) => isCountryCode(c) && codes.includes(c), { error: message });

function spec<S extends z.ZodType, D extends z.output<S> | null>(
  s: SettingSpec<S> & { fallback: D },
): SettingSpec<S> & { fallback: D } {
  return s;
}

/**
 * The organisation settings, one entry per stored key. The API, the admin page and the audit trail all work
 * from this list, so a new setting is one entry here.
 */
export const SETTING_FIELDS = {
  organisationName: spec({
    key: "organisation.name",
    label: "Organisation name",
    hint: "Shown to vendors in invitation emails and on the portal, as the organisation asking the questions.",
    group: "organisation",
    kind: "text",
    schema: text(200),
    fallback: null,
  }),
  legalName: spec({
    key: "organisation.legal_name",
    label: "Legal name",
    hint: "The registered legal entity that signs DPAs as the controller, e.g. “Northwind Insurance SE”.",
    group: "organisation",
    kind: "text",
    schema: text(200),
    fallback: null,
  }),
  registeredAddress: spec({
    key: "organisation.address",
    label: "Registered address",
    hint: "As it should appear under the controller's name in DPAs.",
    group: "organisation",
    kind: "multiline",
    schema: text(500),
    fallback: null,
  }),
  country: spec({
    key: "organisation.country",
    label: "Country",
    hint: "Where the organisation is established.",
    group: "organisation",
    kind: "country",
    schema: countryIn(COUNTRY_CODES, "must be an ISO 3166-1 alpha-2 country code, such as DE or IE"),
    fallback: null,
    options: byName(COUNTRY_CODES),
  }),
  signatoryName: spec({
    key: "organisation.signatory_name",
    label: "Signatory name",
    hint: "The person who signs DPAs for the organisation.",
    group: "organisation",
    kind: "text",
    schema: text(200),
    fallback: null,
  }),
  signatoryTitle: spec({
    key: "organisation.signatory_title",
    label: "Signatory title",
    hint: "Their position, e.g. “Chief Operating Officer”.",
    group: "organisation",
    kind: "text",
    schema: text(200),
    fallback: null,
  }),
  privacyContactName: spec({
    key: "privacy.contact_name",
    label: "Privacy contact name",
    hint: "Who vendors contact about data protection day to day.",
    group: "contacts",
    kind: "text",
    schema: text(200),
    fallback: null,
  }),
  privacyContactEmail: spec({
    key: "privacy.contact_email",
    label: "Privacy contact email",
    hint: "A team address is best, e.g. privacy@example.com.",
    group: "contacts",
    kind: "email",
    schema: email(),
    fallback: null,
  }),
  dpoName: spec({
    key: "privacy.dpo_name",
    label: "Data protection officer (name)",
    hint: "Only if the organisation has designated a DPO (GDPR Art. 37).",
    group: "contacts",
    kind: "text",
    schema: text(200),
    fallback: null,
  }),
  dpoEmail: spec({
    key: "privacy.dpo_email",
    label: "Data protection officer (email)",
    hint: "The DPO's published contact address (GDPR Art. 37(7)).",
    group: "contacts",
    kind: "email",
    schema: email(),
    fallback: null,
  }),
  euRepresentative: spec({
    key: "privacy.eu_representative",
    label: "EU representative",
    hint: "Name and address of the Art. 27 representative in the Union, if the organisation is established outside it.",
    group: "contacts",
    kind: "multiline",
    schema: text(500),
    fallback: null,
  }),
  supervisoryAuthority: spec({
    key: "privacy.supervisory_authority",
    label: "Competent supervisory authority",
    hint: "E.g. “Data Protection Commission (Ireland)”; named in Annex I.C and the SCCs' Clause 13.",
    group: "contacts",
    kind: "text",
    schema: text(300),
    fallback: null,
  }),
  breachNotificationHours: spec({
    key: "dpa.breach_notification_hours",
    label: "Breach notification (hours)",
    hint: "How soon a processor must tell you of a personal data breach; 48 unless set.",
    group: "dpa",
    kind: "integer",
    schema: wholeNumber("hours", 720),
    fallback: 48,
  }),
  subprocessorNoticeDays: spec({
    key: "dpa.subprocessor_notice_days",
    label: "Sub-processor notice (days)",
    hint: "Advance notice of a new or replaced sub-processor, and the time to object; 30 unless set.",
    group: "dpa",
    kind: "integer",
    schema: wholeNumber("days", 365),
    fallback: 30,
  }),
  dsrAssistanceDays: spec({
    key: "dpa.dsr_assistance_days",
    label: "Data subject requests (days)",
    hint: "Within how many days a processor passes on a data subject's request it receives and gives its help; 5 unless set.",
    group: "dpa",
    kind: "integer",
    schema: wholeNumber("days", 30),
    fallback: 5,
  }),
  deletionDays: spec({
    key: "dpa.deletion_days",
    label: "Deletion or return (days)",
    hint: "Days after the services end for a processor to delete or return the data and confirm it in writing; 30 unless set.",
    group: "dpa",
    kind: "integer",
    schema: wholeNumber("days", 180),
    fallback: 30,
  }),
  paperSize: spec({
    key: "dpa.paper_size",
    label: "Paper size",
    hint: "Of generated DPA PDFs.",
    group: "dpa",
    kind: "choice",
    schema: z.enum(["A4", "LETTER"], { error: "must be A4 or LETTER" }),
    fallback: "A4",
    options: [
      ["A4", "A4"],
      ["LETTER", "US Letter"],
    ],
  }),
  ukData: spec({
    key: "dpa.uk_data",
    label: "We process data of people in the UK",
    hint: "Adds the UK International Data Transfer Addendum to DPAs with international transfers.",
    group: "dpa",
    kind: "yesno",
    schema: yesNo(),
    fallback: false,
  }),
  sccDocking: spec({
    key: "scc.docking",
    label: "Clause 7: docking clause",
    hint: "Whether other parties may accede to the clauses later.",
    group: "scc",
    kind: "yesno",
    schema: yesNo(),
    fallback: true,
  }),
  sccIndependentRedress: spec({
    key: "scc.redress_body",
    label: "Clause 11: independent dispute resolution body",
    hint: "Optional: a body data subjects may also complain to, free of charge. Leave empty to not offer one.",
    group: "scc",
    kind: "text",
    schema: text(300),
    fallback: null,
  }),
  governingLaw: spec({
    key: "scc.governing_law",
    label: "Clause 17: governing law",
    hint: "The EU Member State whose law governs the clauses.",
    group: "scc",
    kind: "country",
    schema: countryIn(EU_MEMBER_STATES, "must be the country code of an EU Member State, such as IE"),
    fallback: null,
    options: byName(EU_MEMBER_STATES),
  }),
  courts: spec({
    key: "scc.courts",
    label: "Clause 18: courts",
    hint: "The EU Member State whose courts settle disputes under the clauses.",
    group: "scc",
    kind: "country",
    schema: countryIn(EU_MEMBER_STATES, "must be the country code of an EU Member State, such as IE"),
    fallback: null,
    options: byName(EU_MEMBER_STATES),
  }),
} as const;

export type SettingField = keyof typeof SETTING_FIELDS;
export type SettingKey = (typeof SETTING_FIELDS)[SettingField]["key"];
export const SETTING_NAMES = Object.keys(SETTING_FIELDS) as SettingField[];

type FieldValue<F extends SettingField> = z.output<(typeof SETTING_FIELDS)[F]["schema"]>;

/** Every setting as it reads now: its value, or its fallback, or null when neither is set. */
export type SettingValues = {
  [F in SettingField]: (typeof SETTING_FIELDS)[F]["fallback"] extends null
    ? FieldValue<F> | null
    : FieldValue<F>;
};

/** The text kept in the settings table for a checked value. */
export function encodeSetting(kind: SettingKind, value: unknown): string {
  if (kind === "yesno") return value ? "true" : "false";
  return String(value);
}

/** A stored text back as its typed value; undefined when it no longer passes the setting's checks. */
export function decodeSetting(spec: SettingSpec, stored: string): unknown {
  const raw = spec.kind === "integer" ? Number(stored) : spec.kind === "yesno" ? stored === "true" : stored;
  const parsed = spec.schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
