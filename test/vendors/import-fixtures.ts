import { stringify } from "csv-stringify/sync";
import { COLUMN_NAMES } from "../../src/vendors/register-csv-layout.ts";
import type { TestApp } from "../support/test-app.ts";

/** Register rows as CSV cells, and posting a CSV file to the import API, for the import tests. */

export type Cells = Record<string, string>;
export type Issue = { row: number; column: string | null; message: string };

export const payroll: Cells = {
  vendor_name: "Acme Payroll GmbH",
  legal_name: "Acme Payroll Services GmbH",
  country: "DE",
  business_criticality: "high",
  contact_name: "Eva Weber",
  contact_email: "Eva@Acme.example",
  contact_role: "privacy",
  purpose: "Monthly payroll and sick-leave administration",
  legal_basis: "legal_obligation",
  data_categories: "identity;financial;health",
  art9_condition: "employment_social_security",
  data_subjects: "employees",
  subject_count: "1200",
  retention: "10 years after employment ends",
  frequency: "recurring",
  access: "stores",
  locations: "DE:adequacy",
};
export const payrollTravel: Cells = {
  vendor_name: "acme payroll gmbh",
  purpose: "Travel expense refunds",
  legal_basis: "contract",
  data_categories: "identity;financial",
  data_subjects: "employees;contractors",
  subject_count: "1,200",
  frequency: "recurring",
  access: "processes_only",
  locations: "DE:adequacy",
};
export const mailer: Cells = {
  vendor_name: "Cloudy Mail Inc.",
  country: "US",
  business_criticality: "Medium",
  dpf_certified: "yes",
  contact_name: "Sam Lee",
  contact_email: "security@cloudymail.example",
  contact_role: "security",
  purpose: "Newsletter delivery",
  legal_basis: "Consent",
  data_categories: "identity;contact;usage",
  data_subjects: "customers;Newsletter subscribers",
  subject_count: "25000",
  frequency: "continuous",
  access: "processes_only",
  locations: "US:scc:2;IE:adequacy",
};
export const printer: Cells = { vendor_name: "Print Shop", country: "FR", business_criticality: "low" };

export function csvOf(rows: Cells[], columns: readonly string[] = COLUMN_NAMES, delimiter = ","): string {
  return stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ""))], { delimiter });
}

export async function postCsv(t: TestApp, headers: Record<string, string>, body: string, query = "") {
  const res = await t.app.request(`/api/v1/vendors/import${query}`, {
    method: "POST",
    headers: { ...headers, "content-type": "text/csv" },
    body,
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { error?: { details: Issue[] } },
  };
}

export function count(t: TestApp, table: string): number {
  return (t.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

export function snapshot(t: TestApp) {
  return ["vendors", "processing_records", "processing_categories", "vendor_contacts", "audit_events"].map(
    (table) => count(t, table),
  );
}
