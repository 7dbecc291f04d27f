import type { RegisterCheck } from "../../src/vendors/register-checks.ts";
import type { ProcessingRecord, RegisterVendor, Subprocessor } from "../../src/vendors/register-model.ts";

// A register entry with nothing to complain about; each test changes one thing.
export function record(over: Partial<ProcessingRecord> = {}): ProcessingRecord {
  return {
    id: "r1",
    purpose: "Send the customer newsletter",
    legalBasis: "consent",
    dataCategories: ["identity", "contact"],
    dataSubjects: ["customers"],
    subjectCount: 5_000,
    retention: "Until the customer unsubscribes",
    frequency: "continuous",
    access: "stores",
    locations: [{ country: "IE", mechanism: "none" }],
    ...over,
  };
}

export function sub(over: Partial<Subprocessor> = {}): Subprocessor {
  return {
    id: "s1",
    name: "CloudHost",
    service: "Hosting",
    country: "DE",
    mechanism: "none",
    dpfCertified: false,
    canadaCommercial: false,
    processingIds: ["r1"],
    ...over,
  };
}

export function vendor(over: Partial<RegisterVendor> = {}): RegisterVendor {
  return {
    name: "Acme Mail",
    country: "IE",
    businessCriticality: "medium",
    dpfCertified: false,
    canadaCommercial: false,
    contacts: [
      { name: "Dana", email: "dpo@acme.example", role: "privacy" },
      { name: "Sam", email: "security@acme.example", role: "security" },
    ],
    processing: [record()],
    subprocessors: [sub()],
    ...over,
  };
}

export const withRecord = (over: Partial<ProcessingRecord>, vendorOver: Partial<RegisterVendor> = {}) =>
  vendor({ processing: [record(over)], ...vendorOver });
export const withSub = (over: Partial<Subprocessor>) => vendor({ subprocessors: [sub(over)] });
export const brief = (checks: RegisterCheck[]) =>
  checks.map(({ code, severity, path }) => ({ code, severity, path }));
