import type { AuditInput } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { ProcessingRecordRow, VendorContactRow, VendorRow } from "../db/schema.ts";
import type { ServiceContext } from "../shared/service-context.ts";
import type { Existing } from "./import-existing.ts";
import { purposeKey, type VendorGroup } from "./import-parse.ts";
import { REGISTER_COLUMNS } from "./register-csv-layout.ts";
import { auditedRecord, type ProcessingInput, processingRow } from "./register-service.ts";
import { computeInherentRisk } from "./risk-tier.ts";
import { toProcessingRecord, toRegisterVendor } from "./vendor-mappers.ts";
import { auditedVendor, contactCreated, newContactRow, newVendorRow } from "./vendor-rows.ts";

export interface ImportTally {
  created: number;
  updated: number;
  unchanged: number;
}

/** How many vendors, records and contacts an import creates, updates or leaves as they were. */
export interface ImportCounts {
  vendors: ImportTally;
  records: ImportTally;
  contacts: ImportTally;
}

/** Everything one import writes, gathered first so that inserts go in batches. */
export interface ImportPlan {
  vendors: VendorRow[];
  contacts: VendorContactRow[];
  records: ProcessingRecordRow[];
  categories: { processing_id: string; vendor_id: string; category: string }[];
  updates: ((trx: Db) => Promise<unknown>)[];
  audits: AuditInput[];
  /** Existing vendors whose register changed: their tier is recomputed once, after all their rows. */
  refresh: string[];
  counts: ImportCounts;
}

/** Planning only draws new ids; it never touches the database. */
type PlanContext = Pick<ServiceContext, "newId">;

const tally = (): ImportTally => ({ created: 0, updated: 0, unchanged: 0 });

/** All zero: the counts before anything is planned, and those of a refused file. */
export function emptyCounts(): ImportCounts {
  return { vendors: tally(), records: tally(), contacts: tally() };
}

/**
 * Works out what importing the file's vendors does to the register as it stands: the rows to insert, the updates,
 * their audit events and the counts. It touches no database: the updates run when the plan is written. New ids
 * come from `ctx.newId`, in file order.
 */
export function planImport(
  ctx: PlanContext,
  groups: readonly VendorGroup[],
  existing: ReadonlyMap<string, Existing>,
  iso: string,
): ImportPlan {
  const plan: ImportPlan = {
    vendors: [],
    contacts: [],
    records: [],
    categories: [],
    updates: [],
    audits: [],
    refresh: [],
    counts: emptyCounts(),
  };
  for (const group of groups) {
    const found = existing.get(group.key);
    if (found) planExistingVendor(ctx, group, found, iso, plan);
    else planNewVendor(ctx, group, iso, plan);
  }
  return plan;
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

/** Order-free: "health;identity" and "identity;health" are the same record. */
function recordSignature(r: ProcessingInput): string {
  const sorted = (items: readonly string[]) => [...items].sort().join("|");
  const places = r.locations.map((l) => `${l.country}:${l.mechanism}:${l.sccModule ?? ""}`);
  const { purpose, legalBasis, subjectCount, frequency, access } = r;
  const optional = [r.art9Condition ?? null, r.art10Basis ?? null, r.retention ?? null];
  const lists = [sorted(r.dataCategories), sorted(r.dataSubjects), sorted(places)];
  return JSON.stringify([purpose, legalBasis, subjectCount, frequency, access, ...optional, ...lists]);
}

function addContact(plan: ImportPlan, row: VendorContactRow): void {
  plan.contacts.push(row);
  plan.audits.push(contactCreated(row));
}

function addRecord(plan: ImportPlan, row: ProcessingRecordRow, before?: ProcessingRecordRow): void {
  if (!before) plan.records.push(row);
  for (const category of JSON.parse(row.data_categories) as string[]) {
    plan.categories.push({ processing_id: row.id, vendor_id: row.vendor_id, category });
  }
  const action = before ? "processing.update" : "processing.create";
  const audited = { ...(before ? { before: auditedRecord(before) } : {}), after: auditedRecord(row) };
  plan.audits.push({ action, entityType: "processing_record", entityId: row.id, ...audited });
}

function planNewVendor(ctx: PlanContext, group: VendorGroup, iso: string, plan: ImportPlan) {
  const id = ctx.newId();
  const { name, country, businessCriticality } = group.vendor;
  const row = newVendorRow({
    id,
    name,
    country,
    business_criticality: businessCriticality,
    created_at: iso,
    ...givenColumns(group.vendor),
  });
  const contacts = group.contacts.map((c) => newContactRow(ctx.newId(), id, c, iso));
  const records = group.records.map((r) => processingRow(id, r, ctx.newId(), iso, iso));
  // One tier from all the vendor's rows, where the API recomputes it after each record.
  const { tier } = computeInherentRisk(
    toRegisterVendor({ vendor: row, contacts, processing: records, subprocessors: [] }),
  );
  Object.assign(row, { tier, computed_tier: tier });
  plan.vendors.push(row);
  plan.audits.push({
    action: "vendor.create",
    entityType: "vendor",
    entityId: id,
    after: auditedVendor(row),
  });
  for (const contact of contacts) addContact(plan, contact);
  for (const record of records) addRecord(plan, record);
  plan.counts.vendors.created += 1;
  plan.counts.contacts.created += contacts.length;
  plan.counts.records.created += records.length;
}

function planExistingVendor(
  ctx: PlanContext,
  group: VendorGroup,
  found: Existing,
  iso: string,
  plan: ImportPlan,
) {
  const { vendor } = found;
  const given = givenColumns(group.vendor);
  const changed = (Object.keys(given) as (keyof VendorRow)[]).filter((k) => vendor[k] !== given[k]);
  if (changed.length > 0) {
    const after = Object.fromEntries(changed.map((k) => [k, given[k]]));
    const before = Object.fromEntries(changed.map((k) => [k, vendor[k]]));
    plan.updates.push((trx) =>
      trx
        .updateTable("vendors")
        .set({ ...after, updated_at: iso })
        .where("id", "=", vendor.id)
        .execute(),
    );
    plan.audits.push({
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
      plan.counts.contacts.unchanged += 1;
      continue;
    }
    contactsChanged = true;
    if (!old) {
      addContact(plan, newContactRow(ctx.newId(), vendor.id, contact, iso));
      plan.counts.contacts.created += 1;
      continue;
    }
    const after = { name: contact.name, role: contact.role };
    plan.updates.push((trx) =>
      trx.updateTable("vendor_contacts").set(after).where("id", "=", old.id).execute(),
    );
    plan.audits.push({
      action: "vendor_contact.update",
      entityType: "vendor_contact",
      entityId: old.id,
      before: { name: old.name, role: old.role },
      after,
    });
    plan.counts.contacts.updated += 1;
  }
  plan.counts.vendors[changed.length > 0 || contactsChanged ? "updated" : "unchanged"] += 1;

  const records = new Map<string, ProcessingRecordRow>();
  for (const r of found.records)
    if (!records.has(purposeKey(r.purpose))) records.set(purposeKey(r.purpose), r);
  let recordsChanged = false;
  for (const input of group.records) {
    const old = records.get(purposeKey(input.purpose));
    if (old && recordSignature(toProcessingRecord(old)) === recordSignature(input)) {
      plan.counts.records.unchanged += 1;
      continue;
    }
    recordsChanged = true;
    plan.counts.records[old ? "updated" : "created"] += 1;
    const row = processingRow(vendor.id, input, old?.id ?? ctx.newId(), old?.created_at ?? iso, iso);
    if (old) {
      plan.updates.push(async (trx) => {
        await trx.updateTable("processing_records").set(row).where("id", "=", old.id).execute();
        await trx.deleteFrom("processing_categories").where("processing_id", "=", old.id).execute();
      });
    }
    addRecord(plan, row, old);
  }
  if (changed.length > 0 || contactsChanged || recordsChanged) plan.refresh.push(vendor.id);
}
