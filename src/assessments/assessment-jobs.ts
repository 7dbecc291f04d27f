import type { AppDeps } from "../app-deps.ts";
import { recordAudit } from "../audit/audit-write.ts";
import { systemActor } from "../auth/roles.ts";
import type { Db } from "../db/connection.ts";
import type { AssessmentInviteRow, AssessmentRow } from "../db/schema.ts";
import { withdrawAssessmentMail } from "../mail/outbox-withdraw.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { sendReminders } from "./assessment-actions.ts";
import { findAssessment, isInviteActive, listInvites } from "./assessment-queries.ts";
import { AWAITING_ANSWERS } from "./assessment-schemas.ts";
import { addDays, endOfDay, isReminderDue, type ReminderState } from "./reminder-schedule.ts";

export interface AssessmentJobResult {
  reminded: number;
  expired: number;
}

export function reminderState(row: AssessmentRow, config: AppDeps["config"]): ReminderState {
  return {
    dueDate: row.due_date,
    createdAt: row.created_at,
    lastReminderAt: row.last_reminder_at,
    daysBeforeDue: config.reminders.daysBeforeDue,
    graceDays: config.inviteValidDaysAfterDue,
  };
}

/**
 * Whether the vendor can no longer answer: the grace period after the due date has passed, or every invite
 * has run out of time (revoked ones alone do not count: staff may be about to re-issue them).
 */
export function hasExpired(
  row: AssessmentRow,
  invites: readonly AssessmentInviteRow[],
  graceDays: number,
  now: Date,
): boolean {
  if (now > endOfDay(addDays(row.due_date, graceDays))) return true;
  const timedOut = invites.some((i) => i.revoked_at === null && i.expires_at <= now.toISOString());
  return timedOut && !invites.some((i) => isInviteActive(i, now));
}

/**
 * Closes an assessment the vendor can no longer answer. The portal refuses every link of an expired assessment
 * (whatever each invite's own expiry says), so its unsent portal mail is withdrawn in the same transaction.
 */
async function expire(trx: Db, ctx: ServiceContext, row: AssessmentRow, now: Date): Promise<void> {
  const iso = now.toISOString();
  const audit = auditContext(ctx, now);
  await trx
    .updateTable("assessments")
    .set({ status: "expired", updated_at: iso })
    .where("id", "=", row.id)
    .execute();
  await recordAudit(trx, audit, {
    action: "assessment.expire",
    entityType: "assessment",
    entityId: row.id,
    changes: { status: { before: row.status, after: "expired" }, due_date: { after: row.due_date } },
  });
  await withdrawAssessmentMail(trx, audit, row.id, "the assessment expired, so its links no longer work");
}

/**
 * One pass of the periodic work on assessments awaiting answers: expiry first, then automatic reminders (some
 * days before the due date, then daily while overdue, never more than one a day). Each assessment is its own
 * transaction, so one failure does not hold back the rest.
 */
export async function runAssessmentJobs(deps: AppDeps): Promise<AssessmentJobResult> {
  const ctx: ServiceContext = {
    db: deps.db,
    config: deps.config,
    clock: deps.clock,
    newId: deps.newId,
    actor: systemActor,
  };
  const result: AssessmentJobResult = { reminded: 0, expired: 0 };
  const candidates = await deps.db
    .selectFrom("assessments")
    .select("id")
    .where("status", "in", AWAITING_ANSWERS)
    .orderBy("due_date")
    .execute();
  for (const { id } of candidates) {
    try {
      await inTransaction(deps.db, async (trx) => {
        const row = await findAssessment(trx, id);
        if (!row || !(AWAITING_ANSWERS as readonly string[]).includes(row.status)) return;
        const now = deps.clock.now();
        if (hasExpired(row, await listInvites(trx, id), deps.config.inviteValidDaysAfterDue, now)) {
          await expire(trx, ctx, row, now);
          result.expired += 1;
        } else if (isReminderDue(reminderState(row, deps.config), now)) {
          const sent = await sendReminders(trx, ctx, auditContext(ctx, now), row, "automatic");
          if (sent > 0) result.reminded += 1;
        }
      });
    } catch (err) {
      deps.logger.error("assessment job failed", { assessmentId: id, error: (err as Error).message });
    }
  }
  return result;
}
