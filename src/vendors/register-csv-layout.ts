import type { TransferLocation } from "./register-model.ts";
import { DataSubject } from "./register-vocabulary.ts";

/*
 * The register's CSV layout, shared by the import, the register export and the template: one row per
 * data-sharing record. A vendor with several records takes several rows (its vendor columns repeated or left
 * empty after the first); a vendor without records takes one row with the record columns empty.
 * docs/csv-import.md explains the same layout for the people filling it in.
 */

export type ColumnPart = "vendor" | "contact" | "record";

export interface CsvColumn {
  name: string;
  part: ColumnPart;
  /** The API field the column fills. */
  field: string;
  /** Two example values: the template's two rows. */
  examples: readonly [string, string];
}

const column = (name: string, part: ColumnPart, field: string, a: string, b: string): CsvColumn => ({
  name,
  part,
  field,
  examples: [a, b],
});

export const REGISTER_COLUMNS: readonly CsvColumn[] = [
  column("vendor_name", "vendor", "name", "Acme Payroll GmbH", "Cloudy Mail Inc."),
  column("legal_name", "vendor", "legalName", "Acme Payroll Services GmbH", "Cloudy Mail Incorporated"),
  column("registered_address", "vendor", "registeredAddress", "Hauptstraße 1, 10115 Berlin", ""),
  column("country", "vendor", "country", "DE", "US"),
  column("website", "vendor", "website", "https://acme-payroll.example", "https://cloudymail.example"),
  column("service_description", "vendor", "serviceDescription", "Payroll processing", "Newsletter delivery"),
  column("business_owner", "vendor", "businessOwner", "Head of HR", "Marketing lead"),
  column("business_criticality", "vendor", "businessCriticality", "high", "medium"),
  column("dpf_certified", "vendor", "dpfCertified", "no", "yes"),
  column("canada_commercial", "vendor", "canadaCommercial", "no", "no"),
  column("ccpa_service_provider", "vendor", "ccpaServiceProvider", "no", "no"),
  column("dpo_name", "vendor", "dpoName", "Dr. Anna Schmidt", ""),
  column("dpo_email", "vendor", "dpoEmail", "dpo@acme-payroll.example", "privacy@cloudymail.example"),
  column("eu_representative", "vendor", "euRepresentative", "", "EU Rep Ltd, 1 Main Street, Dublin, Ireland"),
  column("signatory_name", "vendor", "signatoryName", "Jonas Becker", "Pat Kim"),
  column("signatory_title", "vendor", "signatoryTitle", "Managing Director", "General Counsel"),
  column("contact_name", "contact", "name", "Eva Weber", "Sam Lee"),
  column("contact_email", "contact", "email", "privacy@acme-payroll.example", "security@cloudymail.example"),
  column("contact_role", "contact", "role", "privacy", "security"),
  column(
    "purpose",
    "record",
    "purpose",
    "Monthly payroll and sick-leave administration",
    "Newsletter delivery",
  ),
  column("legal_basis", "record", "legalBasis", "legal_obligation", "consent"),
  column(
    "data_categories",
    "record",
    "dataCategories",
    "identity;financial;health",
    "identity;contact;usage",
  ),
  column("art9_condition", "record", "art9Condition", "employment_social_security", ""),
  column("art10_basis", "record", "art10Basis", "", ""),
  column("data_subjects", "record", "dataSubjects", "employees", "customers;prospects"),
  column("subject_count", "record", "subjectCount", "1200", "25000"),
  column(
    "retention",
    "record",
    "retention",
    "10 years after employment ends",
    "Until the person unsubscribes",
  ),
  column("frequency", "record", "frequency", "recurring", "continuous"),
  column("access", "record", "access", "stores", "processes_only"),
  column("locations", "record", "locations", "DE:adequacy", "US:scc:2;IE:adequacy"),
];

export const COLUMN_NAMES: readonly string[] = REGISTER_COLUMNS.map((c) => c.name);

/** Columns a file must have; the others may be left out of the header. */
export const REQUIRED_COLUMNS: readonly string[] = ["vendor_name", "country", "business_criticality"];

/** Between the items of a list cell: "health;identity". */
export const LIST_SEPARATOR = ";";

/** Limits of one upload; docs/csv-import.md states them. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;

/** A header cell as typed by a person: "Vendor name" and "vendor-name" both mean vendor_name. */
export function normaliseHeader(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** A vocabulary value as typed by a person: "Legal obligation" means legal_obligation. */
export function normaliseCode(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

export function splitList(cell: string): string[] {
  return cell
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export function joinList(items: readonly string[]): string {
  return items.join(LIST_SEPARATOR);
}

const YES = new Set(["yes", "y", "true", "1"]);
const NO = new Set(["no", "n", "false", "0"]);

/** yes/no cells; undefined when the text is neither. */
export function parseYesNo(cell: string): boolean | undefined {
  const value = cell.trim().toLowerCase();
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return undefined;
}

export function formatYesNo(value: boolean): string {
  return value ? "yes" : "no";
}

/**
 * One location is COUNTRY:mechanism, plus the module for SCCs: "US:scc:2;DE:adequacy". Returns the raw parts
 * for the schema to check (so its messages apply), or a message when an item does not have that shape.
 */
export function parseLocations(cell: string): { value: unknown[] } | { problem: string } {
  const value: unknown[] = [];
  for (const item of splitList(cell)) {
    const parts = item.split(":").map((p) => p.trim());
    const [country, mechanism, module] = parts;
    if (parts.length < 2 || parts.length > 3 || !country || !mechanism) {
      return {
        problem: `"${item}" is not a location: write COUNTRY:mechanism, or COUNTRY:scc:MODULE, such as DE:adequacy or US:scc:2`,
      };
    }
    const sccModule = module === undefined ? undefined : /^\d+$/.test(module) ? Number(module) : module;
    value.push({
      country,
      mechanism: normaliseCode(mechanism),
      ...(sccModule === undefined ? {} : { sccModule }),
    });
  }
  return { value };
}

export function formatLocations(locations: readonly TransferLocation[]): string {
  return joinList(
    locations.map((l) => [l.country, l.mechanism, ...(l.sccModule ? [String(l.sccModule)] : [])].join(":")),
  );
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Spreadsheets run cells that start with = + - @ as formulas; a leading quote makes them plain text. */
export function escapeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes escapeCell, so an exported file imports back unchanged. */
export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** A cell's text by column name ("" when empty or absent), already trimmed and unescaped. */
export type CellReader = (column: string) => string;

export interface CellProblem {
  column: string;
  message: string;
}

const text = (value: string) => (value === "" ? undefined : value);
const code = (value: string) => (value === "" ? undefined : normaliseCode(value));
const YES_NO_FIELDS = new Set(["dpfCertified", "canadaCommercial", "ccpaServiceProvider"]);

/** The vendor columns given on a row, as the API fields they fill (unchecked: the schema checks them). */
export function vendorFieldsFromCells(cell: CellReader): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const column of REGISTER_COLUMNS) {
    const value = column.part === "vendor" && column.field !== "name" ? cell(column.name) : "";
    if (value === "") continue;
    if (YES_NO_FIELDS.has(column.field)) raw[column.field] = parseYesNo(value) ?? value;
    else raw[column.field] = column.field === "businessCriticality" ? normaliseCode(value) : value;
  }
  return raw;
}

export function contactFromCells(cell: CellReader): Record<string, unknown> {
  return {
    name: text(cell("contact_name")),
    email: text(cell("contact_email")),
    role: code(cell("contact_role")),
  };
}

const COUNT = /^(\d+|\d{1,3}(,\d{3})+)$/;
const subjectCodes = new Set<string>(DataSubject.options);

/** The record columns as a ProcessingInput to check, plus the cells that cannot even be read. */
export function recordFromCells(cell: CellReader): { raw: Record<string, unknown>; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const count = cell("subject_count");
  if (count !== "" && !COUNT.test(count)) {
    problems.push({
      column: "subject_count",
      message: `"${count}" is not a whole number of people, such as 25000`,
    });
  }
  const locations = parseLocations(cell("locations"));
  if ("problem" in locations) problems.push({ column: "locations", message: locations.problem });
  const subjects = splitList(cell("data_subjects")).map((s) =>
    subjectCodes.has(normaliseCode(s)) ? normaliseCode(s) : s,
  );
  const raw: Record<string, unknown> = {
    purpose: cell("purpose"),
    legalBasis: code(cell("legal_basis")),
    dataCategories: splitList(cell("data_categories")).map(normaliseCode),
    art9Condition: code(cell("art9_condition")),
    art10Basis: text(cell("art10_basis")),
    dataSubjects: subjects,
    subjectCount: COUNT.test(count) ? Number(count.replace(/,/g, "")) : undefined,
    retention: text(cell("retention")),
    frequency: code(cell("frequency")),
    access: code(cell("access")),
    locations: "value" in locations ? locations.value : [],
  };
  for (const key of Object.keys(raw)) if (raw[key] === undefined) delete raw[key];
  return { raw, problems };
}
