import SQLite from "better-sqlite3";
import { type CompiledQuery, Kysely, SqliteDialect } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { listVendors } from "../../src/vendors/vendor-queries.ts";
import { VendorListQuery } from "../../src/vendors/vendor-schemas.ts";

export const VENDOR_LIST_PATH = "/api/v1/vendors";

/** One request of the register list, as query parameters of GET /api/v1/vendors. */
export interface ListCase {
  label: string;
  params: Record<string, string>;
}

/** A list request with the SQL VendorVet runs for it, which the bare server runs as it is. */
export interface CapturedCase extends ListCase {
  /** Path and query string, exactly as the load generator sends it. */
  path: string;
  sql: string;
  parameters: unknown[];
  /** Page size: the query asks for one row more to know whether a next page exists. */
  limit: number;
  /** The column the cursor carries besides the id. */
  sortColumn: "name_key" | "created_at";
  /** SQLite's EXPLAIN QUERY PLAN, one step a line. */
  plan: string[];
  /** Milliseconds for the bare statement alone, best of several runs in this process. */
  statementMs: number;
}

export function casePath(params: Record<string, string>): string {
  const search = new URLSearchParams(params).toString();
  return search ? `${VENDOR_LIST_PATH}?${search}` : VENDOR_LIST_PATH;
}

/**
 * Runs listVendors for every case on a read-only connection and keeps the SQL and parameters Kysely compiled,
 * so the bare baseline answers each case with the very same statement rather than a hand-written copy.
 */
export async function captureListQueries(databasePath: string, cases: ListCase[]): Promise<CapturedCase[]> {
  const sqlite = new SQLite(databasePath, { readonly: true });
  let compiled: CompiledQuery | undefined;
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === "query") compiled = event.query;
    },
  });
  try {
    const captured: CapturedCase[] = [];
    for (const c of cases) {
      compiled = undefined;
      const query = VendorListQuery.parse(c.params);
      await listVendors(db, query);
      if (!compiled) throw new Error(`listVendors ran no query for ${c.label}`);
      const { sql, parameters } = compiled as CompiledQuery;
      const statement = sqlite.prepare(sql);
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        statement.all(...parameters);
        best = Math.min(best, performance.now() - started);
      }
      const plan = sqlite.prepare(`explain query plan ${sql}`).all(...parameters) as { detail: string }[];
      captured.push({
        ...c,
        path: casePath(c.params),
        sql,
        parameters: [...parameters],
        limit: query.limit,
        sortColumn: query.sort.endsWith("created") ? "created_at" : "name_key",
        plan: plan.map((step) => step.detail),
        statementMs: best,
      });
    }
    return captured;
  } finally {
    await db.destroy();
  }
}
