import type { Db } from "../db/connection.ts";
import type { ProcessingRecordRow, SubprocessorRow, VendorContactRow, VendorRow } from "../db/schema.ts";
import type { SettingValues } from "../settings/setting-fields.ts";
import { readSettings } from "../settings/settings-service.ts";
import { AppError, type FieldIssue, zodIssuesToFields } from "../shared/errors.ts";
import { countryName } from "../vendors/countries.ts";
import type { TransferLocation } from "../vendors/register-model.ts";
import {
  accessLabels,
  art9ConditionInfo,
  type ContactRole,
  contactRoleLabels,
  DataCategory,
  dataCategoryInfo,
  dataSubjectLabel,
  type Frequency,
  frequencyLabels,
  legalBasisInfo,
} from "../vendors/register-vocabulary.ts";
import { assessTransfer, type TransferInput } from "../vendors/transfer-assessment.ts";
import { loadRegisterRows } from "../vendors/vendor-risk-refresh.ts";
import { gatherAssessmentInputs } from "./dpa-assessment-inputs.ts";
import {
  DpaInputs,
  type DpaLocation,
  type DpaParty,
  type DpaPerson,
  type DpaRecord,
  type DpaSettings,
  type DpaSubprocessor,
} from "./dpa-inputs.ts";

/** The register or the settings lack something a DPA needs; the details say what and where to fix it. */
export class DpaNotReadyError extends AppError {
  constructor(issues: FieldIssue[]) {
    super("unprocessable", "The DPA cannot be generated yet: some information is missing", issues);
  }
}

const byText = (a: string, b: string) => a.localeCompare(b, "en");
const CATEGORY_ORDER = DataCategory.options;
const CONTACT_ORDER: Record<ContactRole, number> = { privacy: 0, security: 1, commercial: 2 };

function person(name: string | null, fallbackName: string, email: string | null): DpaPerson | null {
  if (!name && !email) return null;
  return { name: name ?? fallbackName, title: null, email };
}

function controllerParty(s: SettingValues): DpaParty {
  const privacy = person(s.privacyContactName, "Privacy team", s.privacyContactEmail);
  return {
    role: "controller",
    legalName: s.legalName ?? s.organisationName ?? "",
    tradingName: s.legalName && s.organisationName !== s.legalName ? s.organisationName : null,
    address: s.registeredAddress,
    country: s.country ?? "",
    countryName: s.country ? countryName(s.country) : "",
    signatory: s.signatoryName ? { name: s.signatoryName, title: s.signatoryTitle, email: null } : null,
    contacts: privacy ? [{ ...privacy, function: "Privacy contact" }] : [],
    dpo: person(s.dpoName, "Data protection officer", s.dpoEmail),
    euRepresentative: s.euRepresentative,
  };
}

function processorParty(vendor: VendorRow, contacts: VendorContactRow[]): DpaParty {
  const legal = vendor.legal_name?.trim() || null;
  return {
    role: "processor",
    legalName: legal ?? vendor.name,
    tradingName: legal && legal !== vendor.name ? vendor.name : null,
    address: vendor.registered_address,
    country: vendor.country,
    countryName: countryName(vendor.country),
    // Unset, the signature block and Annex I.A leave a line for the name to be filled in by hand.
    signatory: vendor.signatory_name
      ? { name: vendor.signatory_name, title: vendor.signatory_title, email: null }
      : null,
    contacts: [...contacts]
      .sort(
        (a, b) =>
          CONTACT_ORDER[a.role] - CONTACT_ORDER[b.role] || byText(a.name, b.name) || byText(a.email, b.email),
      )
      .map((c) => ({ name: c.name, title: null, email: c.email, function: contactRoleLabels[c.role] })),
    dpo: person(vendor.dpo_name, "Data protection officer", vendor.dpo_email),
    euRepresentative: vendor.eu_representative?.trim() || null,
  };
}

function location(input: TransferInput): DpaLocation {
  const assessed = assessTransfer(input);
  return {
    country: input.country,
    countryName: assessed.countryName,
    status: assessed.status,
    mechanism: input.mechanism,
    sccModule: input.sccModule ?? null,
  };
}

function toRecord(row: ProcessingRecordRow, vendor: VendorRow): DpaRecord {
  const categories = (JSON.parse(row.data_categories) as DataCategory[])
    .filter((c) => c in dataCategoryInfo)
    .sort((a, b) => CATEGORY_ORDER.indexOf(a) - CATEGORY_ORDER.indexOf(b));
  const basis = legalBasisInfo[row.legal_basis as keyof typeof legalBasisInfo];
  const art9 = row.art9_condition
    ? art9ConditionInfo[row.art9_condition as keyof typeof art9ConditionInfo]
    : null;
  const frequency = row.frequency as Frequency;
  const locations = (JSON.parse(row.locations) as TransferLocation[])
    .map((l) =>
      location({
        ...l,
        dpfCertified: vendor.dpf_certified === 1,
        canadaCommercial: vendor.canada_commercial === 1,
        frequency,
      }),
    )
    .sort((a, b) => byText(a.country, b.country) || byText(a.mechanism, b.mechanism));
  return {
    id: row.id,
    purpose: row.purpose.trim(),
    legalBasis: basis ? `${basis.label} (Art. 6(1)(${basis.letter}))` : row.legal_basis,
    dataCategories: categories.map((code) => ({ code, ...dataCategoryInfo[code] })),
    art9Condition: art9 ? `${art9.label} (Art. 9(2)(${art9.letter}))` : null,
    art10Basis: row.art10_basis?.trim() || null,
    dataSubjects: (JSON.parse(row.data_subjects) as string[]).map(dataSubjectLabel).sort(byText),
    subjectCount: row.subject_count,
    retention: row.retention?.trim() || null,
    frequency: frequencyLabels[frequency] ?? row.frequency,
    access: accessLabels[row.access as keyof typeof accessLabels] ?? row.access,
    locations,
  };
}

function toSubprocessor(row: SubprocessorRow, records: DpaRecord[]): DpaSubprocessor {
  const ids = new Set(JSON.parse(row.processing_ids) as string[]);
  return {
    name: row.name,
    service: row.service,
    location: location({
      country: row.country,
      mechanism: row.mechanism as TransferInput["mechanism"],
      sccModule: (row.scc_module ?? undefined) as TransferInput["sccModule"],
      dpfCertified: row.dpf_certified === 1,
      canadaCommercial: row.canada_commercial === 1,
    }),
    purposes: [...new Set(records.filter((r) => ids.has(r.id)).map((r) => r.purpose))].sort(byText),
  };
}

function dpaSettings(s: SettingValues): DpaSettings {
  return {
    paperSize: s.paperSize,
    breachNotificationHours: s.breachNotificationHours,
    subprocessorNoticeDays: s.subprocessorNoticeDays,
    dsrAssistanceDays: s.dsrAssistanceDays,
    deletionDays: s.deletionDays,
    supervisoryAuthority: s.supervisoryAuthority,
    sccDocking: s.sccDocking,
    sccIndependentRedress: s.sccIndependentRedress,
    governingLaw: s.governingLaw ? countryName(s.governingLaw) : null,
    courts: s.courts ? countryName(s.courts) : null,
  };
}

/** What must be in place before a DPA can say anything true: named parties and purposes as the register states them. */
function readinessIssues(s: SettingValues, processing: ProcessingRecordRow[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!s.legalName && !s.organisationName)
    issues.push({ path: "settings.legalName", message: "set the organisation's legal name in Settings" });
  if (!s.country)
    issues.push({ path: "settings.country", message: "set the organisation's country in Settings" });
  if (processing.length === 0)
    issues.push({
      path: "processing",
      message: "record the personal data the vendor receives (a data-sharing record) first",
    });
  processing.forEach((r, i) => {
    if (r.purpose.trim() === "")
      issues.push({
        path: `processing[${i}].purpose`,
        message: "state the purpose of this data-sharing record; a DPA never uses a generic purpose",
      });
  });
  return issues;
}

/**
 * Everything a vendor's DPA is generated from, read from the settings, the register and the latest completed
 * assessment, in a fixed order so the same facts always give the same inputs. CCPA terms apply when the vendor
 * is recorded as a CCPA service provider: the register records where the vendor processes data, not where the
 * people live, so there is no other reliable sign of California consumers' data.
 */
export async function gatherDpaInputs(db: Db, vendorId: string, effectiveDate: string): Promise<DpaInputs> {
  const rows = await loadRegisterRows(db, vendorId);
  const settings = await readSettings(db);
  const problems = readinessIssues(settings, rows.processing);
  if (problems.length > 0) throw new DpaNotReadyError(problems);
  const records = rows.processing.map((r) => toRecord(r, rows.vendor));
  const subprocessors = rows.subprocessors
    .map((s) => toSubprocessor(s, records))
    .sort((a, b) => byText(a.name, b.name) || byText(a.location.country, b.location.country));
  const parsed = DpaInputs.safeParse({
    effectiveDate,
    controller: controllerParty(settings),
    processor: processorParty(rows.vendor, rows.contacts),
    services: rows.vendor.service_description?.trim() || null,
    records,
    subprocessors,
    ccpa: rows.vendor.ccpa_service_provider === 1,
    ukData: settings.ukData,
    assessment: await gatherAssessmentInputs(db, vendorId),
    settings: dpaSettings(settings),
  });
  if (!parsed.success) throw new DpaNotReadyError(zodIssuesToFields(parsed.error.issues));
  return parsed.data;
}
