import { openSqlite } from "../../src/db/connection.ts";
import { generateRegister } from "./register-data.ts";
import { seedBenchDatabase } from "./seed-database.ts";

export interface SeededRegister {
  /** A bearer secret of the admin. */
  token: string;
  vendors: number;
  records: number;
  /** processing_categories rows: one per (record, category). */
  categoryRows: number;
  seconds: number;
}

const MAX_VENDORS = 1_000_000;

/**
 * Migrates a new database file (through seedBenchDatabase: the real migrations, an admin and a token), then
 * writes `vendors` vendors and about `records` data-sharing records straight into the tables in one
 * transaction. Creating 100,000 vendors through the services one by one would take many minutes; the rows
 * written here are the ones the services write, the vendors_fts triggers included, but without audit
 * events, tier history or contacts, which the register list never reads.
 */
export async function seedRegisterDatabase(
  path: string,
  options: { vendors: number; records: number },
): Promise<SeededRegister> {
  if (!Number.isInteger(options.vendors) || options.vendors < 1 || options.vendors > MAX_VENDORS) {
    throw new Error(`Seed between 1 and ${MAX_VENDORS} vendors, not ${options.vendors}`);
  }
  const started = performance.now();
  const { token } = await seedBenchDatabase(path, { users: 0 });
  const sqlite = openSqlite(path);
  // A big page cache for this connection only keeps one 100 MB transaction from spilling to the WAL.
  sqlite.pragma("cache_size = -524288");
  try {
    const insertVendor = sqlite.prepare(
      `insert into vendors (id, name, name_key, legal_name, registered_address, country, website,
        service_description, business_owner, business_criticality, status, dpf_certified, canada_commercial,
        ccpa_service_provider, computed_tier, tier_override, tier_override_reason, tier, needs_reassessment,
        offboarding_data_disposition, offboarding_confirmed_on, offboarding_evidence, created_at, updated_at)
       values (@id, @name, @name_key, @legal_name, @registered_address, @country, @website,
        @service_description, @business_owner, @business_criticality, @status, @dpf_certified, @canada_commercial,
        @ccpa_service_provider, @computed_tier, @tier_override, @tier_override_reason, @tier, @needs_reassessment,
        @offboarding_data_disposition, @offboarding_confirmed_on, @offboarding_evidence, @created_at, @updated_at)`,
    );
    const insertRecord = sqlite.prepare(
      `insert into processing_records (id, vendor_id, purpose, legal_basis, data_categories, art9_condition,
        art10_basis, data_subjects, subject_count, retention, frequency, access, locations, created_at, updated_at)
       values (@id, @vendor_id, @purpose, @legal_basis, @data_categories, @art9_condition, @art10_basis,
        @data_subjects, @subject_count, @retention, @frequency, @access, @locations, @created_at, @updated_at)`,
    );
    const insertCategory = sqlite.prepare(
      "insert into processing_categories (processing_id, vendor_id, category) values (?, ?, ?)",
    );
    const counts = { vendors: 0, records: 0, categoryRows: 0 };
    sqlite.transaction(() => {
      for (const { vendor, processing } of generateRegister({
        count: options.vendors,
        records: options.records,
      })) {
        insertVendor.run(vendor);
        counts.vendors++;
        for (const row of processing) {
          insertRecord.run(row);
          counts.records++;
          for (const category of JSON.parse(row.data_categories) as string[]) {
            insertCategory.run(row.id, row.vendor_id, category);
            counts.categoryRows++;
          }
        }
      }
    })();
    // Leave the file as a long-running server would find it: WAL folded back into the database.
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    return { token, ...counts, seconds: (performance.now() - started) / 1000 };
  } finally {
    sqlite.close();
  }
}
