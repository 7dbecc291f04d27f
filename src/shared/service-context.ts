import type { AuditContext } from "../audit/audit-write.ts";
import type { Actor } from "../auth/roles.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import type { Clock, IdGenerator } from "./runtime.ts";

/** What every service function needs to act on someone's behalf. */
export interface ServiceContext {
  db: Db;
  config: Config;
  clock: Clock;
  newId: IdGenerator;
  actor: Actor;
  requestId?: string;
  ip?: string;
}

export function auditContext(ctx: ServiceContext, now: Date): AuditContext {
  return {
    actor: ctx.actor,
    now,
    newId: ctx.newId,
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    ...(ctx.ip ? { ip: ctx.ip } : {}),
  };
}

/** Runs `fn` in a transaction, or inside the caller's when there already is one. */
export async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}
