import type { AppDeps } from "../app-deps.ts";
import { recordAudit } from "../audit/audit-write.ts";
import type { Actor } from "../auth/roles.ts";
import type { Db } from "../db/connection.ts";
import type { OutboxRow } from "../db/schema.ts";
import { inTransaction } from "../shared/service-context.ts";
import { claimUntil, decideAfterFailure, scrubPortalSecrets } from "./delivery-policy.ts";
import { MailSendError } from "./mailer.ts";
import { claimMessage, listDueMessages } from "./outbox-queries.ts";

export type DeliveryDeps = Pick<AppDeps, "db" | "clock" | "mailer" | "logger" | "newId">;

export interface DeliveryReport {
  sent: number;
  logged: number;
  retrying: number;
  failed: number;
}

const deliveryActor: Actor = { type: "system", id: null, label: "mail delivery" };

// The ids each database's passes are sending right now, so "Retry now" cannot release a message mid-send.
const inFlight = new WeakMap<Db, Set<string>>();

/** True while a delivery pass in this process is handing the message to the mailer. */
export function isBeingSent(db: Db, id: string): boolean {
  return inFlight.get(db)?.has(id) ?? false;
}

function sendingSet(db: Db): Set<string> {
  let set = inFlight.get(db);
  if (!set) {
    set = new Set();
    inFlight.set(db, set);
  }
  return set;
}

async function recordDelivered(deps: DeliveryDeps, row: OutboxRow, status: "sent" | "logged"): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable("outbox")
      .set({
        status,
        attempts: row.attempts + 1,
        sent_at: now.toISOString(),
        last_error: null,
        // A logged message was not sent anywhere: an admin forwards it, so its links stay.
        ...(status === "sent"
          ? {
              text_body: scrubPortalSecrets(row.text_body),
              html_body: row.html_body === null ? null : scrubPortalSecrets(row.html_body),
            }
          : {}),
      })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(
      trx,
      { actor: deliveryActor, now, newId: deps.newId },
      {
        action: `mail.${status}`,
        entityType: "mail",
        entityId: row.id,
        changes: { status: { before: row.status, after: status }, attempts: { after: row.attempts + 1 } },
      },
    );
  });
}

async function recordFailure(
  deps: DeliveryDeps,
  row: OutboxRow,
  error: MailSendError,
): Promise<"retrying" | "failed"> {
  const now = deps.clock.now();
  const attempts = row.attempts + 1;
  const outcome = decideAfterFailure(attempts, now, error.permanent);
  const recorded = await inTransaction(deps.db, async (trx) => {
    const updated = await trx
      .updateTable("outbox")
      .set({
        status: outcome.status === "failed" ? "failed" : "pending",
        attempts,
        last_error: error.message,
        next_attempt_at:
          outcome.status === "pending" ? outcome.nextAttemptAt.toISOString() : now.toISOString(),
      })
      .where("id", "=", row.id)
      // Withdrawn while this attempt ran (its assessment was cancelled): it stays withdrawn, never retried.
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    // Scheduling the next try is bookkeeping; giving up is a change an admin must be able to trace.
    if (outcome.status === "failed") {
      await recordAudit(
        trx,
        { actor: deliveryActor, now, newId: deps.newId },
        {
          action: "mail.failed",
          entityType: "mail",
          entityId: row.id,
          changes: { status: { before: row.status, after: "failed" }, attempts: { after: attempts } },
        },
      );
    }
    return true;
  });
  deps.logger.warn("mail delivery failed", {
    messageId: row.id,
    kind: row.kind,
    attempts,
    error: error.message,
    ...(outcome.status === "pending"
      ? { nextAttemptAt: outcome.nextAttemptAt.toISOString() }
      : { gaveUp: true }),
  });
  return outcome.status === "failed" || !recorded ? "failed" : "retrying";
}

async function deliverOne(deps: DeliveryDeps, row: OutboxRow): Promise<keyof DeliveryReport> {
  try {
    await deps.mailer.send({
      to: [{ email: row.to_email, name: row.to_name ?? undefined }],
      subject: row.subject,
      text: row.text_body,
      html: row.html_body ?? undefined,
    });
  } catch (err) {
    const error = err instanceof MailSendError ? err : new MailSendError(describe(err), false);
    return recordFailure(deps, row, error);
  }
  const status = deps.mailer.kind === "log" ? "logged" : "sent";
  await recordDelivered(deps, row, status);
  return status;
}

function describe(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}

/**
 * One pass over the outbox: sends every message that is due (up to `limit`), marks it sent (or logged) as
 * soon as the mailer accepts it, and schedules failures for another try with growing pauses.
 */
export async function deliverDueMail(
  deps: DeliveryDeps,
  options: { limit?: number } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, logged: 0, retrying: 0, failed: 0 };
  const now = deps.clock.now();
  const due = await listDueMessages(deps.db, now, options.limit ?? 50);
  const sending = sendingSet(deps.db);
  for (const row of due) {
    if (!(await claimMessage(deps.db, row, now, claimUntil(now)))) continue;
    sending.add(row.id);
    try {
      report[await deliverOne(deps, row)] += 1;
    } finally {
      sending.delete(row.id);
    }
  }
  return report;
}

/** Runs a delivery pass now and every `intervalMs`; a pass still running makes the next tick skip. */
export function startDeliveryWorker(deps: DeliveryDeps, intervalMs: number): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = deliverDueMail(deps)
      .then((report) => {
        if (report.sent + report.logged + report.retrying + report.failed > 0)
          deps.logger.info("mail delivery pass", { ...report });
      })
      .catch((err: unknown) => deps.logger.error("mail delivery pass failed", { error: describe(err) }))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  const first = setTimeout(tick, 0);
  first.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    clearTimeout(first);
    await running;
  };
}
