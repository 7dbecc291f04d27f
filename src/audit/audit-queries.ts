import type { Db } from "../db/connection.ts";
import type { AuditEventRow } from "../db/schema.ts";

export interface AuditFilter {
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  /** Events older than this sequence number (newest first paging). */
  before?: number | undefined;
  limit: number;
}

export function listAuditEvents(db: Db, f: AuditFilter): Promise<AuditEventRow[]> {
  let q = db.selectFrom("audit_events").selectAll();
  if (f.action)
    q = f.action.endsWith(".*")
      ? q.where("action", "like", `${f.action.slice(0, -1)}%`)
      : q.where("action", "=", f.action);
  if (f.entityType) q = q.where("entity_type", "=", f.entityType);
  if (f.entityId) q = q.where("entity_id", "=", f.entityId);
  if (f.actorId) q = q.where("actor_id", "=", f.actorId);
  if (f.since) q = q.where("at", ">=", f.since);
  if (f.until) q = q.where("at", "<", f.until);
  if (f.before) q = q.where("seq", "<", f.before);
  return q.orderBy("seq", "desc").limit(f.limit).execute();
}
