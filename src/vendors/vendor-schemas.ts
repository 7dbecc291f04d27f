import { z } from "@hono/zod-openapi";
import { RATINGS } from "../scoring/score-types.ts";
import { CountryCode } from "./countries.ts";
import { BusinessCriticality, ContactRole, DataCategory, RiskTier } from "./register-vocabulary.ts";

export const VendorStatus = z.enum([
  "intake",
  "under_review",
  "approved",
  "rejected",
  "offboarding",
  "offboarded",
]);
export type VendorStatus = z.infer<typeof VendorStatus>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/**
 * Who the vendor's DPA names on the processor's side. Optional: the DPA leaves lines to fill in by hand while
 * they are not recorded. An empty text is stored as null.
 */
export const DpaPartyFields = z.object({
  dpoName: optionalText(200).openapi({
    description: "The vendor's data protection officer (GDPR Art. 37), as named in its DPA",
  }),
  dpoEmail: z
    .string()
    .trim()
    .pipe(z.email("must be an email address").max(254))
    .nullable()
    .optional()
    .openapi({
      description: "The published contact address of the vendor's DPO (Art. 37(7)); null clears it",
      format: "email",
      maxLength: 254,
    }),
  euRepresentative: optionalText(1000).openapi({
    description:
      "Name and address of the vendor's representative in the Union (Art. 27), where it is established outside it",
  }),
  signatoryName: optionalText(200).openapi({ description: "The person who signs the DPA for the vendor" }),
  signatoryTitle: optionalText(200).openapi({ description: "The signatory's position at the vendor" }),
});
export type DpaPartyFields = z.infer<typeof DpaPartyFields>;

export const VendorFields = z.object({
  name: z.string().trim().min(1, "required").max(200),
  legalName: optionalText(300),
  registeredAddress: optionalText(1000),
  country: CountryCode,
  website: z
    .url({ protocol: /^https?$/, message: "must be an http(s) address" })
    .max(500)
    .nullable()
    .optional(),
  serviceDescription: optionalText(5000),
  businessOwner: optionalText(200),
  businessCriticality: BusinessCriticality,
  dpfCertified: z
    .boolean()
    .optional()
    .openapi({ description: "Certified under the EU-US Data Privacy Framework" }),
  canadaCommercial: z.boolean().optional().openapi({
    description: "A commercial organisation under PIPEDA (Canada's adequacy decision covers only these)",
  }),
  ccpaServiceProvider: z.boolean().optional().openapi({
    description: "Receives personal information of California consumers as a CCPA service provider",
  }),
  ...DpaPartyFields.shape,
});

export const ContactInput = z
  .object({
    name: z.string().trim().min(1, "required").max(200),
    email: z.email("must be an email address").max(254),
    role: ContactRole,
  })
  .strict()
  .openapi("ContactInput");
export type ContactInput = z.infer<typeof ContactInput>;

export const CreateVendor = VendorFields.extend({ contacts: z.array(ContactInput).max(50).optional() })
  .strict()
  .openapi("CreateVendor");
export type CreateVendor = z.infer<typeof CreateVendor>;

export const UpdateVendor = VendorFields.partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to change" })
  .openapi("UpdateVendor");
export type UpdateVendor = z.infer<typeof UpdateVendor>;

export const ChangeStatus = z
  .object({
    status: VendorStatus,
    note: z.string().trim().max(2000).optional(),
    offboarding: z
      .object({
        disposition: z
          .enum(["returned", "deleted"])
          .openapi({ description: "What the vendor did with the data at the end (GDPR Art. 28(3)(g))" }),
        confirmedOn: z.iso.date({ message: "must be a date YYYY-MM-DD" }),
        evidence: z.string().trim().min(1, "describe the confirmation received").max(2000),
      })
      .strict()
      .optional(),
  })
  .strict()
  .openapi("ChangeStatus");
export type ChangeStatus = z.infer<typeof ChangeStatus>;

export const TierOverride = z
  .object({
    tier: RiskTier.nullable().openapi({
      description: "The tier to use instead of the computed one; null removes the override",
    }),
    reason: z.string().trim().min(10, "explain the override in at least 10 characters").max(2000),
  })
  .strict()
  .openapi("TierOverride");
export type TierOverride = z.infer<typeof TierOverride>;

/** The residual risk rating set when a review is completed. */
export const ResidualRating = z.enum(RATINGS).openapi("ResidualRating");

export const VendorSort = z.enum(["name", "-name", "created", "-created"]);
export type VendorSort = z.infer<typeof VendorSort>;

export const VendorListQuery = z.object({
  q: z.string().trim().max(200).optional().openapi({ description: "Text search over names and legal names" }),
  status: VendorStatus.optional(),
  tier: RiskTier.optional(),
  country: CountryCode.optional(),
  dataCategory: DataCategory.optional(),
  needsReassessment: z.enum(["true", "false"]).optional(),
  residual: z
    .enum([...RATINGS, "none"])
    .optional()
    .openapi({ description: "Residual risk rating from the latest completed review; none: not yet rated" }),
  reviewDue: z.iso.date({ message: "must be a date YYYY-MM-DD" }).optional().openapi({
    description: "Vendors whose next review date is on or before this day (overdue ones included)",
  }),
  sort: VendorSort.default("name"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type VendorListQuery = z.infer<typeof VendorListQuery>;

export const Contact = ContactInput.extend({ id: z.string() }).openapi("Contact");

export const VendorSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    legalName: z.string().nullable(),
    country: z.string(),
    status: VendorStatus,
    businessCriticality: BusinessCriticality,
    tier: RiskTier,
    computedTier: RiskTier,
    tierOverridden: z.boolean(),
    needsReassessment: z.boolean(),
    residualRating: ResidualRating.nullable().openapi({
      description: "Set when a review is completed; null until the vendor's first review",
    }),
    nextReviewDate: z.string().nullable().openapi({ description: "YYYY-MM-DD; null until reviewed" }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("VendorSummary");
export type VendorSummary = z.infer<typeof VendorSummary>;

const TierHistoryEntry = z.object({
  at: z.string(),
  tier: z.string(),
  previousTier: z.string().nullable(),
  computedTier: z.string(),
  overrideTier: z.string().nullable(),
  reason: z.string(),
  by: z.string(),
});

export const RegisterCheckSchema = z
  .object({
    code: z.string(),
    severity: z.enum(["high", "medium", "low", "info"]),
    message: z.string(),
    path: z.string(),
  })
  .openapi("RegisterCheck");

export const VendorDecisionRef = z
  .object({
    id: z.string(),
    assessmentId: z.string(),
    decision: z.enum(["approved", "approved_with_conditions", "rejected"]),
    reason: z.string(),
    conditions: z.string().nullable(),
    score: z.number().nullable(),
    residualRating: ResidualRating,
    nextReviewDate: z.string().nullable(),
    decidedBy: z.string(),
    decidedAt: z.string(),
  })
  .openapi("VendorDecisionRef");
export type VendorDecisionRef = z.infer<typeof VendorDecisionRef>;

export const VendorRisk = z
  .object({
    vendorId: z.string(),
    tier: RiskTier.openapi({
      description: "The tier in force: the override when set, else the computed one",
    }),
    computedTier: RiskTier,
    override: z.object({ tier: RiskTier, reason: z.string() }).nullable(),
    points: z.number(),
    reasons: z.array(z.object({ factor: z.string(), text: z.string(), points: z.number() })),
    recommendedQuestionnaire: z.string(),
    additionalQuestionnaires: z.array(z.string()),
    reassessmentMonths: z.number().int(),
    needsReassessment: z.boolean(),
    residualRating: ResidualRating.nullable().openapi({
      description:
        "From the latest completed review: the inherent tier and the assessment's score through the rating matrix",
    }),
    nextReviewDate: z.string().nullable().openapi({ description: "YYYY-MM-DD; null until reviewed" }),
    latestDecision: VendorDecisionRef.nullable(),
    checks: z.array(RegisterCheckSchema),
    checkSummary: z.record(z.string(), z.number()),
    history: z.array(TierHistoryEntry),
  })
  .openapi("VendorRisk");

const Location = z.object({
  country: z.string(),
  mechanism: z.string(),
  sccModule: z.number().int().optional(),
});

export const ProcessingRecordOut = z
  .object({
    id: z.string(),
    purpose: z.string(),
    legalBasis: z.string(),
    dataCategories: z.array(z.string()),
    art9Condition: z.string().optional(),
    art10Basis: z.string().optional(),
    dataSubjects: z.array(z.string()),
    subjectCount: z.number().int(),
    retention: z.string().optional(),
    frequency: z.string(),
    access: z.string(),
    locations: z.array(Location),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("ProcessingRecord");

export const SubprocessorOut = z
  .object({
    id: z.string(),
    name: z.string(),
    service: z.string(),
    country: z.string(),
    mechanism: z.string(),
    sccModule: z.number().int().optional(),
    dpfCertified: z.boolean(),
    canadaCommercial: z.boolean(),
    processingIds: z.array(z.string()),
    addedOn: z.string().optional(),
  })
  .openapi("Subprocessor");

export const VendorDetail = VendorSummary.extend({
  registeredAddress: z.string().nullable(),
  website: z.string().nullable(),
  serviceDescription: z.string().nullable(),
  businessOwner: z.string().nullable(),
  dpfCertified: z.boolean(),
  canadaCommercial: z.boolean(),
  ccpaServiceProvider: z.boolean(),
  dpoName: z.string().nullable(),
  dpoEmail: z.string().nullable(),
  euRepresentative: z.string().nullable(),
  signatoryName: z.string().nullable(),
  signatoryTitle: z.string().nullable(),
  offboarding: z
    .object({ disposition: z.string(), confirmedOn: z.string().nullable(), evidence: z.string().nullable() })
    .nullable(),
  contacts: z.array(Contact),
  processing: z.array(ProcessingRecordOut),
  subprocessors: z.array(SubprocessorOut),
  risk: VendorRisk,
}).openapi("VendorDetail");

export const VendorPage = z
  .object({ data: z.array(VendorSummary), nextCursor: z.string().nullable() })
  .openapi("VendorPage");
