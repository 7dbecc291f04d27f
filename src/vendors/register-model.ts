import { z } from "@hono/zod-openapi";
import { CountryCode } from "./countries.ts";
import {
  Access,
  Art9Condition,
  BusinessCriticality,
  ContactRole,
  DataCategory,
  dataCategoryInfo,
  Frequency,
  isSpecialCategory,
  LegalBasis,
  SccModule,
  TransferMechanism,
} from "./register-vocabulary.ts";

// The plain shapes the register rules (risk tier, checks) take. No database types: the service maps rows to
// these, and the API can reuse the schemas to validate requests.

const Id = z.string().trim().min(1, "must not be empty").max(100);

function optionalText(max: number) {
  return z.string().trim().max(max, `must be at most ${max} characters`).optional();
}

/** Where a vendor processes the data and how the transfer is covered (GDPR Chapter V). */
export const TransferLocation = z
  .strictObject({
    country: CountryCode,
    mechanism: TransferMechanism,
    sccModule: SccModule.optional(),
  })
  .superRefine(refineSccModule);
export type TransferLocation = z.infer<typeof TransferLocation>;

/** Shared by locations and sub-processors: SCCs need their module, and only SCCs have one. */
export function refineSccModule(
  value: { mechanism: TransferMechanism; sccModule?: SccModule | undefined },
  ctx: z.RefinementCtx,
): void {
  if (value.mechanism === "scc" && value.sccModule === undefined) {
    ctx.addIssue({ code: "custom", path: ["sccModule"], message: "SCCs need their module (1 to 4)" });
  }
  if (value.mechanism !== "scc" && value.sccModule !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["sccModule"],
      message: "an SCC module only applies when mechanism is scc",
    });
  }
}

/** The fields of one data-sharing record, without its cross-field rules (for `.omit()`/`.extend()`). */
export const ProcessingRecordFields = z.strictObject({
  id: Id,
  // May be empty while a record is drafted; the register checks flag it (GDPR Art. 30(1)(b)).
  purpose: z.string().trim().max(2000, "must be at most 2000 characters").default(""),
  legalBasis: LegalBasis,
  dataCategories: z
    .array(DataCategory)
    .min(1, "choose at least one category of personal data")
    .refine((cs) => new Set(cs).size === cs.length, "list each category once"),
  art9Condition: Art9Condition.optional(),
  /** The Union or Member State law or official authority that allows criminal-offence data (GDPR Art. 10). */
  art10Basis: optionalText(500),
  dataSubjects: z
    .array(z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"))
    .min(1, "name at least one category of data subjects"),
  subjectCount: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(0, "must not be negative")
    .max(10_000_000_000, "must be at most 10 billion"),
  retention: optionalText(500),
  frequency: Frequency,
  access: Access,
  locations: z
    .array(TransferLocation)
    .min(1, "name at least one country where the vendor processes the data"),
});

/** GDPR Art. 9(1) forbids special category data unless an Art. 9(2) condition applies: record which one. */
export function refineProcessingRecord(
  value: { dataCategories: DataCategory[]; art9Condition?: Art9Condition | undefined },
  ctx: z.RefinementCtx,
): void {
  const special = value.dataCategories.filter(isSpecialCategory);
  if (special.length > 0 && value.art9Condition === undefined) {
    const names = special.map((c) => dataCategoryInfo[c].label.toLowerCase()).join(", ");
    ctx.addIssue({
      code: "custom",
      path: ["art9Condition"],
      message: `special category data (${names}) needs an Art. 9(2) condition`,
    });
  }
}

export const ProcessingRecord = ProcessingRecordFields.superRefine(refineProcessingRecord);
export type ProcessingRecord = z.infer<typeof ProcessingRecord>;

export const SubprocessorFields = z.strictObject({
  id: Id,
  name: z.string().trim().min(1, "must not be empty").max(200),
  service: z.string().trim().min(1, "describe what the sub-processor does").max(500),
  country: CountryCode,
  mechanism: TransferMechanism,
  sccModule: SccModule.optional(),
  /** Only matters for a US sub-processor: whether it is on the Data Privacy Framework list. */
  dpfCertified: z.boolean().default(false),
  /** Only matters for a Canadian sub-processor: whether it is a commercial organisation subject to PIPEDA. */
  canadaCommercial: z.boolean().default(false),
  processingIds: z.array(Id).default([]),
  addedOn: z.iso.date("must be a date as YYYY-MM-DD").optional(),
});

export const Subprocessor = SubprocessorFields.superRefine(refineSccModule);
export type Subprocessor = z.infer<typeof Subprocessor>;

export const VendorContact = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(200),
  email: z.email("must be an email address").max(254),
  role: ContactRole,
});
export type VendorContact = z.infer<typeof VendorContact>;

export const RegisterVendorFields = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(200),
  country: CountryCode,
  businessCriticality: BusinessCriticality,
  /** The vendor is certified under the EU-US Data Privacy Framework (the US adequacy decision needs it). */
  dpfCertified: z.boolean().default(false),
  /** The vendor is a commercial organisation subject to PIPEDA (the Canadian adequacy decision needs it). */
  canadaCommercial: z.boolean().default(false),
  contacts: z.array(VendorContact).default([]),
  processing: z.array(ProcessingRecord).default([]),
  subprocessors: z.array(Subprocessor).default([]),
});

/** Record ids are unique and sub-processors only point at records that exist. */
export function refineRegisterVendor(
  value: { processing: { id: string }[]; subprocessors: { processingIds: string[] }[] },
  ctx: z.RefinementCtx,
): void {
  const ids = new Set<string>();
  value.processing.forEach((record, i) => {
    if (ids.has(record.id)) {
      ctx.addIssue({
        code: "custom",
        path: ["processing", i, "id"],
        message: `duplicate record id "${record.id}"`,
      });
    }
    ids.add(record.id);
  });
  value.subprocessors.forEach((sub, i) => {
    sub.processingIds.forEach((id, j) => {
      if (!ids.has(id)) {
        ctx.addIssue({
          code: "custom",
          path: ["subprocessors", i, "processingIds", j],
          message: `no data-sharing record with id "${id}"`,
        });
      }
    });
  });
}

export const RegisterVendor = RegisterVendorFields.superRefine(refineRegisterVendor);
export type RegisterVendor = z.infer<typeof RegisterVendor>;
