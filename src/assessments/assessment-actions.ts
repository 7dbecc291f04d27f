import type { AuditContext } from "../audit/audit-write.ts";
import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { AssessmentRow } from "../db/schema.ts";
import { withdrawAssessmentMail, withdrawInviteMail } from "../mail/outbox-withdraw.ts";
import { ConflictError, NotFoundError } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { loadMailFacts } from "./assessment-mail.tsx";
import { findAssessment, findInvite, isInviteActive, listInvites } from "./assessment-queries.ts";
import {
  type CancelAssessment,
  MAX_RECIPIENTS,
  OPEN_STATUSES,
  type Recipient,
  type RemindInput,
} from "./assessment-schemas.ts";
import { createInvite, mailNewLink, revokeInviteRow } from "./invite-links.ts";
import { isOverdue, utcDay } from "./reminder-schedule.ts";

type JobContext = Pick<ServiceContext, "clock" | "newId" | "config">;

const isOpen = (status: AssessmentRow["status"]) => (OPEN_STATUSES as readonly string[]).includes(status);

async function openAssessment(trx: Db, id: string, doing: string): Promise<AssessmentRow> {
  const row = await findAssessment(trx, id);
  if (!row) throw new NotFoundError("Assessment");
  if (!isOpen(row.status))
    throw new ConflictError(`Cannot ${doing}: the assessment is ${row.status}`, { status: row.status });
  return row;
}

/**
 * Emails a new link to every active invite of the assessment and records the reminder. Returns how many
 * went out; none when no invite is active.
 */
export async function sendReminders(
  trx: Db,
  ctx: JobContext,
  audit: AuditContext,
  assessment: AssessmentRow,
  how: "manual" | "automatic",
): Promise<number> {
  const now = audit.now;
  const active = (await listInvites(trx, assessment.id)).filter((i) => isInviteActive(i, now));
  if (active.length === 0) return 0;
  const facts = await loadMailFacts(trx, assessment);
  const overdue = isOverdue(assessment.due_date, now);
  for (const invite of active)
    await mailNewLink(trx, ctx, now, facts, invite, "assessment.reminder", overdue);
  const iso = now.toISOString();
  await trx
    .updateTable("assessments")
    .set({ last_reminder_at: iso })
    .where("id", "=", assessment.id)
    .execute();
  await recordAudit(trx, audit, {
    action: "assessment.remind",
    entityType: "assessment",
    entityId: assessment.id,
    changes: {
      last_reminder_at: { before: assessment.last_reminder_at, after: iso },
      how: { after: how },
      recipients: { after: active.map((i) => i.email) },
    },
  });
  return active.length;
}

/**
 * Cancels an assessment and revokes all its invites. Unsent mail carrying their links is withdrawn in the same
 * transaction, so the vendor never gets a dead link; staff mail about the assessment still goes.
 */
export async function cancelAssessment(
  ctx: ServiceContext,
  id: string,
  input: CancelAssessment = {},
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const row = await findAssessment(trx, id);
    if (!row) throw new NotFoundError("Assessment");
    if (["cancelled", "completed", "expired"].includes(row.status))
      throw new ConflictError(`The assessment is already ${row.status}`, { status: row.status });
    const now = ctx.clock.now();
    const iso = now.toISOString();
    const audit = auditContext(ctx, now);
    await trx
      .updateTable("assessments")
      .set({ status: "cancelled", cancelled_at: iso, updated_at: iso })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, audit, {
      action: "assessment.cancel",
      entityType: "assessment",
      entityId: id,
      changes: {
        status: { before: row.status, after: "cancelled" },
        ...(input.reason ? { reason: { after: input.reason } } : {}),
      },
    });
    for (const invite of await listInvites(trx, id)) {
      if (invite.revoked_at === null) await revokeInviteRow(trx, audit, invite, "assessment cancelled");
    }
    await withdrawAssessmentMail(trx, audit, id, "the assessment was cancelled, so its links no longer work");
  });
}

/** Invites one more person at the vendor; they get their own link by email. */
export async function addRecipient(ctx: ServiceContext, id: string, recipient: Recipient): Promise<string> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await openAssessment(trx, id, "add a recipient");
    const now = ctx.clock.now();
    const active = (await listInvites(trx, id)).filter((i) => isInviteActive(i, now));
    const email = recipient.email.toLowerCase();
    if (active.some((i) => i.email === email))
      throw new ConflictError(`${email} already has a working link; re-issue it instead`);
    if (active.length >= MAX_RECIPIENTS)
      throw new ConflictError(`An assessment can have at most ${MAX_RECIPIENTS} active recipients`);
    const audit = auditContext(ctx, now);
    const invite = await createInvite(trx, ctx, audit, row, recipient);
    await mailNewLink(trx, ctx, now, await loadMailFacts(trx, row), invite, "assessment.invite");
    return invite.id;
  });
}

/**
 * Revokes one invite: its links stop working at once, and its unsent mail (invitation, reminders, requests for
 * clarification) is withdrawn in the same transaction. The other recipients' links and mail are untouched.
 */
export async function revokeInvite(ctx: ServiceContext, id: string, inviteId: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    if (!(await findAssessment(trx, id))) throw new NotFoundError("Assessment");
    const invite = await findInvite(trx, id, inviteId);
    if (!invite) throw new NotFoundError("Invite");
    if (invite.revoked_at !== null) throw new ConflictError("The invite is already revoked");
    const audit = auditContext(ctx, ctx.clock.now());
    await revokeInviteRow(trx, audit, invite, "revoked by staff");
    await withdrawInviteMail(trx, audit, invite.id, "the recipient's link was revoked");
  });
}

/**
 * Replaces an invite: the old one is revoked and its unsent mail withdrawn, the same person gets a new invite
 * and link by email. Only the new invitation goes out.
 */
export async function reissueInvite(ctx: ServiceContext, id: string, inviteId: string): Promise<string> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await openAssessment(trx, id, "re-issue a link");
    const old = await findInvite(trx, id, inviteId);
    if (!old) throw new NotFoundError("Invite");
    const now = ctx.clock.now();
    const audit = auditContext(ctx, now);
    if (old.revoked_at === null) await revokeInviteRow(trx, audit, old, "re-issued");
    await withdrawInviteMail(
      trx,
      audit,
      old.id,
      "the recipient's link was re-issued; a new email carries the new one",
    );
    const invite = await createInvite(
      trx,
      ctx,
      audit,
      row,
      { name: old.name, email: old.email },
      { replaces: old.id },
    );
    await mailNewLink(trx, ctx, now, await loadMailFacts(trx, row), invite, "assessment.invite");
    return invite.id;
  });
}

/** Staff's "remind now": one reminder a day unless forced, and only while the vendor is still answering. */
export async function remindNow(ctx: ServiceContext, id: string, input: RemindInput = {}): Promise<number> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await openAssessment(trx, id, "send a reminder");
    const now = ctx.clock.now();
    if (!input.force && row.last_reminder_at && utcDay(row.last_reminder_at) === utcDay(now)) {
      throw new ConflictError("A reminder already went out today; send again with force to override", {
        lastReminderAt: row.last_reminder_at,
      });
    }
    const sent = await sendReminders(trx, ctx, auditContext(ctx, now), row, "manual");
    if (sent === 0)
      throw new ConflictError("No recipient has a working link; add a recipient or re-issue a link");
    return sent;
  });
}
