import type {
  ProcessingRecordRow,
  SubprocessorRow,
  VendorContactRow,
  VendorDecisionRow,
  VendorRow,
} from "../db/schema.ts";
import type { ProcessingRecord, RegisterVendor, Subprocessor, TransferLocation } from "./register-model.ts";
import type {
  Art9Condition,
  DataCategory,
  LegalBasis,
  SccModule,
  TransferMechanism,
} from "./register-vocabulary.ts";
import type { DpaPartyFields, VendorDecisionRef, VendorSummary } from "./vendor-schemas.ts";

export interface VendorRegisterRows {
  vendor: VendorRow;
  contacts: VendorContactRow[];
  processing: ProcessingRecordRow[];
  subprocessors: SubprocessorRow[];
}

export function toVendorSummary(row: VendorRow): VendorSummary {
  return {
    id: row.id,
    name: row.name,
    legalName: row.legal_name,
    country: row.country,
    status: row.status,
    businessCriticality: row.business_criticality,
    tier: row.tier,
    computedTier: row.computed_tier,
    tierOverridden: row.tier_override !== null,
    needsReassessment: row.needs_reassessment === 1,
    residualRating: row.residual_rating,
    nextReviewDate: row.next_review_date,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type DpaPartyColumn = "dpo_name" | "dpo_email" | "eu_representative" | "signatory_name" | "signatory_title";

const DPA_PARTY_COLUMNS: Record<keyof DpaPartyFields, DpaPartyColumn> = {
  dpoName: "dpo_name",
  dpoEmail: "dpo_email",
  euRepresentative: "eu_representative",
  signatoryName: "signatory_name",
  signatoryTitle: "signatory_title",
};

/** The vendor's DPO, representative and signatory as the API shows them. */
export function toDpaPartyFields(row: VendorRow): Required<{ [K in keyof DpaPartyFields]: string | null }> {
  return {
    dpoName: row.dpo_name,
    dpoEmail: row.dpo_email,
    euRepresentative: row.eu_representative,
    signatoryName: row.signatory_name,
    signatoryTitle: row.signatory_title,
  };
}

/** The columns an input sets: only the fields it carries, with an empty text stored as null. */
export function toDpaPartyColumns(input: DpaPartyFields): Partial<Pick<VendorRow, DpaPartyColumn>> {
  const out: Partial<Pick<VendorRow, DpaPartyColumn>> = {};
  for (const [field, column] of Object.entries(DPA_PARTY_COLUMNS) as [
    keyof DpaPartyFields,
    DpaPartyColumn,
  ][]) {
    const value = input[field];
    if (value !== undefined) out[column] = value === "" ? null : value;
  }
  return out;
}

export function toVendorDecisionRef(row: VendorDecisionRow): VendorDecisionRef {
  return {
    id: row.id,
    assessmentId: row.assessment_id,
    decision: row.decision,
    reason: row.reason,
    conditions: row.conditions,
    score: row.score,
    residualRating: row.residual_rating,
    nextReviewDate: row.next_review_date,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}

export function toContact(row: VendorContactRow) {
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}

/** A stored data-sharing record as the API and the rules see it. */
export function toProcessingRecord(
  row: ProcessingRecordRow,
): ProcessingRecord & { createdAt: string; updatedAt: string } {
  return {
    id: row.id,
    purpose: row.purpose,
    legalBasis: row.legal_basis as LegalBasis,
    dataCategories: JSON.parse(row.data_categories) as DataCategory[],
    ...(row.art9_condition ? { art9Condition: row.art9_condition as Art9Condition } : {}),
    ...(row.art10_basis ? { art10Basis: row.art10_basis } : {}),
    dataSubjects: JSON.parse(row.data_subjects) as string[],
    subjectCount: row.subject_count,
    ...(row.retention ? { retention: row.retention } : {}),
    frequency: row.frequency as ProcessingRecord["frequency"],
    access: row.access as ProcessingRecord["access"],
    locations: JSON.parse(row.locations) as TransferLocation[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toSubprocessor(row: SubprocessorRow): Subprocessor {
  return {
    id: row.id,
    name: row.name,
    service: row.service,
    country: row.country,
    mechanism: row.mechanism as TransferMechanism,
    ...(row.scc_module ? { sccModule: row.scc_module as SccModule } : {}),
    dpfCertified: row.dpf_certified === 1,
    canadaCommercial: row.canada_commercial === 1,
    processingIds: JSON.parse(row.processing_ids) as string[],
    addedOn: row.added_on,
  };
}

/** The plain register model the risk and check rules take. */
export function toRegisterVendor(rows: VendorRegisterRows): RegisterVendor {
  const { vendor } = rows;
  return {
    name: vendor.name,
    country: vendor.country,
    businessCriticality: vendor.business_criticality,
    dpfCertified: vendor.dpf_certified === 1,
    canadaCommercial: vendor.canada_commercial === 1,
    contacts: rows.contacts.map((c) => ({ name: c.name, email: c.email, role: c.role })),
    processing: rows.processing.map((r) => {
      const { createdAt: _c, updatedAt: _u, ...record } = toProcessingRecord(r);
      return record;
    }),
    subprocessors: rows.subprocessors.map(toSubprocessor),
  };
}
