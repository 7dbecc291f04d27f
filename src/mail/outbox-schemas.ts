import { z } from "@hono/zod-openapi";
import type { OutboxRow } from "../db/schema.ts";

export const OutboxStatus = z.enum(["pending", "sent", "logged", "failed"]).openapi({
  description:
    'pending: waiting for its (next) attempt; sent: the SMTP server accepted it; logged: kept here and in the server log because no SMTP server is configured; failed: not sent, either given up after the last attempt (an admin may retry) or withdrawn because its link stopped working first, when the recipient link was revoked or re-issued or the assessment was cancelled or expired (lastError starts with "Withdrawn, never sent:"; no retry)',
});
export type OutboxStatus = z.infer<typeof OutboxStatus>;

export const OutboxMessage = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ example: "assessment.invite" }),
    to: z.object({ email: z.string(), name: z.string().nullable() }),
    subject: z.string(),
    status: OutboxStatus,
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable().openapi({ description: "Set while the message is pending" }),
    lastError: z.string().nullable(),
    assessmentId: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z
      .string()
      .nullable()
      .openapi({ description: "When the SMTP server accepted it, or it was logged" }),
  })
  .openapi("OutboxMessage");
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxMessageDetail = OutboxMessage.extend({
  text: z.string().openapi({
    description: "The plain-text body. After SMTP delivery, portal link secrets are replaced with [sent].",
  }),
  hasHtml: z.boolean(),
}).openapi("OutboxMessageDetail");
export type OutboxMessageDetail = z.infer<typeof OutboxMessageDetail>;

export const OutboxQuery = z.object({
  status: OutboxStatus.optional(),
  kind: z.string().max(100).optional(),
  cursor: z.string().max(64).optional().openapi({ description: "nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;

export const OutboxPage = z
  .object({ data: z.array(OutboxMessage), nextCursor: z.string().nullable() })
  .openapi("OutboxPage");
export type OutboxPage = z.infer<typeof OutboxPage>;

export function toOutboxMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    kind: row.kind,
    to: { email: row.to_email, name: row.to_name },
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === "pending" ? row.next_attempt_at : null,
    lastError: row.last_error,
    assessmentId: row.assessment_id,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

export function toOutboxMessageDetail(row: OutboxRow): OutboxMessageDetail {
  return { ...toOutboxMessage(row), text: row.text_body, hasHtml: row.html_body !== null };
}
