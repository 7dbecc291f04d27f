import { type AuditContext, recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { OutboxRow } from "../db/schema.ts";
import { carriesPortalLink, scrubPortalSecrets, WITHDRAWN_PORTAL_PATH } from "./delivery-policy.ts";

/** How the `last_error` of a withdrawn message begins; the rest says why. */
export const WITHDRAWN_NOTE = "Withdrawn, never sent:";

/** True for a message taken back before it went out; it holds no working link, so it must never be sent. */
export function isWithdrawn(row: Pick<OutboxRow, "status" | "last_error">): boolean {
  return row.status === "failed" && (row.last_error ?? "").startsWith(WITHDRAWN_NOTE);
}

/** Messages not sent yet: waiting, given up on, or already withdrawn (the caller narrows it down). */
function unsentMail(trx: Db) {
  return trx.selectFrom("outbox").selectAll().where("status", "in", ["pending", "failed"]);
}

/**
 * Takes back every unsent message of an assessment that carries a vendor's portal link (invitations,
 * reminders, requests for clarification), in the caller's transaction. Call it when those links stop working:
 * the assessment is cancelled or expires.
 *
 * The message stays in the outbox as the record that it was queued and never sent: `failed`, with the reason
 * in `last_error`, its attempts untouched, and its dead link replaced so nobody forwards it. A retry refuses it.
 * Mail without a portal link (staff notifications about the same assessment) is left to go out.
 */
export async function withdrawAssessmentMail(
  trx: Db,
  audit: AuditContext,
  assessmentId: string,
  reason: string,
): Promise<number> {
  const unsent = await unsentMail(trx).where("assessment_id", "=", assessmentId).execute();
  return withdrawRows(trx, audit, unsent, reason);
}

/**
 * Takes back the unsent mail queued for one invite, in the caller's transaction: call it when that invite's
 * links stop working (revoked, re-issued) while the assessment's other recipients keep theirs. Mail queued
 * before the outbox recorded invites (no `invite_id`) is not matched here; it still goes with its assessment.
 */
export async function withdrawInviteMail(
  trx: Db,
  audit: AuditContext,
  inviteId: string,
  reason: string,
): Promise<number> {
  const unsent = await unsentMail(trx).where("invite_id", "=", inviteId).execute();
  return withdrawRows(trx, audit, unsent, reason);
}

async function withdrawRows(
  trx: Db,
  audit: AuditContext,
  unsent: readonly OutboxRow[],
  reason: string,
): Promise<number> {
  const withdrawn = unsent.filter(
    (row) => !isWithdrawn(row) && (carriesPortalLink(row.text_body) || carriesPortalLink(row.html_body)),
  );
  const note = `${WITHDRAWN_NOTE} ${reason}`;
  for (const row of withdrawn) {
    await trx
      .updateTable("outbox")
      .set({
        status: "failed",
        last_error: note,
        text_body: scrubPortalSecrets(row.text_body, WITHDRAWN_PORTAL_PATH),
        html_body: row.html_body === null ? null : scrubPortalSecrets(row.html_body, WITHDRAWN_PORTAL_PATH),
      })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, audit, {
      action: "mail.withdrawn",
      entityType: "mail",
      entityId: row.id,
      changes: {
        status: { before: row.status, after: "failed" },
        reason: { after: reason },
      },
    });
  }
  return withdrawn.length;
}
