import type { Db } from "../db/connection.ts";
import { checkRegister, type RegisterCheck, summariseChecks } from "./register-checks.ts";
import { computeInherentRisk } from "./risk-tier.ts";
import {
  toContact,
  toDpaPartyFields,
  toProcessingRecord,
  toRegisterVendor,
  toSubprocessor,
  toVendorDecisionRef,
  toVendorSummary,
  type VendorRegisterRows,
} from "./vendor-mappers.ts";
import { findVendorDecision, listTierHistory } from "./vendor-queries.ts";
import { loadRegisterRows } from "./vendor-risk-refresh.ts";

/** Inherent risk as stored and as computed now, with the register checks and the tier history. */
export async function getVendorRisk(db: Db, vendorId: string, loaded?: VendorRegisterRows) {
  const rows = loaded ?? (await loadRegisterRows(db, vendorId));
  const model = toRegisterVendor(rows);
  const risk = computeInherentRisk(model);
  const checks: RegisterCheck[] = checkRegister(model);
  const { vendor } = rows;
  const history = await listTierHistory(db, vendorId);
  const decision = await findVendorDecision(db, vendorId, vendor.last_decision_id);
  return {
    vendorId,
    tier: vendor.tier,
    computedTier: risk.tier,
    override: vendor.tier_override
      ? { tier: vendor.tier_override, reason: vendor.tier_override_reason ?? "" }
      : null,
    points: risk.points,
    reasons: risk.reasons,
    recommendedQuestionnaire: risk.recommendedQuestionnaire,
    additionalQuestionnaires: risk.additionalQuestionnaires,
    reassessmentMonths: risk.reassessmentMonths,
    needsReassessment: vendor.needs_reassessment === 1,
    residualRating: vendor.residual_rating,
    nextReviewDate: vendor.next_review_date,
    latestDecision: decision ? toVendorDecisionRef(decision) : null,
    checks,
    checkSummary: summariseChecks(checks),
    history: history.map((h) => ({
      at: h.at,
      tier: h.tier,
      previousTier: h.previous_tier,
      computedTier: h.computed_tier,
      overrideTier: h.override_tier,
      reason: h.reason,
      by: h.actor_label,
    })),
  };
}
export type VendorRisk = Awaited<ReturnType<typeof getVendorRisk>>;

/** One vendor with everything the register knows about it. */
export async function getVendorDetail(db: Db, vendorId: string) {
  const rows = await loadRegisterRows(db, vendorId);
  const { vendor } = rows;
  return {
    ...toVendorSummary(vendor),
    registeredAddress: vendor.registered_address,
    website: vendor.website,
    serviceDescription: vendor.service_description,
    businessOwner: vendor.business_owner,
    dpfCertified: vendor.dpf_certified === 1,
    canadaCommercial: vendor.canada_commercial === 1,
    ccpaServiceProvider: vendor.ccpa_service_provider === 1,
    ...toDpaPartyFields(vendor),
    offboarding: vendor.offboarding_data_disposition
      ? {
          disposition: vendor.offboarding_data_disposition,
          confirmedOn: vendor.offboarding_confirmed_on,
          evidence: vendor.offboarding_evidence,
        }
      : null,
    contacts: rows.contacts.map(toContact),
    processing: rows.processing.map(toProcessingRecord),
    subprocessors: rows.subprocessors.map(toSubprocessor),
    risk: await getVendorRisk(db, vendorId, rows),
  };
}
export type VendorDetail = Awaited<ReturnType<typeof getVendorDetail>>;
