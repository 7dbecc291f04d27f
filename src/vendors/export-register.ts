// First, so that zod carries .openapi() before vendor-schemas.ts builds on the register's vocabularies.
import "@hono/zod-openapi";
import { stringify } from "csv-stringify/sync";
import type { Db } from "../db/connection.ts";
import { countryName } from "./countries.ts";
import {
  COLUMN_NAMES,
  escapeCell,
  formatLocations,
  formatYesNo,
  joinList,
  REGISTER_COLUMNS,
} from "./register-csv-layout.ts";
import type { TransferLocation } from "./register-model.ts";
import {
  type Art9Condition,
  art9ConditionInfo,
  type DataCategory,
  dataCategoryInfo,
  dataSubjectLabel,
  type LegalBasis,
  legalBasisInfo,
  sccModuleInfo,
  transferMechanismInfo,
} from "./register-vocabulary.ts";
import { assessTransfer } from "./transfer-assessment.ts";
import { toProcessingRecord, toSubprocessor, type VendorRegisterRows } from "./vendor-mappers.ts";

/** Every vendor with its contacts, records and sub-processors, in name order: four queries. */
export async function loadRegister(db: Db): Promise<VendorRegisterRows[]> {
  const [vendors, contacts, processing, subprocessors] = await Promise.all([
    db.selectFrom("vendors").selectAll().orderBy("name_key").orderBy("id").execute(),
    db.selectFrom("vendor_contacts").selectAll().orderBy("created_at").orderBy("id").execute(),
    db.selectFrom("processing_records").selectAll().orderBy("created_at").orderBy("id").execute(),
    db.selectFrom("subprocessors").selectAll().orderBy("name").orderBy("id").execute(),
  ]);
  const byId = new Map<string, VendorRegisterRows>(
    vendors.map((vendor) => [vendor.id, { vendor, contacts: [], processing: [], subprocessors: [] }]),
  );
  for (const c of contacts) byId.get(c.vendor_id)?.contacts.push(c);
  for (const r of processing) byId.get(r.vendor_id)?.processing.push(r);
  for (const s of subprocessors) byId.get(s.vendor_id)?.subprocessors.push(s);
  return [...byId.values()];
}

/** The register in the import layout: one row per record, so exporting then importing changes nothing. */
export function registerRows(register: readonly VendorRegisterRows[]): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (const { vendor: v, contacts, processing } of register) {
    const details: Record<string, string> = {
      vendor_name: v.name,
      legal_name: v.legal_name ?? "",
      registered_address: v.registered_address ?? "",
      country: v.country,
      website: v.website ?? "",
      service_description: v.service_description ?? "",
      business_owner: v.business_owner ?? "",
      business_criticality: v.business_criticality,
      dpf_certified: formatYesNo(v.dpf_certified === 1),
      canada_commercial: formatYesNo(v.canada_commercial === 1),
      ccpa_service_provider: formatYesNo(v.ccpa_service_provider === 1),
      dpo_name: v.dpo_name ?? "",
      dpo_email: v.dpo_email ?? "",
      eu_representative: v.eu_representative ?? "",
      signatory_name: v.signatory_name ?? "",
      signatory_title: v.signatory_title ?? "",
    };
    // Contacts ride along on the record rows; extra contacts take rows of their own without a record.
    const count = Math.max(1, processing.length, contacts.length);
    for (let i = 0; i < count; i++) {
      const contact = contacts[i];
      const row = processing[i];
      const record = row ? toProcessingRecord(row) : undefined;
      rows.push({
        ...details,
        ...(contact
          ? { contact_name: contact.name, contact_email: contact.email, contact_role: contact.role }
          : {}),
        ...(record
          ? {
              purpose: record.purpose,
              legal_basis: record.legalBasis,
              data_categories: joinList(record.dataCategories),
              art9_condition: record.art9Condition ?? "",
              art10_basis: record.art10Basis ?? "",
              data_subjects: joinList(record.dataSubjects),
              subject_count: String(record.subjectCount),
              retention: record.retention ?? "",
              frequency: record.frequency,
              access: record.access,
              locations: formatLocations(record.locations),
            }
          : {}),
      });
    }
  }
  return rows;
}

/** The Art. 30(1) columns, in order: the JSON key and the CSV header. */
export const ROPA_COLUMNS = [
  ["recordId", "Record ID"],
  ["recipient", "Recipient (vendor)"],
  ["recipientLegalName", "Recipient legal name"],
  ["recipientCountry", "Recipient country"],
  ["vendorStatus", "Vendor status"],
  ["purpose", "Purpose of the processing (Art. 30(1)(b))"],
  ["legalBasis", "Legal basis (Art. 6(1))"],
  ["specialConditions", "Condition for special category or criminal offence data (Art. 9(2), Art. 10)"],
  ["dataSubjects", "Categories of data subjects (Art. 30(1)(c))"],
  ["approximateSubjects", "Approximate number of data subjects"],
  ["personalData", "Categories of personal data (Art. 30(1)(c))"],
  ["specialCategories", "Special categories or criminal offence data"],
  ["recipients", "Recipients, sub-processors included (Art. 30(1)(d))"],
  ["transfers", "Transfers to third countries and their safeguards (Art. 30(1)(e))"],
  ["retention", "Time limit for erasure (Art. 30(1)(f))"],
  ["securityMeasures", "Technical and organisational security measures (Art. 30(1)(g))"],
  ["updatedAt", "Record last updated"],
] as const;
export type RopaKey = (typeof ROPA_COLUMNS)[number][0];
export type RopaRow = Record<RopaKey, string>;

// Vendors that never received data or no longer hold it are not part of the current processing.
const NOT_PROCESSING = new Set(["rejected", "offboarded"]);

function categoryLabel(category: DataCategory): string {
  const info = dataCategoryInfo[category];
  if (info.special) return `${info.label} [special category, Art. 9]`;
  if (info.criminal) return `${info.label} [criminal offence data, Art. 10]`;
  return info.label;
}

function mechanismText(place: TransferLocation): string {
  const info = transferMechanismInfo[place.mechanism];
  const article = info.article ? ` (${info.article})` : "";
  return `${info.label}${article}${place.sccModule ? `, ${sccModuleInfo[place.sccModule].label}` : ""}`;
}

/** The GDPR Art. 30(1) record of processing activities: one row per data-sharing record, in words. */
export function ropaRows(register: readonly VendorRegisterRows[]): RopaRow[] {
  const rows: RopaRow[] = [];
  for (const { vendor, processing, subprocessors } of register) {
    if (NOT_PROCESSING.has(vendor.status)) continue;
    const subs = subprocessors.map(toSubprocessor);
    for (const row of processing) {
      const record = toProcessingRecord(row);
      const basis = legalBasisInfo[record.legalBasis as LegalBasis];
      const condition = record.art9Condition
        ? art9ConditionInfo[record.art9Condition as Art9Condition]
        : undefined;
      const touching = subs.filter((s) => s.processingIds.includes(record.id));
      const transfers = [
        ...record.locations.map((place) => ({
          place,
          via: "",
          dpf: vendor.dpf_certified,
          ca: vendor.canada_commercial,
        })),
        ...touching.map((s) => ({
          place: s,
          via: ` via sub-processor ${s.name}`,
          dpf: Number(s.dpfCertified),
          ca: Number(s.canadaCommercial),
        })),
      ].flatMap(({ place, via, dpf, ca }) => {
        const check = assessTransfer({
          ...place,
          dpfCertified: dpf === 1,
          canadaCommercial: ca === 1,
          frequency: record.frequency,
        });
        if (check.status === "inside_eea") return [];
        const warning = check.sufficient ? "" : ` [not sufficient: ${check.message}]`;
        return [`${countryName(place.country)}${via}: ${mechanismText(place)}${warning}`];
      });
      const sensitive = record.dataCategories.filter(
        (c) => dataCategoryInfo[c].special || dataCategoryInfo[c].criminal,
      );
      rows.push({
        recordId: record.id,
        recipient: vendor.name,
        recipientLegalName: vendor.legal_name ?? "",
        recipientCountry: countryName(vendor.country),
        vendorStatus: vendor.status,
        purpose: record.purpose,
        legalBasis: `Art. 6(1)(${basis.letter}): ${basis.label}`,
        specialConditions: [
          ...(condition ? [`Art. 9(2)(${condition.letter}): ${condition.label}`] : []),
          ...(record.art10Basis ? [`Art. 10: ${record.art10Basis}`] : []),
        ].join("; "),
        dataSubjects: record.dataSubjects.map(dataSubjectLabel).join("; "),
        approximateSubjects: String(record.subjectCount),
        personalData: record.dataCategories.map(categoryLabel).join("; "),
        specialCategories:
          sensitive.length > 0 ? `yes: ${sensitive.map((c) => dataCategoryInfo[c].label).join("; ")}` : "no",
        recipients: [
          `${vendor.name} (vendor)`,
          ...touching.map(
            (s) => `${s.name} (sub-processor of ${vendor.name}: ${s.service}, ${countryName(s.country)})`,
          ),
        ].join("; "),
        transfers: transfers.length > 0 ? transfers.join("; ") : "None: processed inside the EEA only",
        retention: record.retention ?? "Not recorded",
        // The DPA's Annex II will describe the measures; until then the assessment is where they are.
        securityMeasures: `See the vendor's security assessment in VendorVet (inherent risk tier: ${vendor.tier})`,
        updatedAt: record.updatedAt,
      });
    }
  }
  return rows;
}

/** CSV for spreadsheets: a BOM so Excel reads UTF-8, and no cell that a spreadsheet would run as a formula. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `\uFEFF${stringify([header, ...rows.map((row) => row.map(escapeCell))], { record_delimiter: "\r\n" })}`;
}

export function registerCsv(register: readonly VendorRegisterRows[]): string {
  return toCsv(
    COLUMN_NAMES,
    registerRows(register).map((row) => COLUMN_NAMES.map((c) => row[c] ?? "")),
  );
}

export function ropaCsv(register: readonly VendorRegisterRows[]): string {
  const rows = ropaRows(register);
  return toCsv(
    ROPA_COLUMNS.map(([, header]) => header),
    rows.map((row) => ROPA_COLUMNS.map(([key]) => row[key])),
  );
}

/** A dated download name, such as vendorvet-ropa-2026-03-02.csv. */
export function exportFileName(kind: "register" | "ropa", now: Date, extension: "csv" | "json"): string {
  return `vendorvet-${kind}-${now.toISOString().slice(0, 10)}.${extension}`;
}

/** The downloadable template: the header and two example rows. */
export function templateCsv(): string {
  return toCsv(
    COLUMN_NAMES,
    [0, 1].map((i) => REGISTER_COLUMNS.map((c) => c.examples[i] ?? "")),
  );
}
