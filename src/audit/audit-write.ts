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
  await recordAuditBatch(trx, ctx, [input]);
}

const INSERT_CHUNK = 500;

/** Appends events in order, reading and moving the chain's head once: for bulk changes such as a CSV import. */
export async function recordAuditBatch(
  trx: Db,
  ctx: AuditContext,
  inputs: readonly AuditInput[],
): Promise<void> {
  if (inputs.length === 0) return;
  const head = await trx.selectFrom("audit_head").selectAll().where("id", "=", 1).executeTakeFirst();
  let seq = head?.last_seq ?? 0;
  let prevHash = head?.last_hash ?? GENESIS_HASH;
  const at = ctx.now.toISOString();
  const context = JSON.stringify({
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    ...(ctx.ip ? { ip: ctx.ip } : {}),
    ...(ctx.actor.role ? { role: ctx.actor.role } : {}),
    ...(ctx.actor.userId && ctx.actor.userId !== ctx.actor.id ? { userId: ctx.actor.userId } : {}),
  });
  const rows = inputs.map((input) => {
    seq += 1;
    const content = {
      seq,
      id: ctx.newId(),
      at,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      actorLabel: ctx.actor.label,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      changes: JSON.stringify(input.changes ?? diffFields(input.before, input.after)),
      context,
    };
    const hash = chainHash(prevHash, content);
    const row = {
      seq,
      id: content.id,
      at,
      actor_type: content.actorType,
      actor_id: content.actorId,
      actor_label: content.actorLabel,
      action: content.action,
      entity_type: content.entityType,
      entity_id: content.entityId,
      changes: content.changes,
      context,
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await trx
      .insertInto("audit_events")
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
  const added = rows.length;
  await trx
    .insertInto("audit_head")
    .values({ id: 1, last_seq: seq, last_hash: prevHash, count: added })
    .onConflict((oc) =>
      oc.column("id").doUpdateSet((eb) => ({
        last_seq: seq,
        last_hash: prevHash,
        count: eb("audit_head.count", "+", added),
      })),
    )
    .execute();
}
