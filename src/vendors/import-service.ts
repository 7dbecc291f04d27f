import { z } from "@hono/zod-openapi";
import { type AuditInput, recordAudit, recordAuditBatch } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { ProcessingRecordRow, VendorContactRow, VendorRow } from "../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { sha256Hex } from "../shared/runtime.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import {
  groupVendorRows,
  type ImportIssue,
  parseRegisterCsv,
  purposeKey,
  type VendorGroup,
} from "./import-parse.ts";
import { COLUMN_NAMES, REGISTER_COLUMNS } from "./register-csv-layout.ts";
import { auditedRecord, type ProcessingInput, processingRow } from "./register-service.ts";
import { computeInherentRisk } from "./risk-tier.ts";
import { toProcessingRecord, toRegisterVendor } from "./vendor-mappers.ts";
import { nameKey } from "./vendor-queries.ts";
import { refreshInherentRisk } from "./vendor-risk-refresh.ts";
import type { ContactInput } from "./vendor-schemas.ts";

export const ImportMode = z.enum(["all", "valid-only"]);
export type ImportMode = z.infer<typeof ImportMode>;

export interface ImportInput {
  text: string;
  fileName: string;
  /** all: nothing is written unless every row is valid. valid-only: the valid rows are, the rest reported. */
  mode: ImportMode;
  /** Work out the whole import, report it, and write nothing. */
  dryRun: boolean;
}

export interface ImportTally {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  /** The subject of the vendor.import audit event; null when nothing was written. */
  importId: string | null;
  fileName: string;
  sha256: string;
  mode: ImportMode;
  dryRun: boolean;
  rows: { total: number; imported: number; rejected: number };
  /** A vendor counts as updated when its details or contacts changed; records are counted on their own. */
  vendors: ImportTally;
  records: ImportTally;
  contacts: ImportTally;
  errors: ImportIssue[];
}

/** The file is refused as a whole; the details list every error with its row and column. */
export class ImportRejectedError extends AppError {
  constructor(readonly report: ImportReport) {
    const n = report.errors.length;
    const details = report.errors.map((e) => ({
      ...e,
      path: `row ${e.row}${e.column ? `, ${e.column}` : ""}`,
    }));
    super("validation_failed", `The file has ${n} error${n === 1 ? "" : "s"}; nothing was imported`, details);
  }
}

const tally = (): ImportTally => ({ created: 0, updated: 0, unchanged: 0 });
const columnOrder = (column: string | null) => (column ? COLUMN_NAMES.indexOf(column) : -1);

/**
 * Imports vendors, contacts and data-sharing records from the register CSV in one transaction. Vendors match
 * by name key, records by (vendor, purpose), contacts by email: importing the same file again changes nothing.
 */
export async function importRegisterCsv(ctx: ServiceContext, input: ImportInput): Promise<ImportReport> {
  const parsed = parseRegisterCsv(input.text);
  const { groups, issues } = groupVendorRows(parsed.rows);
  const errors = [...parsed.issues, ...issues].sort(
    (a, b) => a.row - b.row || columnOrder(a.column) - columnOrder(b.column),
  );
  const imported = groups.reduce((n, g) => n + g.rows.length, 0);
  const report: ImportReport = {
    importId: null,
    fileName: input.fileName,
    sha256: sha256Hex(input.text),
    mode: input.mode,
    dryRun: input.dryRun,
    rows: { total: parsed.dataRows, imported, rejected: parsed.dataRows - imported },
    vendors: tally(),
    records: tally(),
    contacts: tally(),
    errors,
  };
  if (parsed.fatal || (input.mode === "all" && errors.length > 0)) {
    throw new ImportRejectedError({
      ...report,
      rows: { ...report.rows, imported: 0, rejected: parsed.dataRows },
    });
  }
  const apply = async (trx: Db) => {
    const now = ctx.clock.now();
    await applyGroups({ ...ctx, db: trx }, groups, report, now);
    if (input.dryRun) return;
    report.importId = ctx.newId();
    const { importId, errors: found, ...summary } = report;
    await recordAudit(trx, auditContext(ctx, now), {
      action: "vendor.import",
      entityType: "vendor_import",
      entityId: importId,
      after: { ...summary, errors: found.length },
    });
  };
  if (input.dryRun) await rollBackAfter(ctx.db, apply);
  else await inTransaction(ctx.db, apply);
  return report;
}

class DryRunRollback extends Error {}

/** Runs the whole import, then undoes it: a dry run's counts are exactly what the import would do. */
async function rollBackAfter(db: Db, fn: (trx: Db) => Promise<void>): Promise<void> {
  if (db.isTransaction) throw new Error("A dry run needs its own transaction; call it outside one");
  try {
    await db.transaction().execute(async (trx) => {
      await fn(trx);
      throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
}

interface Existing {
  vendor: VendorRow;
  contacts: VendorContactRow[];
  records: ProcessingRecordRow[];
}

/** Everything one import writes, gathered first so that inserts go in batches. */
interface Pending {
  vendors: VendorRow[];
  contacts: VendorContactRow[];
  records: ProcessingRecordRow[];
  categories: { processing_id: string; vendor_id: string; category: string }[];
  updates: ((trx: Db) => Promise<unknown>)[];
  audits: AuditInput[];
  /** Existing vendors whose register changed: their tier is recomputed once, after all their rows. */
  refresh: string[];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The register's vendors named in the file, with their contacts and records, in a few queries. */
async function loadExisting(db: Db, keys: string[]): Promise<Map<string, Existing>> {
  const byKey = new Map<string, Existing>();
  for (const part of chunks(keys, 500)) {
    const vendors = await db
      .selectFrom("vendors")
      .selectAll()
      .where("name_key", "in", part)
      .orderBy("created_at")
      .execute();
    // Should two vendors share a name key, the oldest is the one meant (as in findVendorByNameKey).
    for (const vendor of vendors)
      if (!byKey.has(vendor.name_key)) byKey.set(vendor.name_key, { vendor, contacts: [], records: [] });
  }
  const byId = new Map([...byKey.values()].map((e) => [e.vendor.id, e]));
  for (const part of chunks([...byId.keys()], 500)) {
    const contacts = await db
      .selectFrom("vendor_contacts")
      .selectAll()
      .where("vendor_id", "in", part)
      .orderBy("created_at")
      .execute();
    for (const c of contacts) byId.get(c.vendor_id)?.contacts.push(c);
    const records = await db
      .selectFrom("processing_records")
      .selectAll()
      .where("vendor_id", "in", part)
      .orderBy("created_at")
      .execute();
    for (const r of records) byId.get(r.vendor_id)?.records.push(r);
  }
  return byKey;
}

async function applyGroups(ctx: ServiceContext, groups: VendorGroup[], report: ImportReport, now: Date) {
  const trx = ctx.db;
  const existing = await loadExisting(
    trx,
    groups.map((g) => g.key),
  );
  const pending: Pending = {
    vendors: [],
    contacts: [],
    records: [],
    categories: [],
    updates: [],
    audits: [],
    refresh: [],
  };
  const iso = now.toISOString();
  for (const group of groups) {
    const found = existing.get(group.key);
    if (found) planExistingVendor(ctx, group, found, iso, pending, report);
    else planNewVendor(ctx, group, iso, pending, report);
  }
  for (const part of chunks(pending.vendors, 300)) await trx.insertInto("vendors").values(part).execute();
  for (const part of chunks(pending.contacts, 1000))
    await trx.insertInto("vendor_contacts").values(part).execute();
  for (const part of chunks(pending.records, 500))
    await trx.insertInto("processing_records").values(part).execute();
  for (const update of pending.updates) await update(trx);
  for (const part of chunks(pending.categories, 2000))
    await trx.insertInto("processing_categories").values(part).execute();
  const audit = auditContext(ctx, now);
  // One event per change, as the API writes them, appended to the chain in one batch.
  await recordAuditBatch(trx, audit, pending.audits);
  for (const vendorId of pending.refresh) await refreshInherentRisk(trx, ctx, vendorId, "CSV import");
}

// The layout's vendor columns carry the names of the vendors table's columns, vendor_name aside.
const storedColumn = new Map(
  REGISTER_COLUMNS.filter((c) => c.part === "vendor").map((c) => [
    c.field,
    c.field === "name" ? "name" : c.name,
  ]),
);

/** The vendor details the file gives, as stored; an empty cell is not given. */
function givenColumns(vendor: VendorGroup["vendor"]): Partial<VendorRow> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(vendor)) {
    const column = storedColumn.get(field);
    if (value === undefined || value === null || !column) continue;
    out[column] = typeof value === "boolean" ? Number(value) : value;
  }
  return out;
}

function auditedVendor(row: VendorRow): Record<string, unknown> {
  const { id: _i, name_key: _n, created_at: _c, updated_at: _u, ...fields } = row;
  return fields;
}

/** Order-free: "health;identity" and "identity;health" are the same record. */
function recordSignature(r: ProcessingInput): string {
  const sorted = (items: readonly string[]) => [...items].sort().join("|");
  const places = r.locations.map((l) => `${l.country}:${l.mechanism}:${l.sccModule ?? ""}`);
  const { purpose, legalBasis, subjectCount, frequency, access } = r;
  const optional = [r.art9Condition ?? null, r.art10Basis ?? null, r.retention ?? null];
  const lists = [sorted(r.dataCategories), sorted(r.dataSubjects), sorted(places)];
  return JSON.stringify([purpose, legalBasis, subjectCount, frequency, access, ...optional, ...lists]);
}

function contactRow(
  ctx: ServiceContext,
  vendorId: string,
  contact: ContactInput,
  iso: string,
): VendorContactRow {
  const { name, role } = contact;
  return {
    id: ctx.newId(),
    vendor_id: vendorId,
    name,
    email: contact.email.toLowerCase(),
    role,
    created_at: iso,
  };
}

function addContact(pending: Pending, row: VendorContactRow): void {
  pending.contacts.push(row);
  const after = { vendor_id: row.vendor_id, name: row.name, email: row.email, role: row.role };
  pending.audits.push({
    action: "vendor_contact.create",
    entityType: "vendor_contact",
    entityId: row.id,
    after,
  });
}

function addRecord(pending: Pending, row: ProcessingRecordRow, before?: ProcessingRecordRow): void {
  if (!before) pending.records.push(row);
  for (const category of JSON.parse(row.data_categories) as string[]) {
    pending.categories.push({ processing_id: row.id, vendor_id: row.vendor_id, category });
  }
  const action = before ? "processing.update" : "processing.create";
  const audited = { ...(before ? { before: auditedRecord(before) } : {}), after: auditedRecord(row) };
  pending.audits.push({ action, entityType: "processing_record", entityId: row.id, ...audited });
}

function planNewVendor(
  ctx: ServiceContext,
  group: VendorGroup,
  iso: string,
  pending: Pending,
  report: ImportReport,
) {
  const id = ctx.newId();
  const { name, country, businessCriticality } = group.vendor;
  const row: VendorRow = {
    id,
    name,
    name_key: nameKey(name),
    legal_name: null,
    registered_address: null,
    country,
    website: null,
    service_description: null,
    business_owner: null,
    business_criticality: businessCriticality,
    status: "intake",
    dpf_certified: 0,
    canada_commercial: 0,
    ccpa_service_provider: 0,
    computed_tier: "low",
    tier_override: null,
    tier_override_reason: null,
    tier: "low",
    needs_reassessment: 0,
    offboarding_data_disposition: null,
    offboarding_confirmed_on: null,
    offboarding_evidence: null,
    created_at: iso,
    updated_at: iso,
    ...givenColumns(group.vendor),
    residual_rating: null,
    next_review_date: null,
    last_decision_id: null,
  };
  const contacts = group.contacts.map((c) => contactRow(ctx, id, c, iso));
  const records = group.records.map((r) => processingRow(id, r, ctx.newId(), iso, iso));
  // One tier from all the vendor's rows, where the API recomputes it after each record.
  const { tier } = computeInherentRisk(
    toRegisterVendor({ vendor: row, contacts, processing: records, subprocessors: [] }),
  );
  Object.assign(row, { tier, computed_tier: tier });
  pending.vendors.push(row);
  pending.audits.push({
    action: "vendor.create",
    entityType: "vendor",
    entityId: id,
    after: auditedVendor(row),
  });
  for (const contact of contacts) addContact(pending, contact);
  for (const record of records) addRecord(pending, record);
  report.vendors.created += 1;
  report.contacts.created += contacts.length;
  report.records.created += records.length;
}

function planExistingVendor(
  ctx: ServiceContext,
  group: VendorGroup,
  found: Existing,
  iso: string,
  pending: Pending,
  report: ImportReport,
) {
  const { vendor } = found;
  const given = givenColumns(group.vendor);
  const changed = (Object.keys(given) as (keyof VendorRow)[]).filter((k) => vendor[k] !== given[k]);
  if (changed.length > 0) {
    const after = Object.fromEntries(changed.map((k) => [k, given[k]]));
    const before = Object.fromEntries(changed.map((k) => [k, vendor[k]]));
    pending.updates.push((trx) =>
      trx
        .updateTable("vendors")
        .set({ ...after, updated_at: iso })
        .where("id", "=", vendor.id)
        .execute(),
    );
    pending.audits.push({
      action: "vendor.update",
      entityType: "vendor",
      entityId: vendor.id,
      before,
      after,
    });
  }
  const contacts = new Map(found.contacts.map((c) => [c.email, c]));
  let contactsChanged = false;
  for (const contact of group.contacts) {
    const old = contacts.get(contact.email.toLowerCase());
    if (old && old.name === contact.name && old.role === contact.role) {
      report.contacts.unchanged += 1;
      continue;
    }
    contactsChanged = true;
    if (!old) {
      addContact(pending, contactRow(ctx, vendor.id, contact, iso));
      report.contacts.created += 1;
      continue;
    }
    const after = { name: contact.name, role: contact.role };
    pending.updates.push((trx) =>
      trx.updateTable("vendor_contacts").set(after).where("id", "=", old.id).execute(),
    );
    pending.audits.push({
      action: "vendor_contact.update",
      entityType: "vendor_contact",
      entityId: old.id,
      before: { name: old.name, role: old.role },
      after,
    });
    report.contacts.updated += 1;
  }
  report.vendors[changed.length > 0 || contactsChanged ? "updated" : "unchanged"] += 1;

  const records = new Map<string, ProcessingRecordRow>();
  for (const r of found.records)
    if (!records.has(purposeKey(r.purpose))) records.set(purposeKey(r.purpose), r);
  let recordsChanged = false;
  for (const input of group.records) {
    const old = records.get(purposeKey(input.purpose));
    if (old && recordSignature(toProcessingRecord(old)) === recordSignature(input)) {
      report.records.unchanged += 1;
      continue;
    }
    recordsChanged = true;
    report.records[old ? "updated" : "created"] += 1;
    const row = processingRow(vendor.id, input, old?.id ?? ctx.newId(), old?.created_at ?? iso, iso);
    if (old) {
      pending.updates.push(async (trx) => {
        await trx.updateTable("processing_records").set(row).where("id", "=", old.id).execute();
        await trx.deleteFrom("processing_categories").where("processing_id", "=", old.id).execute();
      });
    }
    addRecord(pending, row, old);
  }
  if (changed.length > 0 || contactsChanged || recordsChanged) pending.refresh.push(vendor.id);
}
