/*
 * Inherent risk: how much could go wrong with a vendor before we know anything about its security. A pure
 * function of the register; docs/risk-tier.md explains the same rule for readers of the README.
 *
 * Points (each factor counted once per vendor, across all its data-sharing records):
 *   data        any personal data +5, financial +10, government identifiers +10,
 *               special categories (Art. 9) +25, criminal offence data (Art. 10) +25, children +20
 *   people      largest record's subjectCount: under 1,000: 0 | 1,000+: 5 | 10,000+: 10 | 100,000+: 20 |
 *               1,000,000+: 30
 *   access      strongest on any record: stores 15 | remote_access 10 | processes_only 5 | no_access 0
 *   business    criticality low 0 | medium 5 | high 15 | critical 25
 *   transfers   restricted transfer under a valid safeguard +5; transfer without a valid safeguard +20
 *               (vendor locations and sub-processors alike)
 * Tier from points: 0-19 low | 20-39 medium | 40-59 high | 60+ critical.
 * Floors (the tier is never below them):
 *   special category or criminal data on a record about 1,000+ people: high; on smaller records: medium
 *   data about children: medium
 *   a transfer without a valid safeguard: medium
 *   business criticality critical: high; high: medium
 * From the tier: critical and high get the vendor-security-baseline questionnaire, medium and low the
 * vendor-security-essentials one; every vendor that can reach personal data also gets
 * gdpr-processor-due-diligence (Art. 28(1) asks us to check a processor's guarantees). Reassess after
 * critical 6, high 12, medium 24, low 36 months.
 */
import { countryName } from "./countries.ts";
import type { ProcessingRecord, RegisterVendor } from "./register-model.ts";
import {
  type Access,
  type BusinessCriticality,
  type DataCategory,
  isCriminalCategory,
  isSpecialCategory,
  RiskTier,
} from "./register-vocabulary.ts";
import { assessTransfer, type TransferAssessment } from "./transfer-assessment.ts";

export const RISK_POINTS = {
  personalData: 5,
  financial: 10,
  governmentId: 10,
  specialCategory: 25,
  criminal: 25,
  children: 20,
  safeguardedTransfer: 5,
  unsafeguardedTransfer: 20,
} as const;

/** Lower bounds of the data-subject bands, largest first. */
export const SUBJECT_BANDS: readonly { atLeast: number; points: number }[] = [
  { atLeast: 1_000_000, points: 30 },
  { atLeast: 100_000, points: 20 },
  { atLeast: 10_000, points: 10 },
  { atLeast: 1_000, points: 5 },
  { atLeast: 0, points: 0 },
];

export const ACCESS_POINTS: Record<Access, number> = {
  stores: 15,
  remote_access: 10,
  processes_only: 5,
  no_access: 0,
};
export const CRITICALITY_POINTS: Record<BusinessCriticality, number> = {
  low: 0,
  medium: 5,
  high: 15,
  critical: 25,
};
/** The lowest points total for each tier. */
export const TIER_THRESHOLDS: Record<RiskTier, number> = { low: 0, medium: 20, high: 40, critical: 60 };
export const REASSESSMENT_MONTHS: Record<RiskTier, number> = { critical: 6, high: 12, medium: 24, low: 36 };
/** Sensitive data about at least this many people sets the floor at high. */
export const SENSITIVE_AT_SCALE = 1_000;

export type RiskFactor =
  | "no_personal_data"
  | "data_category"
  | "data_subjects"
  | "subject_count"
  | "access"
  | "business_criticality"
  | "transfer"
  | "floor";

export interface RiskReason {
  factor: RiskFactor;
  text: string;
  points: number;
}

export type SecurityQuestionnaire = "vendor-security-baseline" | "vendor-security-essentials";

export interface InherentRisk {
  tier: RiskTier;
  points: number;
  reasons: RiskReason[];
  recommendedQuestionnaire: SecurityQuestionnaire;
  additionalQuestionnaires: string[];
  reassessmentMonths: number;
}

const accessText: Record<Access, string> = {
  stores: "stores the data",
  remote_access: "has remote access to systems holding the data",
  processes_only: "processes the data without storing it",
  no_access: "has no access to the data",
};

/** 0 for low up to 3 for critical. */
export function tierRank(tier: RiskTier): number {
  return RiskTier.options.indexOf(tier);
}

/** Negative when `a` is the lower tier, positive when higher, 0 when equal (usable with Array.sort). */
export function compareTiers(a: RiskTier, b: RiskTier): number {
  return tierRank(a) - tierRank(b);
}

export function maxTier(a: RiskTier, b: RiskTier): RiskTier {
  return compareTiers(a, b) >= 0 ? a : b;
}

export function tierForPoints(points: number): RiskTier {
  if (points >= TIER_THRESHOLDS.critical) return "critical";
  if (points >= TIER_THRESHOLDS.high) return "high";
  if (points >= TIER_THRESHOLDS.medium) return "medium";
  return "low";
}

/** The vendor's inherent risk tier with every reason in words (see the rule at the top of this file). */
export function computeInherentRisk(vendor: RegisterVendor): InherentRisk {
  const reasons: RiskReason[] = [];
  const floors: { tier: RiskTier; text: string }[] = [];

  if (vendor.processing.length === 0) {
    reasons.push({ factor: "no_personal_data", text: "no personal data recorded", points: 0 });
  } else {
    reasons.push(...dataReasons(vendor.processing), subjectCountReason(vendor.processing));
    reasons.push(accessReason(vendor.processing));
    floors.push(...sensitiveFloors(vendor.processing));
  }

  const criticality = vendor.businessCriticality;
  reasons.push({
    factor: "business_criticality",
    text: `business criticality: ${criticality}`,
    points: CRITICALITY_POINTS[criticality],
  });
  if (criticality === "critical") floors.push({ tier: "high", text: "critical to the business" });
  if (criticality === "high") floors.push({ tier: "medium", text: "highly important to the business" });

  const transfers = transferAssessments(vendor);
  reasons.push(...transferReasons(transfers));
  if (transfers.some((t) => !t.sufficient)) {
    floors.push({ tier: "medium", text: "a transfer without a safeguard" });
  }

  const points = reasons.reduce((sum, r) => sum + r.points, 0);
  const pointsTier = tierForPoints(points);
  const tier = floors.map((f) => f.tier).reduce(maxTier, pointsTier);
  if (compareTiers(tier, pointsTier) > 0) {
    for (const floor of floors.filter((f) => f.tier === tier)) {
      reasons.push({ factor: "floor", text: `${floor.text}: at least ${floor.tier}`, points: 0 });
    }
  }

  const reachesData = vendor.processing.some((r) => r.access !== "no_access");
  return {
    tier,
    points,
    reasons,
    recommendedQuestionnaire:
      tierRank(tier) >= tierRank("high") ? "vendor-security-baseline" : "vendor-security-essentials",
    additionalQuestionnaires: reachesData ? ["gdpr-processor-due-diligence"] : [],
    reassessmentMonths: REASSESSMENT_MONTHS[tier],
  };
}

function dataReasons(records: readonly ProcessingRecord[]): RiskReason[] {
  const categories = new Set<DataCategory>(records.flatMap((r) => r.dataCategories));
  const all = [...categories];
  const ordinary = all.filter((c) => !isSpecialCategory(c) && !isCriminalCategory(c));
  const text = ordinary.length > 0 ? `personal data: ${ordinary.join(", ")}` : "personal data";
  const reasons: RiskReason[] = [{ factor: "data_category", text, points: RISK_POINTS.personalData }];
  if (categories.has("financial")) {
    reasons.push({ factor: "data_category", text: "financial data", points: RISK_POINTS.financial });
  }
  if (categories.has("government_id")) {
    reasons.push({
      factor: "data_category",
      text: "government identifiers",
      points: RISK_POINTS.governmentId,
    });
  }
  const special = all.filter(isSpecialCategory);
  if (special.length > 0) {
    const text = `special category data: ${special.join(", ")}`;
    reasons.push({ factor: "data_category", text, points: RISK_POINTS.specialCategory });
  }
  if (all.some(isCriminalCategory)) {
    reasons.push({ factor: "data_category", text: "criminal offence data", points: RISK_POINTS.criminal });
  }
  if (records.some(aboutChildren)) {
    reasons.push({ factor: "data_subjects", text: "data about children", points: RISK_POINTS.children });
  }
  return reasons;
}

function aboutChildren(record: ProcessingRecord): boolean {
  return record.dataSubjects.some((s) => s.trim().toLowerCase() === "children");
}

function subjectCountReason(records: readonly ProcessingRecord[]): RiskReason {
  const largest = Math.max(...records.map((r) => r.subjectCount));
  const band = SUBJECT_BANDS.find((b) => largest >= b.atLeast);
  const people = largest === 1 ? "1 data subject" : `${formatCount(largest)} data subjects`;
  return { factor: "subject_count", text: people, points: band?.points ?? 0 };
}

function accessReason(records: readonly ProcessingRecord[]): RiskReason {
  const strongest = records
    .map((r) => r.access)
    .reduce((a, b) => (ACCESS_POINTS[b] > ACCESS_POINTS[a] ? b : a));
  return { factor: "access", text: `vendor ${accessText[strongest]}`, points: ACCESS_POINTS[strongest] };
}

function sensitiveFloors(records: readonly ProcessingRecord[]): { tier: RiskTier; text: string }[] {
  const floors: { tier: RiskTier; text: string }[] = [];
  const art9or10 = records.filter((r) =>
    r.dataCategories.some((c) => isSpecialCategory(c) || isCriminalCategory(c)),
  );
  if (art9or10.length > 0) {
    const largest = Math.max(...art9or10.map((r) => r.subjectCount));
    floors.push(
      largest >= SENSITIVE_AT_SCALE
        ? { tier: "high", text: `special category or criminal data about ${formatCount(largest)} people` }
        : { tier: "medium", text: "special category or criminal data" },
    );
  }
  // Children merit specific protection (GDPR Recital 38).
  if (records.some(aboutChildren)) floors.push({ tier: "medium", text: "data about children" });
  return floors;
}

function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

function transferAssessments(vendor: RegisterVendor): TransferAssessment[] {
  const fromRecords = vendor.processing.flatMap((record) =>
    record.locations.map((location) =>
      assessTransfer({
        ...location,
        dpfCertified: vendor.dpfCertified,
        canadaCommercial: vendor.canadaCommercial,
        frequency: record.frequency,
      }),
    ),
  );
  const fromSubprocessors = vendor.subprocessors.map((sub) => assessTransfer(sub));
  return [...fromRecords, ...fromSubprocessors];
}

function transferReasons(transfers: readonly TransferAssessment[]): RiskReason[] {
  const reasons: RiskReason[] = [];
  const unsafe = uniqueCountries(transfers.filter((t) => !t.sufficient));
  const restricted = uniqueCountries(transfers.filter((t) => t.status === "restricted" && t.sufficient));
  if (restricted.length > 0) {
    reasons.push({
      factor: "transfer",
      text: `restricted transfer to ${restricted.join(", ")} under a safeguard`,
      points: RISK_POINTS.safeguardedTransfer,
    });
  }
  if (unsafe.length > 0) {
    reasons.push({
      factor: "transfer",
      text: `transfer to ${unsafe.join(", ")} without a safeguard`,
      points: RISK_POINTS.unsafeguardedTransfer,
    });
  }
  return reasons;
}

function uniqueCountries(transfers: readonly TransferAssessment[]): string[] {
  return [...new Set(transfers.map((t) => `${countryName(t.country)} (${t.country})`))];
}
