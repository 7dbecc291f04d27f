import { recordAudit } from "../audit/audit-write.ts";
import type { VendorRow } from "../db/schema.ts";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { computeInherentRisk } from "./risk-tier.ts";
import { toDpaPartyColumns } from "./vendor-mappers.ts";
import { findVendor, nameKey } from "./vendor-queries.ts";
import { refreshInherentRisk } from "./vendor-risk-refresh.ts";
import { auditedVendor, contactCreated, newContactRow, newVendorRow } from "./vendor-rows.ts";
import type {
  ChangeStatus,
  ContactInput,
  CreateVendor,
  UpdateVendor,
  VendorStatus,
} from "./vendor-schemas.ts";

/** The lifecycle: which status may follow which. */
export const STATUS_TRANSITIONS: Record<VendorStatus, readonly VendorStatus[]> = {
  intake: ["under_review", "rejected"],
  under_review: ["approved", "rejected", "intake"],
  approved: ["under_review", "offboarding"],
  rejected: ["under_review"],
  offboarding: ["offboarded", "approved"],
  offboarded: [],
};

export async function createVendor(ctx: ServiceContext, input: CreateVendor): Promise<VendorRow> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const iso = now.toISOString();
    const base = {
      name: input.name,
      country: input.country,
      businessCriticality: input.businessCriticality,
      dpfCertified: input.dpfCertified ?? false,
      canadaCommercial: input.canadaCommercial ?? false,
      contacts: [],
      processing: [],
      subprocessors: [],
    };
    const tier = computeInherentRisk(base).tier;
    const row = newVendorRow({
      id: ctx.newId(),
      name: input.name,
      legal_name: input.legalName ?? null,
      registered_address: input.registeredAddress ?? null,
      country: input.country,
      website: input.website ?? null,
      service_description: input.serviceDescription ?? null,
      business_owner: input.businessOwner ?? null,
      business_criticality: input.businessCriticality,
      dpf_certified: input.dpfCertified ? 1 : 0,
      canada_commercial: input.canadaCommercial ? 1 : 0,
      ccpa_service_provider: input.ccpaServiceProvider ? 1 : 0,
      computed_tier: tier,
      tier,
      created_at: iso,
      ...toDpaPartyColumns(input),
    });
    await trx.insertInto("vendors").values(row).execute();
    await recordAudit(trx, auditContext(ctx, now), {
      action: "vendor.create",
      entityType: "vendor",
      entityId: row.id,
      after: auditedVendor(row),
    });
    for (const contact of input.contacts ?? []) await insertContact(ctx, trx, row.id, contact, now);
    await refreshInherentRisk(trx, ctx, row.id, "vendor created");
    return (await findVendor(trx, row.id)) as VendorRow;
  });
}

export async function updateVendor(ctx: ServiceContext, id: string, input: UpdateVendor): Promise<VendorRow> {
  return inTransaction(ctx.db, async (trx) => {
    const before = await findVendor(trx, id);
    if (!before) throw new NotFoundError("Vendor");
    const now = ctx.clock.now();
    const patch: Partial<VendorRow> = {
      ...(input.name !== undefined ? { name: input.name, name_key: nameKey(input.name) } : {}),
      ...(input.legalName !== undefined ? { legal_name: input.legalName } : {}),
      ...(input.registeredAddress !== undefined ? { registered_address: input.registeredAddress } : {}),
      ...(input.country !== undefined ? { country: input.country } : {}),
      ...(input.website !== undefined ? { website: input.website } : {}),
      ...(input.serviceDescription !== undefined ? { service_description: input.serviceDescription } : {}),
      ...(input.businessOwner !== undefined ? { business_owner: input.businessOwner } : {}),
      ...(input.businessCriticality !== undefined ? { business_criticality: input.businessCriticality } : {}),
      ...(input.dpfCertified !== undefined ? { dpf_certified: input.dpfCertified ? 1 : 0 } : {}),
      ...(input.canadaCommercial !== undefined ? { canada_commercial: input.canadaCommercial ? 1 : 0 } : {}),
      ...(input.ccpaServiceProvider !== undefined
        ? { ccpa_service_provider: input.ccpaServiceProvider ? 1 : 0 }
        : {}),
      ...toDpaPartyColumns(input),
    };
    await trx
      .updateTable("vendors")
      .set({ ...patch, updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, auditContext(ctx, now), {
      action: "vendor.update",
      entityType: "vendor",
      entityId: id,
      before: auditedVendor(before),
      after: auditedVendor({ ...before, ...patch }),
    });
    await refreshInherentRisk(trx, ctx, id, "vendor details changed");
    return (await findVendor(trx, id)) as VendorRow;
  });
}

/** Moves a vendor along its lifecycle; offboarding needs the Art. 28(3)(g) confirmation of return or deletion. */
export async function changeVendorStatus(
  ctx: ServiceContext,
  id: string,
  input: ChangeStatus,
): Promise<VendorRow> {
  return inTransaction(ctx.db, async (trx) => {
    const before = await findVendor(trx, id);
    if (!before) throw new NotFoundError("Vendor");
    if (before.status === input.status) return before;
    const allowed = STATUS_TRANSITIONS[before.status];
    if (!allowed.includes(input.status)) {
      throw new ConflictError(`A vendor cannot go from ${before.status} to ${input.status}`, { allowed });
    }
    if (input.status === "offboarded" && !input.offboarding) {
      throw new ValidationError("Confirm that the vendor returned or deleted the data (GDPR Art. 28(3)(g))", [
        { path: "offboarding", message: "required to mark a vendor offboarded" },
      ]);
    }
    const now = ctx.clock.now();
    const patch: Partial<VendorRow> = {
      status: input.status,
      ...(input.status === "offboarded" && input.offboarding
        ? {
            offboarding_data_disposition: input.offboarding.disposition,
            offboarding_confirmed_on: input.offboarding.confirmedOn,
            offboarding_evidence: input.offboarding.evidence,
          }
        : {}),
    };
    await trx
      .updateTable("vendors")
      .set({ ...patch, updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, auditContext(ctx, now), {
      action: "vendor.status_change",
      entityType: "vendor",
      entityId: id,
      before: { status: before.status },
      after: { ...patch, ...(input.note ? { note: input.note } : {}) },
    });
    return (await findVendor(trx, id)) as VendorRow;
  });
}

async function insertContact(
  ctx: ServiceContext,
  trx: ServiceContext["db"],
  vendorId: string,
  input: ContactInput,
  now: Date,
) {
  const row = newContactRow(ctx.newId(), vendorId, input, now.toISOString());
  await trx.insertInto("vendor_contacts").values(row).execute();
  await recordAudit(trx, auditContext(ctx, now), contactCreated(row));
  return row;
}

export async function addContact(ctx: ServiceContext, vendorId: string, input: ContactInput) {
  return inTransaction(ctx.db, async (trx) => {
    if (!(await findVendor(trx, vendorId))) throw new NotFoundError("Vendor");
    const row = await insertContact(ctx, trx, vendorId, input, ctx.clock.now());
    await refreshInherentRisk(trx, ctx, vendorId, "contact added");
    return row;
  });
}

export async function removeContact(ctx: ServiceContext, vendorId: string, contactId: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .selectFrom("vendor_contacts")
      .selectAll()
      .where("id", "=", contactId)
      .where("vendor_id", "=", vendorId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError("Contact");
    await trx.deleteFrom("vendor_contacts").where("id", "=", contactId).execute();
    const now = ctx.clock.now();
    await recordAudit(trx, auditContext(ctx, now), {
      action: "vendor_contact.delete",
      entityType: "vendor_contact",
      entityId: contactId,
      before: { vendor_id: vendorId, name: row.name, email: row.email, role: row.role },
    });
    await refreshInherentRisk(trx, ctx, vendorId, "contact removed");
  });
}
