import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/connection.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { listVendors, nameKey } from "../../src/vendors/vendor-queries.ts";
import { VendorListQuery } from "../../src/vendors/vendor-schemas.ts";
import { type DatabaseAt, databaseAt } from "./database-at.ts";

const BEFORE = "0007-vendor-dpa-parties";

/** Names whose key the migration's frozen fold and today's nameKey must agree on. */
const NAMES = [
  "Müller GmbH",
  "Łódź Logistics Sp. z o.o.",
  "Øresund Ærø Straße",
  "Ελληνικά Τρόφιμα Α.Ε.",
  "ΑΣ Holdings",
  "Þór Guðmundsson ehf.",
  "İstanbul Sigorta",
  "ガス株式会社",
];
/** More vendors than one batch of the migration, so the batching is exercised. */
const BULK = 2_345;

async function databaseBefore0008(): Promise<DatabaseAt> {
  const { sqlite, db, migrator } = await databaseAt(BEFORE);
  const insert = sqlite.prepare(
    `insert into vendors (id, name, name_key, legal_name, country, business_criticality, status, computed_tier,
      tier, residual_rating, created_at, updated_at)
     values (?, ?, ?, ?, 'DE', 'low', 'intake', 'low', 'low', ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
  );
  // name_key as the application wrote it before 0008: NFKC, lower case, accents kept.
  const oldKey = (name: string) => name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
  sqlite.transaction(() => {
    NAMES.forEach((name, i) => {
      insert.run(`v${i}`, name, oldKey(name), i === 0 ? "Przewozy Białystok Sp. z o.o." : null, null);
    });
    for (let i = 0; i < BULK; i++) {
      const name = `Händler ${String(i).padStart(4, "0")}`;
      insert.run(`b${i}`, name, oldKey(name), null, i % 2 ? "high" : "low");
    }
  })();
  return { sqlite, db, migrator };
}

async function names(db: Db, params: Record<string, string>): Promise<string[]> {
  return (await listVendors(db, VendorListQuery.parse(params))).rows.map((r) => r.name);
}

describe("migration 0008: accent-folded search", () => {
  it("refolds name_key of the vendors already registered and rebuilds the search over them", async () => {
    const { sqlite, db } = await databaseBefore0008();
    expect(await names(db, { q: "muller" })).toEqual([]);

    expect(await migrateToLatest(db)).toContain("0008-accent-folded-search");

    const rows = sqlite.prepare("select name, name_key from vendors").all() as {
      name: string;
      name_key: string;
    }[];
    expect(rows).toHaveLength(NAMES.length + BULK);
    for (const row of rows) expect(row.name_key).toBe(nameKey(row.name));
    expect(await names(db, { q: "muller" })).toEqual(["Müller GmbH"]);
    expect(await names(db, { q: "lo" })).toEqual(["Łódź Logistics Sp. z o.o."]);
    expect(await names(db, { q: "lodz" })).toEqual(["Łódź Logistics Sp. z o.o."]);
    expect(await names(db, { q: "bialystok" })).toEqual(["Müller GmbH"]);
    expect(await names(db, { q: "handler 2344" })).toEqual(["Händler 2344"]);
    expect(
      sqlite.prepare("select count(*) as n from vendors_fts where vendors_fts match '\"handler\"'").get(),
    ).toEqual({
      n: BULK,
    });
    await db.destroy();
  });

  it("keeps the search in step with vendors written, renamed and deleted afterwards", async () => {
    const { sqlite, db } = await databaseBefore0008();
    await migrateToLatest(db);
    sqlite
      .prepare(
        `insert into vendors (id, name, name_key, country, business_criticality, status, computed_tier, tier,
          created_at, updated_at) values ('new', 'Kraków Kappa', ?, 'PL', 'low', 'intake', 'low', 'low', 'x', 'x')`,
      )
      .run(nameKey("Kraków Kappa"));
    expect(await names(db, { q: "krakow" })).toEqual(["Kraków Kappa"]);
    sqlite
      .prepare(
        "update vendors set name = 'Gdańsk Kappa', name_key = ?, legal_name = 'Ærøskøbing Færgefart ApS' where id = 'new'",
      )
      .run(nameKey("Gdańsk Kappa"));
    expect(await names(db, { q: "krakow" })).toEqual([]);
    expect(await names(db, { q: "gdansk" })).toEqual(["Gdańsk Kappa"]);
    expect(await names(db, { q: "aeroskobing faergefart" })).toEqual(["Gdańsk Kappa"]);
    sqlite.prepare("delete from vendors where id = 'new'").run();
    expect(await names(db, { q: "gdansk" })).toEqual([]);
    expect(
      sqlite.prepare("select count(*) as n from vendors_fts where vendors_fts match '\"kappa\"'").get(),
    ).toEqual({
      n: 0,
    });
    await db.destroy();
  });

  it("down restores the accent-sensitive search and keys of 0002", async () => {
    const { sqlite, db, migrator } = await databaseBefore0008();
    await migrateToLatest(db);
    const down = await migrator.migrateTo(BEFORE);
    expect(down.error).toBeUndefined();
    expect(sqlite.prepare("select name_key from vendors where id = 'v0'").get()).toEqual({
      name_key: "müller gmbh",
    });
    expect(await names(db, { q: "Müller" })).toEqual(["Müller GmbH"]);
    expect(
      sqlite.prepare("select count(*) as n from sqlite_master where name = 'vendors_residual_name'").get(),
    ).toEqual({ n: 0 });
    await db.destroy();
  });
});
