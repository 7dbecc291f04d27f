import type { Actor } from "../auth/roles.ts";
import type { Db } from "../db/connection.ts";
import { chainHash, GENESIS_HASH } from "./audit-chain.ts";
import { type Changes, diffFields } from "./audit-diff.ts";

export interface AuditContext {
  actor: Actor;
  requestId?: string;
  ip?: string;
  now: Date;
  newId: () => string;
}

export interface AuditInput {
  /** `entity.verb`, for example `user.create`. */
  action: string;
  entityType: string;
  entityId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  changes?: Changes;
}

/** Appends one event to the chain. Call it inside the transaction that makes the change. */
export async function recordAudit(trx: Db, ctx: AuditContext, input: AuditInput): Promise<void> {
  const head = await trx.selectFrom("audit_head").selectAll().where("id", "=", 1).executeTakeFirst();
  const seq = (head?.last_seq ?? 0) + 1;
  const prevHash = head?.last_hash ?? GENESIS_HASH;
  const content = {
    seq,
    id: ctx.newId(),
    at: ctx.now.toISOString(),
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    actorLabel: ctx.actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    changes: JSON.stringify(input.changes ?? diffFields(input.before, input.after)),
    context: JSON.stringify({
      ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
      ...(ctx.ip ? { ip: ctx.ip } : {}),
      ...(ctx.actor.role ? { role: ctx.actor.role } : {}),
      ...(ctx.actor.userId && ctx.actor.userId !== ctx.actor.id ? { userId: ctx.actor.userId } : {}),
    }),
  };
  const hash = chainHash(prevHash, content);
  await trx
    .insertInto("audit_events")
    .values({
      seq,
      id: content.id,
      at: content.at,
      actor_type: content.actorType,
      actor_id: content.actorId,
      actor_label: content.actorLabel,
      action: content.action,
      entity_type: content.entityType,
      entity_id: content.entityId,
      changes: content.changes,
      context: content.context,
      prev_hash: prevHash,
      hash,
    })
    .execute();
  await trx
    .insertInto("audit_head")
    .values({ id: 1, last_seq: seq, last_hash: hash, count: 1 })
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet((eb) => ({ last_seq: seq, last_hash: hash, count: eb("audit_head.count", "+", 1) })),
    )
    .execute();
}
