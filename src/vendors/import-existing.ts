import type { Db } from "../db/connection.ts";
import type { ProcessingRecordRow, VendorContactRow, VendorRow } from "../db/schema.ts";

/** A vendor the register already holds, with everything an import can match against. */
export interface Existing {
  vendor: VendorRow;
  contacts: VendorContactRow[];
  records: ProcessingRecordRow[];
}

/** Splits a list into runs of at most `size`, one statement per run. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The register's vendors named in the file, with their contacts and records, in a few queries. */
export async function loadExisting(db: Db, keys: string[]): Promise<Map<string, Existing>> {
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
