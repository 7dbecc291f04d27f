import type { ProcessingRecord, RegisterVendor } from "../../src/vendors/register-model.ts";

// Baseline: contact data about 500 customers, processed in Germany without storing it, a low-criticality
// vendor: 5 (personal data) + 0 (people) + 5 (processes_only) + 0 (criticality) = 10 points, low.
export function record(over: Partial<ProcessingRecord> = {}): ProcessingRecord {
  return {
    id: "r1",
    purpose: "Send the customer newsletter",
    legalBasis: "consent",
    dataCategories: ["contact"],
    dataSubjects: ["customers"],
    subjectCount: 500,
    retention: "Until the customer unsubscribes",
    frequency: "continuous",
    access: "processes_only",
    locations: [{ country: "DE", mechanism: "none" }],
    ...over,
  };
}

export function vendor(over: Partial<RegisterVendor> = {}): RegisterVendor {
  return {
    name: "Acme Mail",
    country: "DE",
    businessCriticality: "low",
    dpfCertified: false,
    canadaCommercial: false,
    contacts: [],
    processing: [record()],
    subprocessors: [],
    ...over,
  };
}

export const withRecord = (over: Partial<ProcessingRecord>, vendorOver: Partial<RegisterVendor> = {}) =>
  vendor({ processing: [record(over)], ...vendorOver });
