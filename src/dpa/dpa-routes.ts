import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { apiRoute, ErrorEnvelope, IdParam, jsonContent } from "../http/api-route.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { serviceContext } from "../http/service-context.ts";
import { AppError, NotFoundError, ValidationError } from "../shared/errors.ts";
import { buildDpaExport } from "./dpa-export.ts";
import { dpaFileName, sendPdf } from "./dpa-files.ts";
import { findDpaPdf, findDpaVersion, findSignedDpaPdf } from "./dpa-queries.ts";
import {
  DocumentParam,
  GenerateDpaInput,
  GeneratedDpa,
  SignedDpaUpload,
  VendorDpaStatus,
} from "./dpa-schemas.ts";
import { generateDpa } from "./dpa-service.ts";
import { MAX_SIGNED_PDF_BYTES, markDpaSent, recordSignedDpa } from "./dpa-signing.ts";
import { dpaStatusForVendor, type VendorDpaStatus as StatusOut } from "./dpa-status.ts";

/** Room for the form fields that travel with the file in the same multipart body. */
const FORM_OVERHEAD = 512 * 1024;
const SIGNED_UPLOAD = /^(\/api\/v1)?\/dpa\/[^/]+\/signed$/;

/**
 * The countersigned-PDF uploads (API and page) take up to 20 MB: app.ts must leave these paths out of its
 * general body limits, and they set their own here.
 */
export function isDpaUploadPath(path: string): boolean {
  return SIGNED_UPLOAD.test(path);
}

/** The body limit of a countersigned-PDF upload. */
export const limitSignedUpload = bodyLimit({
  maxSize: MAX_SIGNED_PDF_BYTES + FORM_OVERHEAD,
  onError: () => {
    throw new AppError(
      "payload_too_large",
      `The file is larger than ${MAX_SIGNED_PDF_BYTES / 1024 / 1024} MB`,
    );
  },
});

/** The API's view of a vendor's DPA status: the service's, with download links. */
export function withLinks(status: StatusOut) {
  return {
    ...status,
    versions: status.versions.map((v) => ({
      ...v,
      downloadUrl: `/api/v1/dpa/${v.documentId}`,
      signedUrl: v.signed ? `/api/v1/dpa/${v.documentId}/signed` : null,
    })),
  };
}

async function statusOfDocument(c: Context<AppEnv>, documentId: string) {
  const row = await findDpaVersion(c.var.deps.db, documentId);
  if (!row) throw new NotFoundError("DPA document");
  return withLinks(await dpaStatusForVendor(c.var.deps.db, row.vendor_id, c.var.deps.clock.now()));
}

const pdfResponse = (description: string) => ({
  description,
  content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
});
const notFound = jsonContent(ErrorEnvelope, "No such vendor or DPA document");
const conflict = jsonContent(ErrorEnvelope, "Not possible in the version's current status");

/** DPAs: generate a version, download it, follow it through signature, export every current one. */
export function dpaRoutes() {
  const app = createOpenApiApp();
  const tags = ["DPAs"];

  // Registered before /api/v1/dpa/{documentId} so "export.zip" is never taken for a document id.
  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/dpa/export.zip",
      tags,
      summary: "Every approved vendor's current DPA in one ZIP",
      description:
        "The signed copy where there is one, else the latest generated version; README.txt lists the files with their SHA-256 and the approved vendors without a DPA.",
      access: "privacy",
      responses: {
        200: {
          description: "A ZIP",
          content: { "application/zip": { schema: z.string().openapi({ format: "binary" }) } },
        },
      },
    }),
    async (c) => {
      const { bytes } = await buildDpaExport(c.var.deps.db);
      const day = c.var.deps.clock.now().toISOString().slice(0, 10);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="vendorvet-dpas-${day}.zip"`,
        "Cache-Control": "private, no-store",
      }) as never;
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/vendors/{id}/dpa",
      tags,
      summary: "Generate the vendor's DPA from the register",
      description:
        "201 with a new version when the inputs (settings, register, latest completed assessment) changed since the latest version; 200 with that version when they did not. 422 lists what is missing (legal name, country, purposes).",
      access: "privacy",
      request: {
        params: IdParam,
        body: { required: false, content: { "application/json": { schema: GenerateDpaInput } } },
      },
      responses: {
        200: jsonContent(GeneratedDpa, "Nothing changed: the latest version"),
        201: jsonContent(GeneratedDpa, "A new version"),
        404: notFound,
        422: jsonContent(ErrorEnvelope, "The register or settings lack something the DPA needs"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json") ?? {};
      const result = await generateDpa(serviceContext(c), c.req.valid("param").id, body);
      const out = { documentId: result.documentId, version: result.version, sha256: result.sha256 };
      return result.created ? c.json(out, 201) : c.json(out, 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/vendors/{id}/dpa",
      tags,
      summary: "The vendor's DPA versions, the one in force and whether it is out of date",
      access: "read",
      request: { params: IdParam },
      responses: { 200: jsonContent(VendorDpaStatus, "The DPA status"), 404: notFound },
    }),
    async (c) => {
      const { db, clock } = c.var.deps;
      return c.json(withLinks(await dpaStatusForVendor(db, c.req.valid("param").id, clock.now())), 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/dpa/{documentId}",
      tags,
      summary: "The generated PDF of a DPA version, exactly as stored",
      access: "read",
      request: { params: DocumentParam },
      responses: { 200: pdfResponse("The PDF"), 404: notFound },
    }),
    async (c) => {
      const row = await findDpaPdf(c.var.deps.db, c.req.valid("param").documentId);
      if (!row) throw new NotFoundError("DPA document");
      return sendPdf(c, row.pdf, dpaFileName(row.vendor_name, row.version), row.sha256) as never;
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/dpa/{documentId}/sent",
      tags,
      summary: "Mark a generated version as sent for signature",
      access: "privacy",
      request: { params: DocumentParam },
      responses: {
        200: jsonContent(VendorDpaStatus, "The vendor's DPA status"),
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const { documentId } = c.req.valid("param");
      await markDpaSent(serviceContext(c), documentId);
      return c.json(await statusOfDocument(c, documentId), 200);
    },
  );

  app.use("/api/v1/dpa/:documentId/signed", (c, next) =>
    c.req.method === "POST" ? limitSignedUpload(c, next) : next(),
  );
  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/dpa/{documentId}/signed",
      tags,
      summary: "Upload the countersigned PDF; the version comes into force",
      description:
        "multipart/form-data with `file` (a PDF by its content, at most 20 MB) and `signedOn` (YYYY-MM-DD, not in the future). The previously signed version is superseded.",
      access: "privacy",
      request: {
        params: DocumentParam,
        body: { required: true, content: { "multipart/form-data": { schema: SignedDpaUpload } } },
      },
      responses: {
        200: jsonContent(VendorDpaStatus, "The vendor's DPA status"),
        404: notFound,
        409: conflict,
        413: jsonContent(ErrorEnvelope, "The file is larger than 20 MB"),
        415: jsonContent(ErrorEnvelope, "The file is not a PDF"),
      },
    }),
    async (c) => {
      const { documentId } = c.req.valid("param");
      const form = c.req.valid("form") as Record<string, unknown>;
      const file = form.file;
      if (!(file instanceof File))
        throw new ValidationError("The countersigned PDF is missing", [
          { path: "file", message: "attach the countersigned PDF as `file`" },
        ]);
      const signedOn = typeof form.signedOn === "string" ? form.signedOn.trim() : "";
      await recordSignedDpa(serviceContext(c), documentId, {
        bytes: new Uint8Array(await file.arrayBuffer()),
        signedOn,
      });
      return c.json(await statusOfDocument(c, documentId), 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/dpa/{documentId}/signed",
      tags,
      summary: "The countersigned PDF of a signed version",
      access: "read",
      request: { params: DocumentParam },
      responses: { 200: pdfResponse("The countersigned PDF as uploaded"), 404: notFound },
    }),
    async (c) => {
      const row = await findSignedDpaPdf(c.var.deps.db, c.req.valid("param").documentId);
      if (!row?.signed_pdf || !row.signed_sha256) throw new NotFoundError("Countersigned DPA");
      return sendPdf(
        c,
        row.signed_pdf,
        dpaFileName(row.vendor_name, row.version, true),
        row.signed_sha256,
      ) as never;
    },
  );

  return app;
}
