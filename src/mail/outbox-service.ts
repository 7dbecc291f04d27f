import { recordAudit } from "../audit/audit-write.ts";
import type { OutboxRow } from "../db/schema.ts";
import { ConflictError, NotFoundError } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { isBeingSent } from "./mail-delivery.ts";
import { findOutboxMessage } from "./outbox-queries.ts";
import { isWithdrawn } from "./outbox-withdraw.ts";

/**
 * Puts a failed or waiting message at the front of the queue; the next delivery pass tries it once more.
 * A message that fails again after a manual retry goes straight back to `failed`, so the admin sees it.
 */
export async function retryMail(ctx: ServiceContext, id: string): Promise<OutboxRow> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const row = await findOutboxMessage(trx, id);
    if (!row) throw new NotFoundError("Message");
    if (row.status !== "failed" && row.status !== "pending") {
      throw new ConflictError(`The message was already ${row.status}; there is nothing to retry`, {
        status: row.status,
      });
    }
    if (isWithdrawn(row)) {
      throw new ConflictError(
        "The message was withdrawn because the links it carried stopped working; there is nothing to retry",
        { status: row.status },
      );
    }
    if (isBeingSent(ctx.db, id)) {
      throw new ConflictError("The message is being sent right now; look again in a moment");
    }
    await trx
      .updateTable("outbox")
      .set({ status: "pending", next_attempt_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, auditContext(ctx, now), {
      action: "mail.retry",
      entityType: "mail",
      entityId: id,
      changes: {
        status: { before: row.status, after: "pending" },
        nextAttemptAt: { before: row.next_attempt_at, after: now.toISOString() },
      },
    });
    const updated = await findOutboxMessage(trx, id);
    if (!updated) throw new NotFoundError("Message");
    return updated;
  });
}
