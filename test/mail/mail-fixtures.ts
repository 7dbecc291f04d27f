import type { OutboxRow } from "../../src/db/schema.ts";
import { enqueueMail, type OutgoingMessage } from "../../src/mail/outbox.ts";
import { findOutboxMessage } from "../../src/mail/outbox-queries.ts";
import { randomSecret } from "../../src/shared/runtime.ts";
import type { TestApp } from "../support/test-app.ts";

export interface QueuedInvite {
  id: string;
  secret: string;
  link: string;
}

/** Queues an invitation like the sending service does: a personal portal link in the text (and HTML). */
export async function queueInvite(
  t: TestApp,
  overrides: Partial<OutgoingMessage> = {},
): Promise<QueuedInvite> {
  const secret = randomSecret(32);
  const link = `${t.deps.config.publicUrl}/portal/${secret}`;
  const id = await enqueueMail(t.deps.db, t.ctx, {
    kind: "assessment.invite",
    to: { email: "vera@vendor.example", name: "Vera Vendor" },
    subject: "Security questionnaire from Example Org",
    text: `Hello Vera,\n\nPlease answer our security questionnaire by 2026-04-01:\n${link}\n\nThank you.`,
    html: `<p>Hello Vera,</p><p><a href="${link}">Open the questionnaire</a></p>`,
    ...overrides,
  });
  return { id, secret, link };
}

export async function outboxRow(t: TestApp, id: string): Promise<OutboxRow> {
  const row = await findOutboxMessage(t.deps.db, id);
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
}

export function auditActions(t: TestApp, entityId: string): string[] {
  const rows = t.sqlite
    .prepare("select action from audit_events where entity_id = ? order by seq")
    .all(entityId) as { action: string }[];
  return rows.map((r) => r.action);
}
