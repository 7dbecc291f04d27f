import type { AuditContext } from "../audit/audit-write.ts";
import { recordAudit } from "../audit/audit-write.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import type { AssessmentInviteRow, AssessmentRow } from "../db/schema.ts";
import { randomSecret, sha256Hex } from "../shared/runtime.ts";
import type { ServiceContext } from "../shared/service-context.ts";
import { type AssessmentMailFacts, queueInviteMail } from "./assessment-mail.tsx";
import type { Recipient } from "./assessment-schemas.ts";
import { inviteExpiry } from "./reminder-schedule.ts";

type JobContext = Pick<ServiceContext, "clock" | "newId" | "config">;

/**
 * A new link for an invite: 256 random bits, of which only the SHA-256 is stored, so a copy of the database
 * cannot open any assessment. The secret exists only in the returned URL, which goes straight into an email.
 */
export async function issueLink(trx: Db, ctx: JobContext, inviteId: string, now: Date): Promise<string> {
  const secret = randomSecret(32);
  await trx
    .insertInto("invite_links")
    .values({ secret_hash: sha256Hex(secret), invite_id: inviteId, created_at: now.toISOString() })
    .execute();
  return portalUrl(ctx.config, secret);
}

export function portalUrl(config: Pick<Config, "publicUrl">, secret: string): string {
  return `${config.publicUrl}/portal/${secret}`;
}

/** Stores an invite for one recipient, audited as `assessment_invite.create`. */
export async function createInvite(
  trx: Db,
  ctx: JobContext,
  audit: AuditContext,
  assessment: Pick<AssessmentRow, "id" | "due_date">,
  recipient: Recipient,
  extra: Record<string, unknown> = {},
): Promise<AssessmentInviteRow> {
  const now = audit.now.toISOString();
  const row: AssessmentInviteRow = {
    id: ctx.newId(),
    assessment_id: assessment.id,
    name: recipient.name,
    email: recipient.email.toLowerCase(),
    expires_at: inviteExpiry(assessment.due_date, ctx.config.inviteValidDaysAfterDue),
    revoked_at: null,
    last_used_at: null,
    created_at: now,
  };
  await trx.insertInto("assessment_invites").values(row).execute();
  await recordAudit(trx, audit, {
    action: "assessment_invite.create",
    entityType: "assessment_invite",
    entityId: row.id,
    after: {
      assessment_id: row.assessment_id,
      name: row.name,
      email: row.email,
      expires_at: row.expires_at,
      ...extra,
    },
  });
  return row;
}

/** Gives the invite a fresh link and queues the email that carries it. */
export async function mailNewLink(
  trx: Db,
  ctx: JobContext,
  now: Date,
  facts: AssessmentMailFacts,
  invite: AssessmentInviteRow,
  kind: "assessment.invite" | "assessment.reminder",
  overdue = false,
): Promise<void> {
  const link = await issueLink(trx, ctx, invite.id, now);
  await queueInviteMail(trx, ctx, facts, {
    kind,
    inviteId: invite.id,
    recipient: { name: invite.name, email: invite.email },
    link,
    expiresAt: invite.expires_at,
    overdue,
  });
}

/** Revokes an invite; every link it has stops working at once. */
export async function revokeInviteRow(
  trx: Db,
  audit: AuditContext,
  invite: AssessmentInviteRow,
  reason: string,
): Promise<void> {
  const at = audit.now.toISOString();
  await trx.updateTable("assessment_invites").set({ revoked_at: at }).where("id", "=", invite.id).execute();
  await recordAudit(trx, audit, {
    action: "assessment_invite.revoke",
    entityType: "assessment_invite",
    entityId: invite.id,
    changes: { revoked_at: { before: null, after: at }, reason: { after: reason } },
  });
}
