import { type OpenAPIHono, z } from "@hono/zod-openapi";
import { apiRoute } from "../http/api-route.ts";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { NotFoundError } from "../shared/errors.ts";
import { sendEvidenceFile } from "./evidence-download.ts";
import { findEvidence } from "./evidence-service.ts";

const EvidenceParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, description: "The assessment id" }),
  fileId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "fileId", in: "path" }, description: "The evidence file id" }),
});

/** Staff downloads of vendor evidence: the JSON API (documented) and the same for the staff pages. */
export function evidenceRoutes(): OpenAPIHono<AppEnv> {
  const api = createOpenApiApp();
  api.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/assessments/{id}/evidence/{fileId}",
      tags: ["Assessments"],
      summary: "Download an evidence file a vendor uploaded",
      description:
        "Always sent as an attachment with the type found in the file's content at upload, never rendered inline.",
      access: "read",
      request: { params: EvidenceParams },
      responses: {
        200: {
          description: "The file (PDF, PNG, JPEG, DOCX or XLSX)",
          content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
        },
        404: { description: "No such file in this assessment" },
      },
    }),
    async (c) => {
      const { id, fileId } = c.req.valid("param");
      const file = await findEvidence(c.var.deps.db, id, fileId);
      if (!file) throw new NotFoundError("Evidence file");
      // The typed route helpers only know JSON bodies; a file download is a plain Response.
      return (await sendEvidenceFile(c, c.var.deps.config.uploadDir, file)) as never;
    },
  );

  // The same download for the staff pages (session cookie), outside the API's JSON error handling.
  api.get("/assessments/:id/evidence/:fileId", requireAccess("read"), async (c) => {
    const file = await findEvidence(c.var.deps.db, c.req.param("id"), c.req.param("fileId"));
    if (!file) throw new NotFoundError("Evidence file");
    return sendEvidenceFile(c, c.var.deps.config.uploadDir, file);
  });
  return api;
}
