import { z } from "@hono/zod-openapi";
import { apiRoute, ErrorEnvelope, IdParam, jsonBody, jsonContent } from "../http/api-route.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { serviceContext } from "../http/service-context.ts";
import {
  addProcessingRecord,
  addSubprocessor,
  deleteProcessingRecord,
  deleteSubprocessor,
  overrideTier,
  ProcessingInput,
  SubprocessorInput,
  updateProcessingRecord,
} from "./register-service.ts";
import { getVendorRisk } from "./vendor-read.ts";
import { ProcessingRecordOut, SubprocessorOut, TierOverride, VendorRisk } from "./vendor-schemas.ts";

const notFound = jsonContent(ErrorEnvelope, "No such vendor or record");
const RecordParams = IdParam.extend({
  recordId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "recordId", in: "path" } }),
});
const SubParams = IdParam.extend({
  subId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "subId", in: "path" } }),
});
const RecordResult = z.object({ record: ProcessingRecordOut, tier: z.string() }).openapi("ProcessingResult");
const SubResult = z.object({ subprocessor: SubprocessorOut, tier: z.string() }).openapi("SubprocessorResult");

/** Data-sharing records, sub-processors and inherent risk of one vendor. */
export function registerRoutes() {
  const app = createOpenApiApp();
  const tags = ["Register"];

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/vendors/{id}/processing",
      tags,
      summary: "Record personal data shared with the vendor",
      description:
        "Purpose, legal basis, categories of personal data and data subjects, volume, retention, frequency, access and processing locations with their transfer mechanism. Special categories need an Art. 9(2) condition. Recomputes the inherent tier.",
      access: "procure",
      request: { params: IdParam, body: jsonBody(ProcessingInput) },
      responses: {
        201: jsonContent(RecordResult, "The record and the vendor's tier after it"),
        404: notFound,
      },
    }),
    async (c) => {
      const { record, risk } = await addProcessingRecord(
        serviceContext(c),
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json({ record, tier: risk.tier }, 201);
    },
  );

  app.openapi(
    apiRoute({
      method: "put",
      path: "/api/v1/vendors/{id}/processing/{recordId}",
      tags,
      summary: "Replace a data-sharing record",
      access: "procure",
      request: { params: RecordParams, body: jsonBody(ProcessingInput) },
      responses: { 200: jsonContent(RecordResult, "The record"), 404: notFound },
    }),
    async (c) => {
      const { id, recordId } = c.req.valid("param");
      const { record, risk } = await updateProcessingRecord(
        serviceContext(c),
        id,
        recordId,
        c.req.valid("json"),
      );
      return c.json({ record, tier: risk.tier }, 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "delete",
      path: "/api/v1/vendors/{id}/processing/{recordId}",
      tags,
      summary: "Remove a data-sharing record",
      access: "procure",
      request: { params: RecordParams },
      responses: { 204: { description: "Removed" }, 404: notFound },
    }),
    async (c) => {
      const { id, recordId } = c.req.valid("param");
      await deleteProcessingRecord(serviceContext(c), id, recordId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/vendors/{id}/subprocessors",
      tags,
      summary: "Record a sub-processor",
      description:
        "Name, service, country, the vendor's data-sharing records it touches, transfer mechanism and date added.",
      access: "procure",
      request: { params: IdParam, body: jsonBody(SubprocessorInput) },
      responses: { 201: jsonContent(SubResult, "The sub-processor"), 404: notFound },
    }),
    async (c) => {
      const { subprocessor, risk } = await addSubprocessor(
        serviceContext(c),
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json({ subprocessor, tier: risk.tier }, 201);
    },
  );

  app.openapi(
    apiRoute({
      method: "delete",
      path: "/api/v1/vendors/{id}/subprocessors/{subId}",
      tags,
      summary: "Remove a sub-processor",
      access: "procure",
      request: { params: SubParams },
      responses: { 204: { description: "Removed" }, 404: notFound },
    }),
    async (c) => {
      const { id, subId } = c.req.valid("param");
      await deleteSubprocessor(serviceContext(c), id, subId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/vendors/{id}/risk",
      tags,
      summary: "Inherent tier with reasons, residual rating, register checks and tier history",
      access: "read",
      request: { params: IdParam },
      responses: { 200: jsonContent(VendorRisk, "The vendor's risk"), 404: notFound },
    }),
    async (c) => c.json(await getVendorRisk(c.var.deps.db, c.req.valid("param").id), 200),
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/vendors/{id}/risk/override",
      tags,
      summary: "Override the computed tier with a written reason (tier null removes it)",
      access: "privacy",
      request: { params: IdParam, body: jsonBody(TierOverride) },
      responses: { 200: jsonContent(VendorRisk, "The vendor's risk"), 404: notFound },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await overrideTier(serviceContext(c), id, c.req.valid("json"));
      return c.json(await getVendorRisk(c.var.deps.db, id), 200);
    },
  );

  return app;
}
