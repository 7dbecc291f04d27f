import type { ProcessingRecord, RegisterVendor, Subprocessor } from "./register-model.ts";
import {
  type DataCategory,
  dataCategoryInfo,
  isCriminalCategory,
  isSpecialCategory,
  PURPOSE_HINTS,
  type SccModule,
} from "./register-vocabulary.ts";
import { assessTransfer, type TransferAssessment } from "./transfer-assessment.ts";

export const CheckSeverity = ["high", "medium", "low", "info"] as const;
export type CheckSeverity = (typeof CheckSeverity)[number];

export const REGISTER_CHECK_CODES = [
  "no_processing_records",
  "purpose_missing",
  "categories_beyond_purpose",
  "many_categories",
  "special_category_without_condition",
  "art9_condition_without_special_category",
  "criminal_data_without_art10_basis",
  "retention_missing",
  "unknown_country",
  "transfer_without_mechanism",
  "transfer_mechanism_insufficient",
  "transfer_relies_on_derogation",
  "scc_module_unexpected",
  "subprocessor_without_mechanism",
  "subprocessor_mechanism_insufficient",
  "subprocessor_unlinked",
  "subprocessor_unknown_record",
  "privacy_contact_missing",
  "security_contact_missing",
] as const;
export type RegisterCheckCode = (typeof REGISTER_CHECK_CODES)[number];

export interface RegisterCheck {
  code: RegisterCheckCode;
  severity: CheckSeverity;
  message: string;
  /** Where in the vendor the problem sits, e.g. `processing[0].dataCategories`. */
  path: string;
}

/** More distinct categories than this on one record is worth a second look (GDPR Art. 5(1)(c)). */
export const MANY_CATEGORIES = 6;

const hintPatterns = new Map(
  Object.entries(PURPOSE_HINTS).map(([category, hints]) => [
    category as DataCategory,
    new RegExp(`\\b(?:${hints.map(escapeRegExp).join("|")})`, "i"),
  ]),
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The sensitive categories on a record that its purpose text gives no reason for. */
export function categoriesBeyondPurpose(
  purpose: string,
  categories: readonly DataCategory[],
): DataCategory[] {
  return categories.filter((c) => {
    const pattern = hintPatterns.get(c);
    return pattern !== undefined && !pattern.test(purpose);
  });
}

type Rule = (vendor: RegisterVendor) => RegisterCheck[];
type RecordRule = (record: ProcessingRecord, name: string, path: string) => RegisterCheck | undefined;

function check(
  code: RegisterCheckCode,
  severity: CheckSeverity,
  path: string,
  message: string,
): RegisterCheck {
  return { code, severity, path, message };
}

/** A record named by its purpose, so a reviewer recognises it without the index. */
function recordName(record: ProcessingRecord, index: number): string {
  const purpose = record.purpose.trim();
  if (purpose.length === 0) return `Record ${index + 1}`;
  return `"${purpose.length > 60 ? `${purpose.slice(0, 57)}...` : purpose}"`;
}

function labels(categories: readonly DataCategory[]): string {
  return categories.map((c) => dataCategoryInfo[c].label.toLowerCase()).join(", ");
}

const forEachRecord =
  (rule: RecordRule): Rule =>
  (vendor) =>
    vendor.processing.flatMap((record, i) => rule(record, recordName(record, i), `processing[${i}]`) ?? []);

/** Run every register rule over one vendor; the order of the result follows the rules, not severity. */
export function checkRegister(vendor: RegisterVendor): RegisterCheck[] {
  return rules.flatMap((rule) => rule(vendor));
}

const checkHasProcessing: Rule = (vendor) => {
  if (vendor.processing.length > 0) return [];
  const message =
    "No data-sharing records: if this vendor receives any personal data, record what, why and about whom (GDPR Art. 30(1)).";
  return [check("no_processing_records", "info", "processing", message)];
};

const checkPurpose = forEachRecord((record, name, path) => {
  if (record.purpose.trim().length > 0) return;
  const message = `${name} has no purpose: personal data may only be shared for a specified purpose (GDPR Art. 5(1)(b), Art. 30(1)(b)).`;
  return check("purpose_missing", "high", `${path}.purpose`, message);
});

// Sensitive categories weigh more: the heuristic (PURPOSE_HINTS) prompts a person to look, it decides nothing.
const checkMinimisation = forEachRecord((record, name, path) => {
  if (record.purpose.trim().length === 0) return;
  const extra = categoriesBeyondPurpose(record.purpose, record.dataCategories);
  if (extra.length === 0) return;
  const sensitive = extra.some((c) => isSpecialCategory(c) || isCriminalCategory(c) || c === "government_id");
  const message = `${name} includes ${labels(extra)}, which its purpose does not explain: check the vendor needs it (data minimisation, GDPR Art. 5(1)(c)).`;
  return check("categories_beyond_purpose", sensitive ? "medium" : "low", `${path}.dataCategories`, message);
});

const checkManyCategories = forEachRecord((record, name, path) => {
  const count = record.dataCategories.length;
  if (count <= MANY_CATEGORIES) return;
  const message = `${name} shares ${count} categories of personal data: confirm each is needed for the purpose (GDPR Art. 5(1)(c)).`;
  return check("many_categories", "low", `${path}.dataCategories`, message);
});

const checkArt9 = forEachRecord((record, name, path) => {
  const special = record.dataCategories.filter(isSpecialCategory);
  if (special.length > 0 && record.art9Condition === undefined) {
    const message = `${name} includes special category data (${labels(special)}) without an Art. 9(2) condition: without one, processing it is prohibited (GDPR Art. 9(1)).`;
    return check("special_category_without_condition", "high", `${path}.art9Condition`, message);
  }
  if (special.length === 0 && record.art9Condition !== undefined) {
    const message = `${name} names an Art. 9(2) condition but no special category data: remove the condition or add the missing category.`;
    return check("art9_condition_without_special_category", "info", `${path}.art9Condition`, message);
  }
});

const checkArt10 = forEachRecord((record, name, path) => {
  if (!record.dataCategories.some(isCriminalCategory) || record.art10Basis?.trim()) return;
  const message = `${name} includes criminal conviction or offence data without a note of the law or official authority that allows it (GDPR Art. 10).`;
  return check("criminal_data_without_art10_basis", "high", `${path}.art10Basis`, message);
});

const checkRetention = forEachRecord((record, name, path) => {
  if (record.retention?.trim()) return;
  const message = `${name} has no retention period: say how long the vendor keeps the data (GDPR Art. 5(1)(e), Art. 30(1)(f)).`;
  return check("retention_missing", "medium", `${path}.retention`, message);
});

const checkRecordTransfers: Rule = (vendor) =>
  vendor.processing.flatMap((record, i) =>
    record.locations.flatMap((location, j) => {
      const path = `processing[${i}].locations[${j}]`;
      const name = recordName(record, i);
      const assessment = assessTransfer({
        ...location,
        dpfCertified: vendor.dpfCertified,
        canadaCommercial: vendor.canadaCommercial,
        frequency: record.frequency,
      });
      const codes = {
        none: "transfer_without_mechanism",
        insufficient: "transfer_mechanism_insufficient",
      } as const;
      const subject = `${name}: transfer to ${assessment.countryName}`;
      // We are the controller and the vendor our processor (module 2), or we act as a processor ourselves (3).
      return [
        ...transferChecks(assessment, path, codes, `${name}: `),
        ...sccModuleCheck(location.sccModule, [2, 3], path, subject),
      ];
    }),
  );

const checkSubprocessorTransfers: Rule = (vendor) =>
  vendor.subprocessors.flatMap((sub, k) => {
    const path = `subprocessors[${k}]`;
    const codes = {
      none: "subprocessor_without_mechanism",
      insufficient: "subprocessor_mechanism_insufficient",
    } as const;
    // Our processor passing data on to its own processor uses module 3 (processor to processor).
    return [
      ...transferChecks(assessTransfer(sub), path, codes, `Sub-processor ${sub.name}: `),
      ...sccModuleCheck(sub.sccModule, [3], path, `Sub-processor ${sub.name}`),
    ];
  });

function transferChecks(
  assessment: TransferAssessment,
  path: string,
  codes: { none: RegisterCheckCode; insufficient: RegisterCheckCode },
  prefix: string,
): RegisterCheck[] {
  const message = `${prefix}${assessment.message}`;
  switch (assessment.problem) {
    case undefined:
      if (assessment.caution === undefined) return [];
      return [
        check(
          "transfer_relies_on_derogation",
          "medium",
          `${path}.mechanism`,
          `${message} ${assessment.caution}`,
        ),
      ];
    case "unknown_country":
      return [check("unknown_country", "high", `${path}.country`, message)];
    case "no_mechanism":
      return [check(codes.none, "high", `${path}.mechanism`, message)];
    case "scc_module_missing":
      return [check(codes.insufficient, "high", `${path}.sccModule`, message)];
    default:
      return [check(codes.insufficient, "high", `${path}.mechanism`, message)];
  }
}

function sccModuleCheck(
  module: SccModule | undefined,
  expected: readonly SccModule[],
  path: string,
  subject: string,
): RegisterCheck[] {
  if (module === undefined || expected.includes(module)) return [];
  const wanted = expected.map((m) => `module ${m}`).join(" or ");
  const message = `${subject} uses SCC module ${module}; ${wanted} is the usual choice here.`;
  return [check("scc_module_unexpected", "low", `${path}.sccModule`, message)];
}

const checkSubprocessorLinks: Rule = (vendor) => {
  const ids = new Set(vendor.processing.map((r) => r.id));
  return vendor.subprocessors.flatMap((sub: Subprocessor, k) => {
    const path = `subprocessors[${k}].processingIds`;
    if (sub.processingIds.length === 0) {
      const message = `Sub-processor ${sub.name} is not linked to any data-sharing record: say which personal data it handles.`;
      return [check("subprocessor_unlinked", "low", path, message)];
    }
    return sub.processingIds
      .filter((id) => !ids.has(id))
      .map((id) => {
        const message = `Sub-processor ${sub.name} points at record "${id}", which does not exist.`;
        return check("subprocessor_unknown_record", "medium", path, message);
      });
  });
};

const checkContacts: Rule = (vendor) => {
  const roles = new Set(vendor.contacts.map((c) => c.role));
  const found: RegisterCheck[] = [];
  // The privacy contact matters once personal data flows: breach notices (Art. 33(2)) and data subject requests.
  if (vendor.processing.length > 0 && !roles.has("privacy")) {
    const message = "No privacy contact: add who handles data protection and breach notices at the vendor.";
    found.push(check("privacy_contact_missing", "medium", "contacts", message));
  }
  if (!roles.has("security")) {
    const message = "No security contact: add who to reach at the vendor about security incidents.";
    found.push(check("security_contact_missing", "medium", "contacts", message));
  }
  return found;
};

const rules: readonly Rule[] = [
  checkHasProcessing,
  checkPurpose,
  checkMinimisation,
  checkManyCategories,
  checkArt9,
  checkArt10,
  checkRetention,
  checkRecordTransfers,
  checkSubprocessorTransfers,
  checkSubprocessorLinks,
  checkContacts,
];

export type CheckSummary = Record<CheckSeverity, number> & { total: number };

/** Counts of checks by severity, for badges and the register overview. */
export function summariseChecks(checks: readonly RegisterCheck[]): CheckSummary {
  const summary: CheckSummary = { high: 0, medium: 0, low: 0, info: 0, total: checks.length };
  for (const c of checks) summary[c.severity] += 1;
  return summary;
}
