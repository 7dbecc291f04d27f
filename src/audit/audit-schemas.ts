import { z } from "@hono/zod-openapi";
import type { AuditEventRow } from "../db/schema.ts";

export const AuditEvent = z
  .object({
    seq: z.number().int(),
    id: z.string(),
    at: z.string(),
    actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string() }),
    action: z.string().openapi({ example: "user.create" }),
    entity: z.object({ type: z.string(), id: z.string().nullable() }),
    changes: z.record(
      z.string(),
      z.object({ before: z.unknown().optional(), after: z.unknown().optional() }),
    ),
    context: z.record(z.string(), z.unknown()),
    hash: z.string(),
    prevHash: z.string(),
  })
  .openapi("AuditEvent");
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.object({
  action: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: "Exact action, or a prefix ending in .* (user.*)" }),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
  cursor: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ description: "nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AuditVerifyResult = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    brokenAt: z.object({ seq: z.number().int(), id: z.string(), action: z.string() }).nullable().optional(),
    reason: z.string().optional(),
  })
  .openapi("AuditVerifyResult");

export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    action: row.action,
    entity: { type: row.entity_type, id: row.entity_id },
    changes: JSON.parse(row.changes),
    context: JSON.parse(row.context),
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}
