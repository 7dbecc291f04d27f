import type { z } from "@hono/zod-openapi";
import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { ProcessingRecordRow, SubprocessorRow } from "../db/schema.ts";
import { NotFoundError, ValidationError } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import {
  ProcessingRecordFields,
  refineProcessingRecord,
  refineSccModule,
  SubprocessorFields,
} from "./register-model.ts";
import type { InherentRisk } from "./risk-tier.ts";
import { toProcessingRecord, toSubprocessor } from "./vendor-mappers.ts";
import { findProcessingRecord, findSubprocessor, findVendor } from "./vendor-queries.ts";
import { refreshInherentRisk } from "./vendor-risk-refresh.ts";
import type { TierOverride } from "./vendor-schemas.ts";

export const ProcessingInput = ProcessingRecordFields.omit({ id: true })
  .superRefine(refineProcessingRecord)
  .openapi("ProcessingInput");
export type ProcessingInput = z.infer<typeof ProcessingInput>;

export const SubprocessorInput = SubprocessorFields.omit({ id: true })
  .superRefine(refineSccModule)
  .openapi("SubprocessorInput");
export type SubprocessorInput = z.infer<typeof SubprocessorInput>;

/** The stored row for a data-sharing record (shared with the CSV import). */
export function processingRow(
  vendorId: string,
  input: ProcessingInput,
  id: string,
  createdAt: string,
  now: string,
): ProcessingRecordRow {
  return {
    id,
    vendor_id: vendorId,
    purpose: input.purpose,
    legal_basis: input.legalBasis,
    data_categories: JSON.stringify(input.dataCategories),
    art9_condition: input.art9Condition ?? null,
    art10_basis: input.art10Basis ?? null,
    data_subjects: JSON.stringify(input.dataSubjects),
    subject_count: input.subjectCount,
    retention: input.retention ?? null,
    frequency: input.frequency,
    access: input.access,
    locations: JSON.stringify(input.locations),
    created_at: createdAt,
    updated_at: now,
  };
}

async function writeCategories(trx: Db, row: ProcessingRecordRow): Promise<void> {
  await trx.deleteFrom("processing_categories").where("processing_id", "=", row.id).execute();
  const categories = JSON.parse(row.data_categories) as string[];
  if (categories.length === 0) return;
  await trx
    .insertInto("processing_categories")
    .values(categories.map((category) => ({ processing_id: row.id, vendor_id: row.vendor_id, category })))
    .execute();
}

/** A record's fields as the audit trail shows them. */
export function auditedRecord(row: ProcessingRecordRow): Record<string, unknown> {
  const { id: _i, createdAt: _c, updatedAt: _u, ...fields } = toProcessingRecord(row);
  return { vendor_id: row.vendor_id, ...fields };
}

/** Records personal data shared with a vendor, then recomputes its inherent tier, in one transaction. */
export async function addProcessingRecord(ctx: ServiceContext, vendorId: string, input: ProcessingInput) {
  return inTransaction(ctx.db, async (trx) => {
    if (!(await findVendor(trx, vendorId))) throw new NotFoundError("Vendor");
    const now = ctx.clock.now().toISOString();
    const row = processingRow(vendorId, input, ctx.newId(), now, now);
    await trx.insertInto("processing_records").values(row).execute();
    await writeCategories(trx, row);
    await recordAudit(trx, auditContext(ctx, ctx.clock.now()), {
      action: "processing.create",
      entityType: "processing_record",
      entityId: row.id,
      after: auditedRecord(row),
    });
    const risk = await refreshInherentRisk(trx, ctx, vendorId, "data-sharing record added");
    return { record: toProcessingRecord(row), risk };
  });
}

export async function updateProcessingRecord(
  ctx: ServiceContext,
  vendorId: string,
  recordId: string,
  input: ProcessingInput,
) {
  return inTransaction(ctx.db, async (trx) => {
    const before = await findProcessingRecord(trx, vendorId, recordId);
    if (!before) throw new NotFoundError("Data-sharing record");
    const row = processingRow(vendorId, input, recordId, before.created_at, ctx.clock.now().toISOString());
    await trx.updateTable("processing_records").set(row).where("id", "=", recordId).execute();
    await writeCategories(trx, row);
    await recordAudit(trx, auditContext(ctx, ctx.clock.now()), {
      action: "processing.update",
      entityType: "processing_record",
      entityId: recordId,
      before: auditedRecord(before),
      after: auditedRecord(row),
    });
    const risk = await refreshInherentRisk(trx, ctx, vendorId, "data-sharing record changed");
    return { record: toProcessingRecord(row), risk };
  });
}

export async function deleteProcessingRecord(
  ctx: ServiceContext,
  vendorId: string,
  recordId: string,
): Promise<InherentRisk> {
  return inTransaction(ctx.db, async (trx) => {
    const before = await findProcessingRecord(trx, vendorId, recordId);
    if (!before) throw new NotFoundError("Data-sharing record");
    // Sub-processors keep their other links; a dangling id would point at nothing.
    const subs = await trx
      .selectFrom("subprocessors")
      .selectAll()
      .where("vendor_id", "=", vendorId)
      .execute();
    for (const sub of subs) {
      const ids = JSON.parse(sub.processing_ids) as string[];
      if (ids.includes(recordId)) {
        await trx
          .updateTable("subprocessors")
          .set({ processing_ids: JSON.stringify(ids.filter((i) => i !== recordId)) })
          .where("id", "=", sub.id)
          .execute();
      }
    }
    await trx.deleteFrom("processing_records").where("id", "=", recordId).execute();
    await recordAudit(trx, auditContext(ctx, ctx.clock.now()), {
      action: "processing.delete",
      entityType: "processing_record",
      entityId: recordId,
      before: auditedRecord(before),
    });
    return refreshInherentRisk(trx, ctx, vendorId, "data-sharing record removed");
  });
}

async function checkProcessingIds(trx: Db, vendorId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set(
    (
      await trx
        .selectFrom("processing_records")
        .select("id")
        .where("vendor_id", "=", vendorId)
        .where("id", "in", ids)
        .execute()
    ).map((r) => r.id),
  );
  const issues = ids.flatMap((id, i) =>
    found.has(id)
      ? []
      : [{ path: `processingIds[${i}]`, message: `no data-sharing record ${id} on this vendor` }],
  );
  if (issues.length > 0)
    throw new ValidationError("The sub-processor points at unknown data-sharing records", issues);
}

function subprocessorRow(
  ctx: ServiceContext,
  vendorId: string,
  input: SubprocessorInput,
  id: string,
  createdAt: string,
): SubprocessorRow {
  const today = ctx.clock.now().toISOString().slice(0, 10);
  return {
    id,
    vendor_id: vendorId,
    name: input.name,
    service: input.service,
    country: input.country,
    mechanism: input.mechanism,
    scc_module: input.sccModule ?? null,
    dpf_certified: input.dpfCertified ? 1 : 0,
    canada_commercial: input.canadaCommercial ? 1 : 0,
    processing_ids: JSON.stringify(input.processingIds),
    added_on: input.addedOn ?? today,
    created_at: createdAt,
  };
}

export async function addSubprocessor(ctx: ServiceContext, vendorId: string, input: SubprocessorInput) {
  return inTransaction(ctx.db, async (trx) => {
    if (!(await findVendor(trx, vendorId))) throw new NotFoundError("Vendor");
    await checkProcessingIds(trx, vendorId, input.processingIds);
    const row = subprocessorRow(ctx, vendorId, input, ctx.newId(), ctx.clock.now().toISOString());
    await trx.insertInto("subprocessors").values(row).execute();
    const { id: _id, ...after } = toSubprocessor(row);
    await recordAudit(trx, auditContext(ctx, ctx.clock.now()), {
      action: "subprocessor.create",
      entityType: "subprocessor",
      entityId: row.id,
      after: { vendor_id: vendorId, ...after },
    });
    const risk = await refreshInherentRisk(trx, ctx, vendorId, `sub-processor ${row.name} added`);
    return { subprocessor: toSubprocessor(row), risk };
  });
}

export async function deleteSubprocessor(
  ctx: ServiceContext,
  vendorId: string,
  subId: string,
): Promise<InherentRisk> {
  return inTransaction(ctx.db, async (trx) => {
    const before = await findSubprocessor(trx, vendorId, subId);
    if (!before) throw new NotFoundError("Sub-processor");
    await trx.deleteFrom("subprocessors").where("id", "=", subId).execute();
    const { id: _id, ...fields } = toSubprocessor(before);
    await recordAudit(trx, auditContext(ctx, ctx.clock.now()), {
      action: "subprocessor.delete",
      entityType: "subprocessor",
      entityId: subId,
      before: { vendor_id: vendorId, ...fields },
    });
    return refreshInherentRisk(trx, ctx, vendorId, `sub-processor ${before.name} removed`);
  });
}

/** A privacy or admin user sets (or clears) the tier by hand, with a written reason kept in the history. */
export async function overrideTier(
  ctx: ServiceContext,
  vendorId: string,
  input: TierOverride,
): Promise<InherentRisk> {
  return inTransaction(ctx.db, async (trx) => {
    if (!(await findVendor(trx, vendorId))) throw new NotFoundError("Vendor");
    return refreshInherentRisk(trx, ctx, vendorId, "override", { tier: input.tier, reason: input.reason });
  });
}
