import type { AuditInput } from "../audit/audit-write.ts";
import type { VendorContactRow, VendorRow } from "../db/schema.ts";
import { nameKey } from "./vendor-queries.ts";
import type { ContactInput } from "./vendor-schemas.ts";

type NewVendorFields = Pick<VendorRow, "id" | "name" | "country" | "business_criticality" | "created_at"> &
  Partial<Omit<VendorRow, "name_key">>;

/**
 * The row of a vendor entering the register: in intake, tier low until the risk refresh computes it, no override,
 * no decision, nothing optional known. Every writer of new vendors (the form and API, the CSV import, the bench
 * seed) starts here, so a column added later gets its default in one place.
 */
export function newVendorRow(fields: NewVendorFields): VendorRow {
  return {
    legal_name: null,
    registered_address: null,
    website: null,
    service_description: null,
    business_owner: null,
    status: "intake",
    dpf_certified: 0,
    canada_commercial: 0,
    ccpa_service_provider: 0,
    computed_tier: "low",
    tier_override: null,
    tier_override_reason: null,
    tier: "low",
    needs_reassessment: 0,
    offboarding_data_disposition: null,
    offboarding_confirmed_on: null,
    offboarding_evidence: null,
    updated_at: fields.created_at,
    residual_rating: null,
    next_review_date: null,
    last_decision_id: null,
    dpo_name: null,
    dpo_email: null,
    eu_representative: null,
    signatory_name: null,
    signatory_title: null,
    ...fields,
    name_key: nameKey(fields.name),
  };
}

/** A vendor row as the audit trail records it: without the id, derived key and timestamps. */
export function auditedVendor(row: Partial<VendorRow>): Record<string, unknown> {
  const { id: _i, name_key: _n, created_at: _c, updated_at: _u, ...fields } = row;
  return fields;
}

/** A vendor's contact as stored: emails compare case-insensitively, so they are kept in lower case. */
export function newContactRow(
  id: string,
  vendorId: string,
  contact: ContactInput,
  iso: string,
): VendorContactRow {
  return {
    id,
    vendor_id: vendorId,
    name: contact.name,
    email: contact.email.toLowerCase(),
    role: contact.role,
    created_at: iso,
  };
}

/** The audit event of a new contact, the same from the form, the API and the CSV import. */
export function contactCreated(row: VendorContactRow): AuditInput {
  return {
    action: "vendor_contact.create",
    entityType: "vendor_contact",
    entityId: row.id,
    after: { vendor_id: row.vendor_id, name: row.name, email: row.email, role: row.role },
  };
}
