// First, so that zod carries .openapi() before vendor-schemas.ts builds on the register's vocabularies.
import "@hono/zod-openapi";
import { parse } from "csv-parse/sync";
import type { z } from "zod";
import {
  type CellReader,
  COLUMN_NAMES,
  contactFromCells,
  MAX_IMPORT_ROWS,
  normaliseHeader,
  REGISTER_COLUMNS,
  REQUIRED_COLUMNS,
  recordFromCells,
  unescapeCell,
  vendorFieldsFromCells,
} from "./register-csv-layout.ts";
import { ProcessingInput } from "./register-service.ts";
import { nameKey } from "./vendor-queries.ts";
import { ContactInput, type CreateVendor, VendorFields } from "./vendor-schemas.ts";

/** One problem in the file, where a spreadsheet shows it: the header is row 1. */
export interface ImportIssue {
  row: number;
  /** The column's name, or null when the problem is the whole row or file. */
  column: string | null;
  message: string;
}

export type VendorDetails = Omit<CreateVendor, "contacts">;

/** A data row whose every cell is valid on its own. */
export interface ParsedRow {
  row: number;
  /** nameKey(vendor_name): how rows, and the register's vendors, are matched. */
  key: string;
  vendor: Partial<VendorDetails> & { name: string };
  contact?: ContactInput;
  record?: ProcessingInput;
}

export interface ParsedFile {
  rows: ParsedRow[];
  issues: ImportIssue[];
  /** Data rows in the file, blank rows left out. */
  dataRows: number;
  /** The layout itself is wrong (header, size): no row can be imported, whatever the mode. */
  fatal: boolean;
}

const columnByField = (part: string) =>
  new Map(REGISTER_COLUMNS.filter((c) => c.part === part).map((c) => [c.field, c.name]));
const vendorColumns = columnByField("vendor");
const contactColumns = columnByField("contact");
const recordColumns = columnByField("record");
const VendorCells = VendorFields.partial().strict();
const LIST_COLUMNS = new Set(["data_categories", "data_subjects", "locations"]);
// Purpose may be empty in the API but not here: it is how a re-import finds the record again.
const RECORD_OPTIONAL = new Set(["art9_condition", "art10_basis", "retention"]);
const RECORD_REQUIRED = [...recordColumns.values()].filter((c) => !RECORD_OPTIONAL.has(c));
const CONTACT_REQUIRED = ["contact_name", "contact_email", "contact_role"];

/** The header names no delimiter, so the separator that appears most in it is the file's (Excel may use ;). */
function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [",", ";", "\t"].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

function readHeader(header: string[]): { columns: string[]; issues: ImportIssue[] } {
  const columns = header.map(normaliseHeader);
  const issues: ImportIssue[] = [];
  const at = (column: string | null, message: string) => issues.push({ row: 1, column, message });
  columns.forEach((name, i) => {
    if (!COLUMN_NAMES.includes(name))
      at(header[i] ?? name, `unknown column; the layout has: ${COLUMN_NAMES.join(", ")}`);
    else if (columns.indexOf(name) !== i) at(name, "the column appears twice");
  });
  for (const name of REQUIRED_COLUMNS) if (!columns.includes(name)) at(name, "this column is required");
  return { columns, issues };
}

/** CSV text to rows checked cell by cell, with every problem found. Pure: no database. */
export function parseRegisterCsv(text: string): ParsedFile {
  const fail = (issue: ImportIssue): ParsedFile => ({ rows: [], issues: [issue], dataRows: 0, fatal: true });
  let records: string[][];
  try {
    records = parse(text, { delimiter: detectDelimiter(text), bom: true, relax_column_count: true });
  } catch (err) {
    const at = err as { message: string; records?: number };
    return fail({ row: (at.records ?? 0) + 1, column: null, message: `not readable as CSV: ${at.message}` });
  }
  const [header, ...body] = records;
  if (!header || header.every((h) => h.trim() === "")) {
    return fail({ row: 1, column: null, message: "the file is empty; the first row must be the header" });
  }
  const { columns, issues: headerIssues } = readHeader(header);
  if (headerIssues.length > 0) return { rows: [], issues: headerIssues, dataRows: 0, fatal: true };

  const dataRows = body.filter((cells) => cells.some((c) => c.trim() !== "")).length;
  if (dataRows === 0)
    return fail({ row: 2, column: null, message: "the file has a header but no data rows" });
  if (dataRows > MAX_IMPORT_ROWS) {
    return fail({
      row: 1,
      column: null,
      message: `the file has ${dataRows} rows; at most ${MAX_IMPORT_ROWS} per file`,
    });
  }
  const rows: ParsedRow[] = [];
  const issues: ImportIssue[] = [];
  body.forEach((cells, index) => {
    if (cells.every((c) => c.trim() === "")) return;
    const row = index + 2;
    if (cells.length > columns.length) {
      issues.push({
        row,
        column: null,
        message: `the row has ${cells.length} cells but the header has ${columns.length}`,
      });
      return;
    }
    const byName = new Map(columns.map((name, i) => [name, unescapeCell((cells[i] ?? "").trim())]));
    const result = parseRow(row, (name) => byName.get(name) ?? "");
    if ("issues" in result) issues.push(...result.issues);
    else rows.push(result);
  });
  return { rows, issues, dataRows, fatal: false };
}

function parseRow(row: number, cell: CellReader): ParsedRow | { issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const add = (column: string | null, message: string) => issues.push({ row, column, message });
  const name = cell("vendor_name");
  if (name === "") add("vendor_name", "every row needs the vendor's name");
  const vendor = check(VendorCells, vendorFieldsFromCells(cell), vendorColumns, add, []);

  let contact: unknown;
  if (CONTACT_REQUIRED.some((c) => cell(c) !== "")) {
    const missing = CONTACT_REQUIRED.filter((c) => cell(c) === "");
    for (const column of missing) add(column, "required when a contact is given");
    contact = check(ContactInput, contactFromCells(cell), contactColumns, add, missing);
  }
  let record: unknown;
  if ([...recordColumns.values()].some((c) => cell(c) !== "")) {
    const missing = RECORD_REQUIRED.filter((c) => cell(c) === "");
    for (const column of missing) add(column, "required for a data-sharing record");
    const { raw, problems } = recordFromCells(cell);
    for (const p of problems) add(p.column, p.message);
    record = check(ProcessingInput, raw, recordColumns, add, [...missing, ...problems.map((p) => p.column)]);
  }
  if (issues.length > 0) return { issues };
  return {
    row,
    key: nameKey(name),
    vendor: { ...(vendor as Partial<VendorDetails>), name },
    ...(contact ? { contact: contact as ContactInput } : {}),
    ...(record ? { record: record as ProcessingInput } : {}),
  };
}

/** Validates with the API's own schema; each issue goes to the column of the field it concerns. */
function check(
  schema: z.ZodType,
  raw: Record<string, unknown>,
  columns: Map<string, string>,
  add: (column: string | null, message: string) => void,
  alreadyReported: string[],
): unknown {
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const column = columns.get(String(issue.path[0] ?? "")) ?? null;
    if (column && alreadyReported.includes(column)) continue;
    add(column, describeIssue(issue, column, raw));
  }
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue, column: string | null, raw: Record<string, unknown>): string {
  let message = issue.message;
  if (issue.code === "invalid_value" && issue.values.length > 1) {
    message = `${JSON.stringify(issue.input)} is not one of: ${issue.values.join(", ")}`;
  } else if (issue.code === "invalid_type" && issue.expected === "boolean") message = "must be yes or no";
  const index = issue.path[1];
  if (column && LIST_COLUMNS.has(column) && typeof index === "number") {
    const items = raw[String(issue.path[0])];
    const item: unknown = Array.isArray(items) ? items[index] : undefined;
    const label = item && typeof item === "object" ? Object.values(item).join(":") : String(item);
    return `item ${index + 1} (${label}): ${message}`;
  }
  return message;
}

/** One vendor's rows merged: its details, its contacts (one per email) and its records (one per purpose). */
export interface VendorGroup {
  key: string;
  rows: number[];
  vendor: VendorDetails;
  contacts: ContactInput[];
  records: ProcessingInput[];
}

interface Draft {
  rows: number[];
  name: string;
  fields: Map<string, { value: unknown; row: number }>;
  contacts: Map<string, { contact: ContactInput; row: number }>;
  records: Map<string, { record: ProcessingInput; row: number }>;
}

/** A record is told apart from the vendor's others by its purpose, ignoring case and spacing. */
export function purposeKey(purpose: string): string {
  return nameKey(purpose);
}

/**
 * Merges rows into vendors. A row that contradicts an earlier row of its vendor (details, a contact, a second
 * record with the same purpose) is reported and left out whole, so valid-only imports stay consistent.
 */
export function groupVendorRows(rows: readonly ParsedRow[]): {
  groups: VendorGroup[];
  issues: ImportIssue[];
} {
  const drafts = new Map<string, Draft>();
  const issues: ImportIssue[] = [];
  for (const parsed of rows) {
    const draft: Draft = drafts.get(parsed.key) ?? {
      rows: [],
      name: parsed.vendor.name,
      fields: new Map(),
      contacts: new Map(),
      records: new Map(),
    };
    const found = contradictions(draft, parsed);
    if (found.length > 0) {
      issues.push(...found);
      continue;
    }
    drafts.set(parsed.key, draft);
    draft.rows.push(parsed.row);
    for (const [field, value] of Object.entries(parsed.vendor)) {
      if (field !== "name" && !draft.fields.has(field)) draft.fields.set(field, { value, row: parsed.row });
    }
    if (parsed.contact)
      draft.contacts.set(parsed.contact.email.toLowerCase(), { contact: parsed.contact, row: parsed.row });
    if (parsed.record)
      draft.records.set(purposeKey(parsed.record.purpose), { record: parsed.record, row: parsed.row });
  }
  const groups: VendorGroup[] = [];
  for (const [key, draft] of drafts) {
    const missing = ["country", "businessCriticality"].filter((f) => !draft.fields.has(f));
    for (const field of missing) {
      const column = vendorColumns.get(field) ?? field;
      for (const row of draft.rows) {
        issues.push({
          row,
          column,
          message: `${draft.name} needs its ${column.replace("_", " ")} on one of its rows (rows with errors do not count)`,
        });
      }
    }
    if (missing.length > 0) continue;
    const vendor = {
      ...Object.fromEntries([...draft.fields].map(([f, v]) => [f, v.value])),
      name: draft.name,
    };
    groups.push({
      key,
      rows: draft.rows,
      vendor: vendor as VendorDetails,
      contacts: [...draft.contacts.values()].map((c) => c.contact),
      records: [...draft.records.values()].map((r) => r.record),
    });
  }
  return { groups, issues };
}

function contradictions(draft: Draft, parsed: ParsedRow): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const { row } = parsed;
  for (const [field, value] of Object.entries(parsed.vendor)) {
    const earlier = draft.fields.get(field);
    if (field === "name" || !earlier || JSON.stringify(earlier.value) === JSON.stringify(value)) continue;
    issues.push({
      row,
      column: vendorColumns.get(field) ?? field,
      message: `differs from row ${earlier.row} (${JSON.stringify(earlier.value)}); give a vendor's details the same on all its rows, or leave them empty after the first`,
    });
  }
  const contact = parsed.contact;
  const sameEmail = contact ? draft.contacts.get(contact.email.toLowerCase()) : undefined;
  if (
    contact &&
    sameEmail &&
    (sameEmail.contact.name !== contact.name || sameEmail.contact.role !== contact.role)
  ) {
    issues.push({
      row,
      column: "contact_email",
      message: `this contact is given with another name or role on row ${sameEmail.row}`,
    });
  }
  const samePurpose = parsed.record ? draft.records.get(purposeKey(parsed.record.purpose)) : undefined;
  if (samePurpose) {
    issues.push({
      row,
      column: "purpose",
      message: `row ${samePurpose.row} already gives this vendor a record with this purpose; records are matched by purpose, so give each its own`,
    });
  }
  return issues;
}
