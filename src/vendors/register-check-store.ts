import type { Insertable } from "kysely";
import type { Db } from "../db/connection.ts";
import type { VendorRow } from "../db/schema.ts";
import type { RegisterCheckResultsTable } from "../db/tables/vendors.ts";
import type { Clock } from "../shared/runtime.ts";
import { inTransaction } from "../shared/service-context.ts";
import { CheckSeverity, checkRegister, type RegisterCheck } from "./register-checks.ts";
import { toRegisterVendor, type VendorRegisterRows } from "./vendor-mappers.ts";

/**
 * Bump whenever src/vendors/register-checks.ts changes what it reports (a rule, a code, a severity, a message):
 * the next server start then recomputes every vendor's stored checks.
 */
export const REGISTER_CHECKS_VERSION = 1;
/** The settings key under which the version of the last full refresh is kept. */
export const REGISTER_CHECKS_VERSION_KEY = "register_checks.version";

/** Vendors read per batch: four queries per batch instead of four per vendor. */
const BATCH = 500;
/** Rows per insert statement: 8 columns each, well under SQLite's 32,766 bound variables. */
const INSERT_ROWS = 1000;

type CheckRow = Insertable<RegisterCheckResultsTable>;

/** 0 for the most severe; -1 for a severity no check carries. */
export const severityRank = (severity: string): number => CheckSeverity.indexOf(severity as CheckSeverity);

function groupBy<T extends { vendor_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.vendor_id);
    if (list) list.push(row);
    else map.set(row.vendor_id, [row]);
  }
  return map;
}

/** The register rows of a batch of vendors, ordered as the one-vendor queries order them. */
export async function loadRegisterBatch(
  db: Db,
  vendors: readonly VendorRow[],
): Promise<VendorRegisterRows[]> {
  if (vendors.length === 0) return [];
  const ids = vendors.map((v) => v.id);
  const [contacts, processing, subprocessors] = await Promise.all([
    db
      .selectFrom("vendor_contacts")
      .selectAll()
      .where("vendor_id", "in", ids)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("processing_records")
      .selectAll()
      .where("vendor_id", "in", ids)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("subprocessors")
      .selectAll()
      .where("vendor_id", "in", ids)
      .orderBy("name")
      .orderBy("id")
      .execute(),
  ]);
  const byVendor = {
    contacts: groupBy(contacts),
    processing: groupBy(processing),
    subs: groupBy(subprocessors),
  };
  return vendors.map((vendor) => ({
    vendor,
    contacts: byVendor.contacts.get(vendor.id) ?? [],
    processing: byVendor.processing.get(vendor.id) ?? [],
    subprocessors: byVendor.subs.get(vendor.id) ?? [],
  }));
}

function checkRows(rows: VendorRegisterRows, checks: readonly RegisterCheck[]): CheckRow[] {
  return checks.map((check, position) => ({
    vendor_id: rows.vendor.id,
    position,
    code: check.code,
    severity: check.severity,
    severity_rank: severityRank(check.severity),
    path: check.path,
    message: check.message,
    vendor_name_key: rows.vendor.name_key,
  }));
}

/** Replaces the stored checks of these vendors with what their rows give now; returns how many were stored. */
async function storeChecks(trx: Db, vendorIds: readonly string[], rows: CheckRow[]): Promise<number> {
  if (vendorIds.length > 0) {
    await trx.deleteFrom("register_check_results").where("vendor_id", "in", vendorIds).execute();
  }
  for (let i = 0; i < rows.length; i += INSERT_ROWS) {
    await trx
      .insertInto("register_check_results")
      .values(rows.slice(i, i + INSERT_ROWS))
      .execute();
  }
  return rows.length;
}

/**
 * Recomputes one vendor's stored checks in the caller's transaction, from `rows` when the caller has them
 * loaded. A vendor that no longer exists keeps no checks. Returns the checks as stored.
 */
export async function refreshRegisterChecks(
  trx: Db,
  vendorId: string,
  rows?: VendorRegisterRows,
): Promise<RegisterCheck[]> {
  const loaded = rows ? [rows] : await loadVendors(trx, [vendorId]);
  const current = loaded[0];
  const checks = current ? checkRegister(toRegisterVendor(current)) : [];
  await storeChecks(trx, [vendorId], current ? checkRows(current, checks) : []);
  return checks;
}

async function loadVendors(trx: Db, vendorIds: readonly string[]): Promise<VendorRegisterRows[]> {
  if (vendorIds.length === 0) return [];
  const vendors = await trx.selectFrom("vendors").selectAll().where("id", "in", vendorIds).execute();
  return loadRegisterBatch(trx, vendors);
}

/** Recomputes the stored checks of many vendors (an import's), in the caller's transaction, in batches. */
export async function refreshRegisterChecksFor(trx: Db, vendorIds: readonly string[]): Promise<number> {
  let stored = 0;
  for (let i = 0; i < vendorIds.length; i += BATCH) {
    const ids = vendorIds.slice(i, i + BATCH);
    const batch = await loadVendors(trx, ids);
    stored += await storeChecks(
      trx,
      ids,
      batch.flatMap((rows) => checkRows(rows, checkRegister(toRegisterVendor(rows)))),
    );
  }
  return stored;
}

/**
 * Recomputes every vendor's stored checks, a batch of vendors per transaction so writers wait at most for one
 * batch, then records REGISTER_CHECKS_VERSION as the version the table now holds.
 */
export async function refreshAllRegisterChecks(
  db: Db,
  clock: Clock,
): Promise<{ vendors: number; checks: number }> {
  const done = { vendors: 0, checks: 0 };
  let after = "";
  for (;;) {
    const last = await inTransaction(db, async (trx) => {
      const vendors = await trx
        .selectFrom("vendors")
        .selectAll()
        .where("id", ">", after)
        .orderBy("id")
        .limit(BATCH)
        .execute();
      const batch = await loadRegisterBatch(trx, vendors);
      const rows = batch.flatMap((r) => checkRows(r, checkRegister(toRegisterVendor(r))));
      done.vendors += vendors.length;
      done.checks += await storeChecks(
        trx,
        vendors.map((v) => v.id),
        rows,
      );
      return vendors.at(-1)?.id;
    });
    if (last === undefined) break;
    after = last;
  }
  const value = String(REGISTER_CHECKS_VERSION);
  const updatedAt = clock.now().toISOString();
  await db
    .insertInto("settings")
    .values({ key: REGISTER_CHECKS_VERSION_KEY, value, updated_at: updatedAt })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: updatedAt }))
    .execute();
  return done;
}

/**
 * The start-up step: a full refresh when the stored checks come from another version of the rules, or from
 * none (the first start after migration 0010). Returns the counts of a refresh, undefined when none was needed.
 */
export async function refreshStaleRegisterChecks(
  db: Db,
  clock: Clock,
): Promise<{ vendors: number; checks: number } | undefined> {
  const stored = await db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", REGISTER_CHECKS_VERSION_KEY)
    .executeTakeFirst();
  if (stored?.value === String(REGISTER_CHECKS_VERSION)) return undefined;
  return refreshAllRegisterChecks(db, clock);
}
