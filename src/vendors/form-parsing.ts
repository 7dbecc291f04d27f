import type { FieldIssue } from "../shared/errors.ts";
import { zodIssuesToFields } from "../shared/errors.ts";
import type { ProcessingRecord } from "./register-model.ts";
import { DataSubject } from "./register-vocabulary.ts";

// HTML forms post strings only. These functions turn a posted form into two things: the values to show again
// when the form comes back with errors (strings, exactly as typed), and the input the service schemas validate.
// Field names are the zod paths ("contacts[0].email"), so an issue's path names the field it belongs to.

/** What a posted form offers: FormData and URLSearchParams both fit. */
export interface FormSource {
  getAll(name: string): unknown[];
}

/** The first value of a field, trimmed; "" when absent. */
export function formText(form: FormSource, name: string): string {
  const value = form.getAll(name)[0];
  return typeof value === "string" ? value.trim() : "";
}

/** Every non-empty string value of a repeated field (checkbox groups). */
export function formList(form: FormSource, name: string): string[] {
  return form
    .getAll(name)
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

const optional = (text: string): string | undefined => (text === "" ? undefined : text);
const nullable = (text: string): string | null => (text === "" ? null : text);
const ticked = (form: FormSource, name: string): boolean => formText(form, name) !== "";

/** "50,000" and "50 000" are numbers people type; anything else goes through as text so zod names the field. */
export function parseCount(text: string): number | string | undefined {
  if (text === "") return undefined;
  const digits = text.replace(/[\s,_']/g, "");
  return /^\d+$/.test(digits) ? Number(digits) : text;
}

function parseModule(text: string): number | string | undefined {
  if (text === "") return undefined;
  return /^[1-4]$/.test(text) ? Number(text) : text;
}

// A bound on the rows read from one posted form; no real vendor or record comes near it.
const MAX_ROWS = 100;

/** Rows of a repeated group (`prefix[i].field`), skipping the blank ones the page offers for adding more. */
function formRows<K extends string>(
  form: FormSource,
  prefix: string,
  fields: readonly K[],
): Record<K, string>[] {
  const rows: Record<K, string>[] = [];
  for (let i = 0; i < MAX_ROWS && fields.some((f) => form.getAll(`${prefix}[${i}].${f}`).length > 0); i++) {
    const row = Object.fromEntries(fields.map((f) => [f, formText(form, `${prefix}[${i}].${f}`)]));
    if (fields.some((f) => row[f] !== "")) rows.push(row as Record<K, string>);
  }
  return rows;
}

export interface VendorFormValues {
  name: string;
  legalName: string;
  registeredAddress: string;
  country: string;
  website: string;
  serviceDescription: string;
  businessOwner: string;
  businessCriticality: string;
  dpfCertified: boolean;
  canadaCommercial: boolean;
  ccpaServiceProvider: boolean;
  dpoName: string;
  dpoEmail: string;
  euRepresentative: string;
  signatoryName: string;
  signatoryTitle: string;
  contacts: ContactFormValues[];
}

export interface ContactFormValues {
  name: string;
  email: string;
  role: string;
}

const CONTACT_FIELDS = ["name", "email", "role"] as const;

/** The vendor form: values to show again, and the input for CreateVendor (or UpdateVendor without contacts). */
export function parseVendorForm(form: FormSource) {
  const values: VendorFormValues = {
    name: formText(form, "name"),
    legalName: formText(form, "legalName"),
    registeredAddress: formText(form, "registeredAddress"),
    country: formText(form, "country"),
    website: formText(form, "website"),
    serviceDescription: formText(form, "serviceDescription"),
    businessOwner: formText(form, "businessOwner"),
    businessCriticality: formText(form, "businessCriticality"),
    dpfCertified: ticked(form, "dpfCertified"),
    canadaCommercial: ticked(form, "canadaCommercial"),
    ccpaServiceProvider: ticked(form, "ccpaServiceProvider"),
    dpoName: formText(form, "dpoName"),
    dpoEmail: formText(form, "dpoEmail"),
    euRepresentative: formText(form, "euRepresentative"),
    signatoryName: formText(form, "signatoryName"),
    signatoryTitle: formText(form, "signatoryTitle"),
    contacts: formRows(form, "contacts", CONTACT_FIELDS),
  };
  const fields = {
    name: values.name,
    legalName: nullable(values.legalName),
    registeredAddress: nullable(values.registeredAddress),
    country: values.country,
    website: nullable(values.website),
    serviceDescription: nullable(values.serviceDescription),
    businessOwner: nullable(values.businessOwner),
    businessCriticality: values.businessCriticality,
    dpfCertified: values.dpfCertified,
    canadaCommercial: values.canadaCommercial,
    ccpaServiceProvider: values.ccpaServiceProvider,
    dpoName: nullable(values.dpoName),
    dpoEmail: nullable(values.dpoEmail),
    euRepresentative: nullable(values.euRepresentative),
    signatoryName: nullable(values.signatoryName),
    signatoryTitle: nullable(values.signatoryTitle),
  };
  return { values, fields, contacts: values.contacts };
}

export function parseContactForm(form: FormSource) {
  const values: ContactFormValues = {
    name: formText(form, "contact.name"),
    email: formText(form, "contact.email"),
    role: formText(form, "contact.role"),
  };
  return { values, input: values };
}

export interface LocationFormValues {
  country: string;
  mechanism: string;
  sccModule: string;
}

export interface ProcessingFormValues {
  purpose: string;
  legalBasis: string;
  dataCategories: string[];
  art9Condition: string;
  art10Basis: string;
  dataSubjects: string[];
  otherSubjects: string;
  subjectCount: string;
  retention: string;
  frequency: string;
  access: string;
  locations: LocationFormValues[];
}

const LOCATION_FIELDS = ["country", "mechanism", "sccModule"] as const;
const STANDARD_SUBJECTS: ReadonlySet<string> = new Set(DataSubject.options);

function splitOther(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The data-sharing record form: values to show again, and the input for ProcessingInput. */
export function parseProcessingForm(form: FormSource) {
  const values: ProcessingFormValues = {
    purpose: formText(form, "purpose"),
    legalBasis: formText(form, "legalBasis"),
    dataCategories: formList(form, "dataCategories"),
    art9Condition: formText(form, "art9Condition"),
    art10Basis: formText(form, "art10Basis"),
    dataSubjects: formList(form, "dataSubjects").filter((s) => STANDARD_SUBJECTS.has(s)),
    otherSubjects: formText(form, "otherSubjects"),
    subjectCount: formText(form, "subjectCount"),
    retention: formText(form, "retention"),
    frequency: formText(form, "frequency"),
    access: formText(form, "access"),
    locations: formRows(form, "locations", LOCATION_FIELDS),
  };
  const input = {
    purpose: values.purpose,
    legalBasis: values.legalBasis,
    dataCategories: values.dataCategories,
    art9Condition: optional(values.art9Condition),
    art10Basis: optional(values.art10Basis),
    dataSubjects: [...new Set([...values.dataSubjects, ...splitOther(values.otherSubjects)])],
    subjectCount: parseCount(values.subjectCount),
    retention: optional(values.retention),
    frequency: values.frequency,
    access: values.access,
    locations: values.locations.map((l) => ({
      country: l.country,
      mechanism: l.mechanism,
      sccModule: parseModule(l.sccModule),
    })),
  };
  return { values, input };
}

/** A stored record as form values, for the edit page. */
export function processingFormValues(record: ProcessingRecord): ProcessingFormValues {
  return {
    purpose: record.purpose,
    legalBasis: record.legalBasis,
    dataCategories: record.dataCategories,
    art9Condition: record.art9Condition ?? "",
    art10Basis: record.art10Basis ?? "",
    dataSubjects: record.dataSubjects.filter((s) => STANDARD_SUBJECTS.has(s)),
    otherSubjects: record.dataSubjects.filter((s) => !STANDARD_SUBJECTS.has(s)).join(", "),
    subjectCount: String(record.subjectCount),
    retention: record.retention ?? "",
    frequency: record.frequency,
    access: record.access,
    locations: record.locations.map((l) => ({
      country: l.country,
      mechanism: l.mechanism,
      sccModule: l.sccModule === undefined ? "" : String(l.sccModule),
    })),
  };
}

export interface SubprocessorFormValues {
  name: string;
  service: string;
  country: string;
  mechanism: string;
  sccModule: string;
  dpfCertified: boolean;
  canadaCommercial: boolean;
  processingIds: string[];
  addedOn: string;
}

export function parseSubprocessorForm(form: FormSource) {
  const values: SubprocessorFormValues = {
    name: formText(form, "name"),
    service: formText(form, "service"),
    country: formText(form, "country"),
    mechanism: formText(form, "mechanism"),
    sccModule: formText(form, "sccModule"),
    dpfCertified: ticked(form, "dpfCertified"),
    canadaCommercial: ticked(form, "canadaCommercial"),
    processingIds: formList(form, "processingIds"),
    addedOn: formText(form, "addedOn"),
  };
  const input = {
    ...values,
    sccModule: parseModule(values.sccModule),
    addedOn: optional(values.addedOn),
  };
  return { values, input };
}

/** A status change; moving to offboarded always carries the Art. 28(3)(g) confirmation so each part is checked. */
export function parseStatusForm(form: FormSource) {
  const values = {
    status: formText(form, "status"),
    note: formText(form, "note"),
    disposition: formText(form, "offboarding.disposition"),
    confirmedOn: formText(form, "offboarding.confirmedOn"),
    evidence: formText(form, "offboarding.evidence"),
  };
  const input = {
    status: values.status,
    ...(values.note ? { note: values.note } : {}),
    ...(values.status === "offboarded"
      ? {
          offboarding: {
            disposition: values.disposition,
            confirmedOn: values.confirmedOn,
            evidence: values.evidence,
          },
        }
      : {}),
  };
  return { values, input };
}

/** The override form: an empty tier means "remove the override". */
export function parseOverrideForm(form: FormSource) {
  const values = { tier: formText(form, "tier"), reason: formText(form, "reason") };
  return { values, input: { tier: values.tier === "" ? null : values.tier, reason: values.reason } };
}

interface LooseIssue {
  code?: string;
  path: readonly PropertyKey[];
  message: string;
}

/** zod issues as field messages a person can act on: a missing choice says so instead of naming types. */
export function formIssues(issues: readonly LooseIssue[]): FieldIssue[] {
  return zodIssuesToFields(
    issues.map((i) => {
      // Countries come from a list, so "not an ISO code" can only mean none was chosen.
      if (i.path.at(-1) === "country") return { ...i, message: "choose a country from the list" };
      if (i.code === "invalid_value" && i.message.startsWith("Invalid option"))
        return { ...i, message: "choose one of the options" };
      if (i.code === "invalid_type" && i.message.endsWith("received undefined"))
        return { ...i, message: "required" };
      return i;
    }),
  );
}
