import type { Db } from "../db/connection.ts";
import { chainHash, GENESIS_HASH } from "./audit-chain.ts";

export type AuditVerification =
  | { ok: true; checked: number; lastHash: string }
  | {
      ok: false;
      checked: number;
      /** The first event whose link is broken, or null when the damage is at the end of the log. */
      brokenAt: { seq: number; id: string; action: string } | null;
      reason: string;
    };

/** Walks the chain from the start and reports the first event that does not link. */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const pageSize = 5000;
  for (;;) {
    const rows = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("seq", ">=", expectedSeq)
      .orderBy("seq")
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const at = { seq: row.seq, id: row.id, action: row.action };
      if (row.seq !== expectedSeq) {
        return {
          ok: false,
          checked,
          brokenAt: at,
          reason: `event ${expectedSeq} is missing before this one`,
        };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, brokenAt: at, reason: "its link to the previous event does not match" };
      }
      const recomputed = chainHash(prevHash, {
        seq: row.seq,
        id: row.id,
        at: row.at,
        actorType: row.actor_type,
        actorId: row.actor_id,
        actorLabel: row.actor_label,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        changes: row.changes,
        context: row.context,
      });
      if (recomputed !== row.hash) {
        return { ok: false, checked, brokenAt: at, reason: "its content was changed after it was written" };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db.selectFrom("audit_head").selectAll().where("id", "=", 1).executeTakeFirst();
  const headCount = head?.count ?? 0;
  if (headCount !== checked || (head && head.last_hash !== prevHash)) {
    return {
      ok: false,
      checked,
      brokenAt: null,
      reason: `the log ends after ${checked} events but ${headCount} were written: events were removed from the end`,
    };
  }
  return { ok: true, checked, lastHash: prevHash };
}
