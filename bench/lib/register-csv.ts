import { stringify } from "csv-stringify/sync";
import { COLUMN_NAMES, formatYesNo, joinList } from "../../src/vendors/register-csv-layout.ts";
import { createRandom } from "./random.ts";
import { type GeneratedVendor, generateRegister } from "./register-data.ts";

export interface GeneratedCsv {
  text: string;
  rows: number;
  vendors: number;
  records: number;
  contacts: number;
}

const CONTACT_ROLES = ["privacy", "security", "commercial"] as const;

/** The cells of one vendor's rows in the import layout (docs/csv-import.md): one row per record, or one without. */
function vendorRows(generated: GeneratedVendor, withContact: boolean): Record<string, string>[] {
  const { vendor, records } = generated;
  const details: Record<string, string> = {
    vendor_name: vendor.name,
    legal_name: vendor.legal_name ?? "",
    registered_address: vendor.registered_address ?? "",
    country: vendor.country,
    website: vendor.website ?? "",
    service_description: vendor.service_description ?? "",
    business_owner: vendor.business_owner ?? "",
    business_criticality: vendor.business_criticality,
    dpf_certified: formatYesNo(vendor.dpf_certified === 1),
    canada_commercial: formatYesNo(vendor.canada_commercial === 1),
    ccpa_service_provider: formatYesNo(vendor.ccpa_service_provider === 1),
  };
  const domain = vendor.website ? new URL(vendor.website).hostname : "vendor.example";
  const contact: Record<string, string> = withContact
    ? {
        contact_name: vendor.business_owner ?? "Data Protection Officer",
        contact_email: `privacy@${domain}`,
        contact_role: CONTACT_ROLES[vendor.name.length % CONTACT_ROLES.length] ?? "privacy",
      }
    : {};
  if (records.length === 0) return [{ ...details, ...contact }];
  return records.map((r, i) => ({
    ...details,
    ...(i === 0 ? contact : {}),
    purpose: r.purpose,
    legal_basis: r.legalBasis,
    data_categories: joinList(r.dataCategories),
    art9_condition: r.art9Condition ?? "",
    art10_basis: r.art10Basis ?? "",
    data_subjects: joinList(r.dataSubjects),
    subject_count: String(r.subjectCount),
    retention: r.retention ?? "",
    frequency: r.frequency,
    access: r.access,
    locations: joinList(
      r.locations.map((l) =>
        [l.country, l.mechanism, ...(l.sccModule ? [String(l.sccModule)] : [])].join(":"),
      ),
    ),
  }));
}

/**
 * A valid register CSV of exactly `rows` data rows: vendors with none, one or two data-sharing records and
 * most with a contact, their details repeated on each of their rows as a spreadsheet export would have them.
 */
export function generateRegisterCsv(rows: number, seed = 7): GeneratedCsv {
  const random = createRandom(seed);
  const lines: string[][] = [];
  const counts = { vendors: 0, records: 0, contacts: 0 };
  // About 1.3 rows a vendor; the generator is asked for more vendors than the rows can need.
  for (const generated of generateRegister({ count: rows, records: rows * 0.9, seed })) {
    if (lines.length >= rows) break;
    const withContact = random.chance(0.7);
    const cells = vendorRows(generated, withContact).slice(0, rows - lines.length);
    for (const row of cells) lines.push(COLUMN_NAMES.map((name) => row[name] ?? ""));
    counts.vendors++;
    counts.records += cells.filter((row) => row.purpose).length;
    if (withContact) counts.contacts++;
  }
  return { text: stringify([[...COLUMN_NAMES], ...lines]), rows: lines.length, ...counts };
}
