import { type CompiledQuery, Kysely, SqliteDialect } from "kysely";
import { describe, expect, it } from "vitest";
import { loadDashboard } from "../../src/dashboard/dashboard-queries.ts";
import type { Database } from "../../src/db/schema.ts";
import { freshSqlite } from "../support/test-app.ts";

// The dashboard must stay fast at 10,000 vendors and 30,000 assessments: each of its figures is read through an
// index, never by walking a table row by row. SQLite's plan does not depend on the data here (no ANALYZE
// statistics), so checking it on an empty database guards the big one.

describe("the dashboard reads every figure through an index", () => {
  it("no dashboard query scans a table without an index", async () => {
    const sqlite = await freshSqlite();
    const captured: CompiledQuery[] = [];
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      log: (event) => {
        if (event.level === "query") captured.push(event.query);
      },
    });
    await loadDashboard(db, new Date("2026-03-02T09:00:00.000Z"));
    expect(captured.length).toBe(7);
    for (const query of captured) {
      const plan = sqlite
        .prepare(`explain query plan ${query.sql}`)
        .all(...(query.parameters as unknown[])) as { detail: string }[];
      const details = plan.map((p) => p.detail);
      // "SCAN x USING COVERING INDEX" reads the index alone; a bare "SCAN x" reads the table.
      const fullScans = details.filter((d) => /^SCAN \w+$/.test(d) || /^SCAN \w+ USING INDEX/.test(d));
      expect({ sql: query.sql, fullScans }).toEqual({ sql: query.sql, fullScans: [] });
      expect(details.some((d) => /USING (COVERING )?INDEX/.test(d))).toBe(true);
    }
    await db.destroy();
  });
});
