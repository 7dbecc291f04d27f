import { type Kysely, type MigrationResultSet, Migrator, sql } from "kysely";
import { migrations } from "../../migrations/index.ts";

export class UnknownMigrationError extends Error {
  constructor(readonly names: string[]) {
    super(
      `The database has migrations this version of VendorVet does not know (${names.join(", ")}). ` +
        "It was written by a newer version; refusing to start rather than risk corrupting it.",
    );
  }
}

/** Applies every pending migration in order; refuses a database written by a newer version. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the app's types apply
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const unknown = await findUnknownMigrations(db);
  if (unknown.length > 0) throw new UnknownMigrationError(unknown);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

// biome-ignore lint/suspicious/noExplicitAny: see migrateToLatest
async function findUnknownMigrations(db: Kysely<any>): Promise<string[]> {
  const exists = await sql<{
    n: number;
  }>`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db);
  if ((exists.rows[0]?.n ?? 0) === 0) return [];
  const applied = await db.selectFrom("kysely_migration").select("name").execute();
  return applied.map((r: { name: string }) => r.name).filter((name: string) => !(name in migrations));
}
