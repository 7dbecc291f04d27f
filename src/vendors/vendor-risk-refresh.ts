import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import { NotFoundError } from "../shared/errors.ts";
import { auditContext, type ServiceContext } from "../shared/service-context.ts";
import { refreshRegisterChecks } from "./register-check-store.ts";
import type { RiskTier } from "./register-vocabulary.ts";
import { computeInherentRisk, type InherentRisk, tierRank } from "./risk-tier.ts";
import { toRegisterVendor, type VendorRegisterRows } from "./vendor-mappers.ts";
import { findVendor, listContacts, listProcessing, listSubprocessors } from "./vendor-queries.ts";

export async function loadRegisterRows(db: Db, vendorId: string): Promise<VendorRegisterRows> {
  const vendor = await findVendor(db, vendorId);
  if (!vendor) throw new NotFoundError("Vendor");
  const [contacts, processing, subprocessors] = await Promise.all([
    listContacts(db, vendorId),
    listProcessing(db, vendorId),
    listSubprocessors(db, vendorId),
  ]);
  return { vendor, contacts, processing, subprocessors };
}

/**
 * Recomputes the inherent tier and the stored register checks after a register change (inside the caller's
 * transaction). A tier change is kept as history and audited; a rise marks the vendor for reassessment.
 */
export async function refreshInherentRisk(
  trx: Db,
  ctx: ServiceContext,
  vendorId: string,
  cause: string,
  override?: { tier: RiskTier | null; reason: string },
): Promise<InherentRisk> {
  const rows = await loadRegisterRows(trx, vendorId);
  // Before the early return below: a change can alter the checks without moving the tier.
  await refreshRegisterChecks(trx, vendorId, rows);
  const risk = computeInherentRisk(toRegisterVendor(rows));
  const { vendor } = rows;
  const overrideTier = override ? override.tier : vendor.tier_override;
  const tier = overrideTier ?? risk.tier;
  const changed =
    risk.tier !== vendor.computed_tier || tier !== vendor.tier || overrideTier !== vendor.tier_override;
  if (!changed) return risk;

  const now = ctx.clock.now();
  const rises = tierRank(tier) > tierRank(vendor.tier);
  await trx
    .updateTable("vendors")
    .set({
      computed_tier: risk.tier,
      tier,
      tier_override: overrideTier,
      tier_override_reason: override ? (override.tier ? override.reason : null) : vendor.tier_override_reason,
      // A vendor still in intake gets its first assessment anyway; flag only those already assessed or in review.
      needs_reassessment: rises && vendor.status !== "intake" ? 1 : vendor.needs_reassessment,
      updated_at: now.toISOString(),
    })
    .where("id", "=", vendorId)
    .execute();
  await trx
    .insertInto("vendor_tier_history")
    .values({
      id: ctx.newId(),
      vendor_id: vendorId,
      at: now.toISOString(),
      computed_tier: risk.tier,
      override_tier: overrideTier,
      tier,
      previous_tier: vendor.tier,
      reason: override ? `override: ${override.reason}` : cause,
      actor_label: ctx.actor.label,
    })
    .execute();
  await recordAudit(trx, auditContext(ctx, now), {
    action: override ? "vendor.tier_override" : "vendor.tier_change",
    entityType: "vendor",
    entityId: vendorId,
    before: { tier: vendor.tier, computed_tier: vendor.computed_tier, tier_override: vendor.tier_override },
    after: { tier, computed_tier: risk.tier, tier_override: overrideTier },
  });
  return risk;
}
