import type { Db } from "../db/connection.ts";
import type { ServiceContext } from "../shared/service-context.ts";

export interface OutgoingMessage {
  /** What the message is for, e.g. `assessment.invite`, `assessment.reminder`. */
  kind: string;
  to: { email: string; name?: string | undefined };
  subject: string;
  text: string;
  html?: string | undefined;
  assessmentId?: string | undefined;
  /** The invite whose portal link the message carries, so revoking or re-issuing that link can withdraw it. */
  inviteId?: string | undefined;
}

/**
 * Queues a message in the caller's transaction, so it is sent only if the change that caused it commits;
 * the delivery worker sends it afterwards and retries until the mail server takes it.
 */
export async function enqueueMail(
  trx: Db,
  ctx: Pick<ServiceContext, "clock" | "newId">,
  message: OutgoingMessage,
): Promise<string> {
  const now = ctx.clock.now().toISOString();
  const id = ctx.newId();
  await trx
    .insertInto("outbox")
    .values({
      id,
      kind: message.kind,
      to_email: message.to.email,
      to_name: message.to.name ?? null,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html ?? null,
      status: "pending",
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      assessment_id: message.assessmentId ?? null,
      invite_id: message.inviteId ?? null,
      created_at: now,
      sent_at: null,
    })
    .execute();
  return id;
}
