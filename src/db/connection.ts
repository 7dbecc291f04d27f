import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

/** Opens (creating if needed) a SQLite file with the pragmas every connection needs. */
export function openSqlite(path: string): SQLite.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  applyPragmas(sqlite);
  return sqlite;
}

export function applyPragmas(sqlite: SQLite.Database): void {
  if (sqlite.name !== ":memory:" && !sqlite.memory) sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // WAL with synchronous=NORMAL is durable across application crashes and much faster than FULL.
  sqlite.pragma("synchronous = NORMAL");
}

const STATEMENT_CACHE_SIZE = 500;

/** Kysely prepares every query afresh; reusing better-sqlite3 statements by their SQL text saves that work. */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (!statement) {
        statement = sqlite.prepare(sqlText);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
        cache.set(sqlText, statement);
      }
      return statement;
    },
  };
}

export function createDb(sqlite: SQLite.Database): Db {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}
