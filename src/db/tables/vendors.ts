import type { Selectable } from "kysely";

export type Rating = "low" | "medium" | "high" | "critical";

export interface VendorsTable {
  id: string;
  name: string;
  name_key: string;
  legal_name: string | null;
  registered_address: string | null;
  country: string;
  website: string | null;
  service_description: string | null;
  business_owner: string | null;
  business_criticality: "low" | "medium" | "high" | "critical";
  status: "intake" | "under_review" | "approved" | "rejected" | "offboarding" | "offboarded";
  dpf_certified: number;
  canada_commercial: number;
  ccpa_service_provider: number;
  computed_tier: "low" | "medium" | "high" | "critical";
  tier_override: "low" | "medium" | "high" | "critical" | null;
  tier_override_reason: string | null;
  tier: "low" | "medium" | "high" | "critical";
  needs_reassessment: number;
  offboarding_data_disposition: "returned" | "deleted" | null;
  offboarding_confirmed_on: string | null;
  offboarding_evidence: string | null;
  /** The residual risk rating set when the latest review was completed; null until then. */
  residual_rating: Rating | null;
  next_review_date: string | null;
  last_decision_id: string | null;
  /** The processor's own data protection officer, representative and signatory, as its DPA names them. */
  dpo_name: string | null;
  dpo_email: string | null;
  /** Free text: name and address of the Art. 27 representative in the Union. */
  eu_representative: string | null;
  signatory_name: string | null;
  signatory_title: string | null;
  created_at: string;
  updated_at: string;
}
export type VendorRow = Selectable<VendorsTable>;

export interface VendorContactsTable {
  id: string;
  vendor_id: string;
  name: string;
  email: string;
  role: "security" | "privacy" | "commercial";
  created_at: string;
}
export type VendorContactRow = Selectable<VendorContactsTable>;

export interface ProcessingRecordsTable {
  id: string;
  vendor_id: string;
  purpose: string;
  legal_basis: string;
  /** JSON array of data category codes */
  data_categories: string;
  art9_condition: string | null;
  art10_basis: string | null;
  /** JSON array of data subject categories */
  data_subjects: string;
  subject_count: number;
  retention: string | null;
  frequency: string;
  access: string;
  /** JSON array of { country, mechanism, sccModule? } */
  locations: string;
  created_at: string;
  updated_at: string;
}
export type ProcessingRecordRow = Selectable<ProcessingRecordsTable>;

export interface ProcessingCategoriesTable {
  processing_id: string;
  vendor_id: string;
  category: string;
}

export interface SubprocessorsTable {
  id: string;
  vendor_id: string;
  name: string;
  service: string;
  country: string;
  mechanism: string;
  scc_module: number | null;
  dpf_certified: number;
  canada_commercial: number;
  /** JSON array of processing record ids */
  processing_ids: string;
  added_on: string;
  created_at: string;
}
export type SubprocessorRow = Selectable<SubprocessorsTable>;

export interface VendorTierHistoryTable {
  id: string;
  vendor_id: string;
  at: string;
  computed_tier: string;
  override_tier: string | null;
  tier: string;
  previous_tier: string | null;
  reason: string;
  actor_label: string;
}
export type VendorTierHistoryRow = Selectable<VendorTierHistoryTable>;

/** One register check of one vendor, as the last refresh of that vendor's register rows found it. */
export interface RegisterCheckResultsTable {
  vendor_id: string;
  position: number;
  code: string;
  severity: "high" | "medium" | "low" | "info";
  severity_rank: number;
  path: string;
  message: string;
  vendor_name_key: string;
}
