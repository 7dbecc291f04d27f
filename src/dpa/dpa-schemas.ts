import { z } from "@hono/zod-openapi";

const Sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .openapi({ description: "SHA-256 of the bytes, hex" });
const Day = z.iso.date().openapi({ example: "2026-03-02" });

export const GenerateDpaInput = z
  .object({
    effectiveDate: z.iso.date({ error: "must be a date as YYYY-MM-DD" }).optional().openapi({
      description: "When the agreement takes effect; today (UTC) unless given",
      example: "2026-03-02",
    }),
  })
  .strict()
  .openapi("GenerateDpaInput");
export type GenerateDpaInput = z.infer<typeof GenerateDpaInput>;

export const GeneratedDpa = z
  .object({
    documentId: z.string(),
    version: z.number().int(),
    sha256: Sha256,
  })
  .openapi("GeneratedDpa");

export const DpaVersion = z
  .object({
    documentId: z.string(),
    version: z.number().int(),
    status: z.enum(["generated", "sent_for_signature", "signed", "superseded"]),
    effectiveDate: Day,
    sha256: Sha256,
    size: z.number().int(),
    pages: z.number().int(),
    createdBy: z.string(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    supersededAt: z.string().nullable(),
    signed: z
      .object({ sha256: Sha256, signedOn: Day, uploadedBy: z.string(), uploadedAt: z.string() })
      .nullable()
      .openapi({ description: "The countersigned copy, once uploaded" }),
    changes: z
      .array(z.string())
      .openapi({ description: "What changed in the inputs since the previous version; empty for the first" }),
    downloadUrl: z.string(),
    signedUrl: z.string().nullable(),
  })
  .openapi("DpaVersion");

export const VendorDpaStatus = z
  .object({
    vendorId: z.string(),
    vendorName: z.string(),
    versions: z.array(DpaVersion).openapi({ description: "Newest first" }),
    inForce: z
      .object({ documentId: z.string(), version: z.number().int(), signedOn: Day })
      .nullable()
      .openapi({ description: "The latest signed version" }),
    outOfDate: z.boolean().openapi({
      description: "The register, settings or assessment changed since the version in force was generated",
    }),
    changesSinceSigned: z.array(z.string()),
    changesSinceLatest: z.array(z.string()).openapi({
      description: "What a newly generated version would change; empty when it would be the same",
    }),
    ready: z.boolean().openapi({ description: "Whether a DPA can be generated now" }),
    problems: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .openapi({ description: "What is missing when not ready" }),
  })
  .openapi("VendorDpaStatus");

export const SignedDpaUpload = z
  .object({
    file: z
      .any()
      .openapi({ type: "string", format: "binary", description: "The countersigned PDF, at most 20 MB" }),
    signedOn: z
      .string()
      .optional()
      .openapi({ description: "The date of the last signature, YYYY-MM-DD", example: "2026-03-02" }),
  })
  .openapi("SignedDpaUpload");

export const DocumentParam = z.object({
  documentId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "documentId", in: "path" }, description: "The DPA document id" }),
});
