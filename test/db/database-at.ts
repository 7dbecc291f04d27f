import SQLite from "better-sqlite3";
import { Migrator } from "kysely";
import { migrations } from "../../migrations/index.ts";
import { applyPragmas, createDb, type Db } from "../../src/db/connection.ts";

export interface DatabaseAt {
  sqlite: SQLite.Database;
  db: Db;
  /** Moves the database to any migration, up or down, as an upgrade or a rollback would. */
  migrator: Migrator;
}

/** An in-memory database as an older VendorVet left it: migrated up to and including `migration`, no further. */
export async function databaseAt(migration: string): Promise<DatabaseAt> {
  const sqlite = new SQLite(":memory:");
  applyPragmas(sqlite);
  const db = createDb(sqlite);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateTo(migration);
  if (result.error) throw result.error;
  return { sqlite, db, migrator };
}
