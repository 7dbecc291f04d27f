import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrations } from "../../migrations/index.ts";
import { loadConfig } from "../../src/config.ts";
import { createDb, openSqlite } from "../../src/db/connection.ts";
import { migrateToLatest, UnknownMigrationError } from "../../src/db/migrate.ts";
import type { Database } from "../../src/db/schema.ts";
import { startServer } from "../../src/server.ts";
import { createMemoryLogger } from "../../src/shared/logger.ts";

/** Every table the application's types know; tsc fails below if a table is added to the schema but not here. */
const TABLES = [
  "users",
  "sessions",
  "api_tokens",
  "login_attempts",
  "setup_tokens",
  "audit_events",
  "audit_head",
  "settings",
  "vendors",
  "vendor_contacts",
  "processing_records",
  "processing_categories",
  "subprocessors",
  "vendor_tier_history",
  "questionnaire_versions",
  "outbox",
  "assessments",
  "assessment_invites",
  "invite_links",
  "portal_sessions",
  "answers",
  "evidence_files",
  "assessment_scores",
  "score_overrides",
  "findings",
  "assessment_comments",
  "clarification_requests",
  "vendor_decisions",
  "dpa_documents",
  "register_check_results",
] as const satisfies readonly (keyof Database)[];
type Unlisted = Exclude<keyof Database, (typeof TABLES)[number]>;
const everyTableListed: [Unlisted] extends [never] ? true : Unlisted = true;

const dirs: string[] = [];
function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "vendorvet-migrations-"));
  dirs.push(dir);
  return join(dir, "nested", "vendorvet.db");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tablesIn(sqlite: SQLite.Database): string[] {
  return (
    sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .all() as { name: string }[]
  ).map((r) => r.name);
}

describe("database migrations", () => {
  it("create every table in an empty file database, in order, recording each", async () => {
    expect(everyTableListed).toBe(true);
    const path = tempDbPath();
    const sqlite = openSqlite(path);
    const db = createDb(sqlite);
    const applied = await migrateToLatest(db);
    expect(applied).toEqual(Object.keys(migrations));
    expect(applied).toEqual([...applied].sort());
    expect(tablesIn(sqlite)).toEqual(expect.arrayContaining([...TABLES, "kysely_migration"]));
    const recorded = sqlite.prepare("select name from kysely_migration order by name").all() as {
      name: string;
    }[];
    expect(recorded.map((r) => r.name)).toEqual(applied);
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    await db.destroy();
  });

  it("a file database runs in WAL mode with foreign keys and a busy timeout", async () => {
    const sqlite = openSqlite(tempDbPath());
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(1000);
    const db = createDb(sqlite);
    await migrateToLatest(db);
    expect(() =>
      sqlite
        .prepare(
          "insert into sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) values ('h', 'nobody', 'c', 'x', 'x', 'x')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    await db.destroy();
  });

  it("migrating twice changes nothing", async () => {
    const path = tempDbPath();
    const db = createDb(openSqlite(path));
    await migrateToLatest(db);
    await db.destroy();
    const sqlite = new SQLite(path, { readonly: true });
    const schemaBefore = sqlite.prepare("select type, name, sql from sqlite_master order by name").all();
    sqlite.close();

    const again = createDb(openSqlite(path));
    expect(await migrateToLatest(again)).toEqual([]);
    await again.destroy();
    const check = new SQLite(path, { readonly: true });
    expect(check.prepare("select type, name, sql from sqlite_master order by name").all()).toEqual(
      schemaBefore,
    );
    expect(check.prepare("select count(*) as n from kysely_migration").get()).toEqual({
      n: Object.keys(migrations).length,
    });
    check.close();
  });

  describe("a database written by a newer version", () => {
    async function futureDatabase(): Promise<string> {
      const path = tempDbPath();
      const sqlite = openSqlite(path);
      const db = createDb(sqlite);
      await migrateToLatest(db);
      sqlite
        .prepare(
          "insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2099-01-01T00:00:00.000Z')",
        )
        .run();
      await db.destroy();
      return path;
    }

    function snapshot(path: string): { schema: unknown[]; migrations: unknown[]; users: unknown } {
      const sqlite = new SQLite(path, { readonly: true });
      try {
        return {
          schema: sqlite.prepare("select type, name, sql from sqlite_master order by name").all(),
          migrations: sqlite.prepare("select name, timestamp from kysely_migration order by name").all(),
          users: sqlite.prepare("select count(*) as n from users").get(),
        };
      } finally {
        sqlite.close();
      }
    }

    it("makes migrateToLatest refuse, naming the unknown migration, and leaves the database as it was", async () => {
      const path = await futureDatabase();
      const before = snapshot(path);
      const db = createDb(openSqlite(path));
      const error = await migrateToLatest(db).catch((e: unknown) => e);
      await db.destroy();
      expect(error).toBeInstanceOf(UnknownMigrationError);
      expect((error as UnknownMigrationError).names).toEqual(["9999-from-the-future"]);
      expect((error as Error).message).toContain("9999-from-the-future");
      expect(snapshot(path)).toEqual(before);
    });

    it("stops startServer before it serves or creates anything", async () => {
      const path = await futureDatabase();
      const before = snapshot(path);
      const printed: string[] = [];
      const logger = createMemoryLogger();
      const config = { ...loadConfig({ DATABASE_PATH: path, PORT: "3000" }), port: 0 };
      await expect(
        startServer(config, { logger, print: (text) => printed.push(text) }),
      ).rejects.toBeInstanceOf(UnknownMigrationError);
      expect(printed).toEqual([]);
      expect(logger.lines.filter((l) => l.msg === "VendorVet is listening")).toEqual([]);
      expect(snapshot(path)).toEqual(before);
      expect(readFileSync(path).subarray(0, 16).toString()).toBe("SQLite format 3\u0000");
    });
  });
});
