import type { Db } from "../db/connection.ts";
import type { OutboxRow, OutboxTable } from "../db/schema.ts";

export type OutboxStatus = OutboxTable["status"];

export function findOutboxMessage(db: Db, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface OutboxFilter {
  status?: OutboxStatus | undefined;
  kind?: string | undefined;
  /** The id of the last message of the previous page. */
  after?: string | undefined;
  limit: number;
}

/** Messages newest first; ties on the creation time are ordered by id, so paging is stable. */
export async function listOutboxMessages(db: Db, filter: OutboxFilter): Promise<OutboxRow[]> {
  let query = db.selectFrom("outbox").selectAll();
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (filter.after) {
    const last = await findOutboxMessage(db, filter.after);
    if (last) {
      query = query.where((eb) =>
        eb.or([
          eb("created_at", "<", last.created_at),
          eb.and([eb("created_at", "=", last.created_at), eb("id", "<", last.id)]),
        ]),
      );
    }
  }
  return query.orderBy("created_at", "desc").orderBy("id", "desc").limit(filter.limit).execute();
}

/** Messages whose time has come, oldest due first. */
export function listDueMessages(db: Db, now: Date, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom("outbox")
    .selectAll()
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", now.toISOString())
    .orderBy("next_attempt_at")
    .orderBy("created_at")
    .limit(limit)
    .execute();
}

/**
 * Takes a due message for one pass by moving its next attempt past the claim time; only the pass whose
 * update matched sends it, so two passes (or two processes on one database file) never send it twice.
 */
export async function claimMessage(db: Db, row: OutboxRow, now: Date, until: Date): Promise<boolean> {
  const result = await db
    .updateTable("outbox")
    .set({ next_attempt_at: until.toISOString() })
    .where("id", "=", row.id)
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The kinds present, for the Outbox page's filter. */
export async function listOutboxKinds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom("outbox").select("kind").distinct().orderBy("kind").execute();
  return rows.map((r) => r.kind);
}
