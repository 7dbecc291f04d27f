import type SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { type DatabaseAt, databaseAt } from "./database-at.ts";

const BEFORE = "0008-accent-folded-search";
const AT = "2026-03-02T09:00:00.000Z";

/** A database as VendorVet 0008 left it: one assessment with one invite, its invitation and a staff note queued. */
async function databaseAt0008(): Promise<DatabaseAt> {
  const { sqlite, db, migrator } = await databaseAt(BEFORE);
  sqlite.exec(`
    insert into vendors (id, name, name_key, country, business_criticality, status, computed_tier, tier,
      created_at, updated_at)
      values ('v1', 'Acme Hosting', 'acme hosting', 'NL', 'low', 'intake', 'low', 'low', '${AT}', '${AT}');
    insert into questionnaire_versions (id, key, version, title, description, tiers, question_count, content,
      content_hash, source, published_at, published_by)
      values ('q1', 'small', 1, 'Small', '', '["low"]', 1, '{}', 'h1', 'upload', '${AT}', 'admin@example.org');
    insert into assessments (id, vendor_id, questionnaire_version_id, status, due_date, created_by, created_at,
      updated_at)
      values ('a1', 'v1', 'q1', 'sent', '2026-03-31', 'u1', '${AT}', '${AT}');
    insert into assessment_invites (id, assessment_id, name, email, expires_at, created_at)
      values ('i1', 'a1', 'Vera', 'vera@acme.example', '2026-04-30T23:59:59.999Z', '${AT}');
  `);
  const queue = sqlite.prepare(
    `insert into outbox (id, kind, to_email, subject, text_body, status, attempts, next_attempt_at, assessment_id,
      created_at) values (?, ?, ?, ?, ?, 'pending', 0, ?, 'a1', ?)`,
  );
  queue.run(
    "m1",
    "assessment.invite",
    "vera@acme.example",
    "Please answer",
    "https://vv.example/portal/abc",
    AT,
    AT,
  );
  queue.run("m2", "assessment.submitted", "staff@example.org", "Answered", "Review it", AT, AT);
  return { sqlite, db, migrator };
}

const outbox = (sqlite: SQLite.Database) => sqlite.prepare("select * from outbox order by id").all();

describe("migration 0009: the outbox records which invite a message is for", () => {
  it("applies to a database at 0008 with queued mail, which it keeps as it was, without an invite", async () => {
    const { sqlite, db } = await databaseAt0008();
    const before = outbox(sqlite) as Record<string, unknown>[];

    expect(await migrateToLatest(db)).toContain("0009-outbox-invite");

    expect(outbox(sqlite)).toEqual(before.map((row) => ({ ...row, invite_id: null })));
    const indexes = sqlite.prepare("select name from pragma_index_list('outbox')").all();
    expect(indexes).toContainEqual({ name: "outbox_invite" });
    const used = sqlite.prepare("explain query plan select id from outbox where invite_id = 'i1'").all() as {
      detail: string;
    }[];
    expect(used.map((r) => r.detail).join("\n")).toContain("outbox_invite");
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    await db.destroy();
  });

  it("accepts only an invite that exists", async () => {
    const { sqlite, db } = await databaseAt0008();
    await migrateToLatest(db);
    const setInvite = sqlite.prepare("update outbox set invite_id = ? where id = 'm1'");

    setInvite.run("i1");
    expect(() => setInvite.run("no-such-invite")).toThrow(/FOREIGN KEY/);
    expect(sqlite.prepare("select invite_id from outbox where id = 'm1'").get()).toEqual({ invite_id: "i1" });
    await db.destroy();
  });

  it("rolls back to 0008 with the mail still there", async () => {
    const { sqlite, db, migrator } = await databaseAt0008();
    const before = outbox(sqlite);
    await migrateToLatest(db);

    const down = await migrator.migrateTo(BEFORE);
    expect(down.error).toBeUndefined();

    expect(outbox(sqlite)).toEqual(before);
    expect(sqlite.prepare("select name from pragma_index_list('outbox')").all()).not.toContainEqual({
      name: "outbox_invite",
    });
    await db.destroy();
  });
});
