import { recordAuditBatch } from "../audit/audit-write.ts";
import { auditContext, type ServiceContext } from "../shared/service-context.ts";
import { chunks } from "./import-existing.ts";
import type { ImportPlan } from "./import-plan.ts";
import { refreshRegisterChecksFor } from "./register-check-store.ts";
import { refreshInherentRisk } from "./vendor-risk-refresh.ts";

/**
 * Writes a planned import with its audit events, then recomputes the tier (and the stored register checks) of
 * every existing vendor it changed, and stores the checks of the vendors it created (their tier was planned).
 * `ctx.db` must be the import's transaction.
 */
export async function writeImportPlan(ctx: ServiceContext, plan: ImportPlan, now: Date): Promise<void> {
  const trx = ctx.db;
  for (const part of chunks(plan.vendors, 300)) await trx.insertInto("vendors").values(part).execute();
  for (const part of chunks(plan.contacts, 1000))
    await trx.insertInto("vendor_contacts").values(part).execute();
  for (const part of chunks(plan.records, 500))
    await trx.insertInto("processing_records").values(part).execute();
  for (const update of plan.updates) await update(trx);
  for (const part of chunks(plan.categories, 2000))
    await trx.insertInto("processing_categories").values(part).execute();
  const audit = auditContext(ctx, now);
  // One event per change, as the API writes them, appended to the chain in one batch.
  await recordAuditBatch(trx, audit, plan.audits);
  for (const vendorId of plan.refresh) await refreshInherentRisk(trx, ctx, vendorId, "CSV import");
  await refreshRegisterChecksFor(
    trx,
    plan.vendors.map((v) => v.id),
  );
}
