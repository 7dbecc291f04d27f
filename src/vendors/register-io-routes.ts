import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { apiRoute, ErrorEnvelope, jsonContent } from "../http/api-route.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { serviceContext } from "../http/service-context.ts";
import { AppError, ValidationError } from "../shared/errors.ts";
import {
  exportFileName,
  loadRegister,
  registerCsv,
  registerRows,
  ropaCsv,
  ropaRows,
  templateCsv,
} from "./export-register.ts";
import { ImportMode, importRegisterCsv } from "./import-service.ts";
import { MAX_IMPORT_BYTES } from "./register-csv-layout.ts";

/** The import route's path: app.ts must leave it out of the 1 MiB API body limit (this file sets its own). */
export const IMPORT_PATH = "/api/v1/vendors/import";

const Tally = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
const ImportIssue = z
  .object({
    row: z.number().int().openapi({ description: "As a spreadsheet shows it: the header is row 1" }),
    column: z.string().nullable(),
    message: z.string(),
  })
  .openapi("ImportIssue");
const ImportReport = z
  .object({
    importId: z.string().nullable(),
    fileName: z.string(),
    sha256: z.string(),
    mode: ImportMode,
    dryRun: z.boolean(),
    rows: z.object({ total: z.number().int(), imported: z.number().int(), rejected: z.number().int() }),
    vendors: Tally,
    records: Tally,
    contacts: Tally,
    errors: z.array(ImportIssue),
  })
  .openapi("ImportReport");

const ImportQuery = z.object({
  mode: ImportMode.default("all").openapi({
    description:
      "all: nothing is written unless every row is valid. valid-only: import the valid rows, report the rest",
  }),
  dryRun: z
    .enum(["true", "false"])
    .default("false")
    .openapi({ description: "Validate and report; write nothing" }),
  name: z
    .string()
    .trim()
    .max(200)
    .optional()
    .openapi({ description: "The file's name, for the audit trail" }),
});
const ExportQuery = z.object({ format: z.enum(["csv", "json"]).default("csv") });

const csvContent = (description: string) => ({
  description,
  content: { "text/csv": { schema: z.string() }, "application/json": { schema: z.unknown() } },
});

/** CSV downloads carry a dated name; JSON is the same rows as objects. */
function download(c: Context<AppEnv>, kind: "register" | "ropa", csv: () => string, rows: () => unknown[]) {
  const now = c.var.deps.clock.now();
  const format = c.req.query("format") === "json" ? "json" : "csv";
  const disposition = `attachment; filename="${exportFileName(kind, now, format)}"`;
  if (format === "json") {
    c.header("Content-Disposition", disposition);
    return c.json({ generatedAt: now.toISOString(), rows: rows() }, 200);
  }
  return c.body(csv(), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": disposition,
  });
}

/** CSV import of the register, its template, and the register and Art. 30 exports. */
export function registerIoRoutes() {
  const app = createOpenApiApp();
  const tags = ["Register import and export"];

  app.use(IMPORT_PATH, (c, next) =>
    c.req.method === "POST"
      ? bodyLimit({
          maxSize: MAX_IMPORT_BYTES,
          onError: () => {
            throw new AppError("payload_too_large", `A CSV import may be at most ${MAX_IMPORT_BYTES} bytes`);
          },
        })(c, next)
      : next(),
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: `${IMPORT_PATH}/template.csv`,
      tags,
      summary: "The import template: the header and two example rows",
      access: "read",
      responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } } },
    }),
    (c) =>
      c.body(templateCsv(), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="vendorvet-import-template.csv"',
      }),
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: IMPORT_PATH,
      tags,
      summary: "Import vendors and their data-sharing records from CSV",
      description: `The layout is in docs/csv-import.md. Send the file as the body (text/csv) or as the form field \`file\`. Every row is validated first; errors come with their row and column. Vendors match by name, records by vendor and purpose, contacts by email, so importing a file again creates no duplicates. At most ${MAX_IMPORT_BYTES} bytes.`,
      access: "procure",
      request: {
        query: ImportQuery,
        body: {
          // Not `required`: that would run the form check on text/csv bodies too.
          content: {
            "text/csv": { schema: z.string() },
            "text/plain": { schema: z.string() },
            "multipart/form-data": {
              schema: z.object({ file: z.any().optional().openapi({ type: "string", format: "binary" }) }),
            },
          },
        },
      },
      responses: {
        200: jsonContent(
          ImportReport,
          "What was (or, for a dry run, would be) created, updated and left unchanged",
        ),
        413: jsonContent(ErrorEnvelope, "The file is too large"),
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      let text: string;
      let fileName = query.name ?? "upload.csv";
      if ((c.req.header("content-type") ?? "").startsWith("multipart/form-data")) {
        const file: unknown = (c.req.valid("form") as { file?: unknown }).file;
        if (!(file instanceof File)) {
          throw new ValidationError("Send the CSV in the form field file", [
            { path: "file", message: "required" },
          ]);
        }
        text = await file.text();
        fileName = query.name ?? file.name;
      } else text = await c.req.text();
      const report = await importRegisterCsv(serviceContext(c), {
        text,
        fileName,
        mode: query.mode,
        dryRun: query.dryRun === "true",
      });
      return c.json(report, 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/register/export.csv",
      tags,
      summary: "The register as CSV, in the import layout (one row per data-sharing record)",
      access: "read",
      request: { query: ExportQuery },
      responses: { 200: csvContent("The register") },
    }),
    async (c) => {
      const register = await loadRegister(c.var.deps.db);
      return download(
        c,
        "register",
        () => registerCsv(register),
        () => registerRows(register),
      );
    },
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/register/ropa.csv",
      tags,
      summary: "The GDPR Art. 30(1) record of processing activities, one row per data-sharing record",
      description:
        "Recipients, purposes, categories of data subjects and personal data (special categories marked), transfers with their safeguards, retention and a reference to the security measures. Rejected and offboarded vendors are left out.",
      access: "read",
      request: { query: ExportQuery },
      responses: { 200: csvContent("The record of processing activities") },
    }),
    async (c) => {
      const register = await loadRegister(c.var.deps.db);
      return download(
        c,
        "ropa",
        () => ropaCsv(register),
        () => ropaRows(register),
      );
    },
  );

  return app;
}
