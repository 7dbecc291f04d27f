import { z } from "@hono/zod-openapi";
import { apiRoute, jsonContent } from "../http/api-route.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { listAuditEvents } from "./audit-queries.ts";
import { AuditEvent, AuditQuery, AuditVerifyResult, toAuditEvent } from "./audit-schemas.ts";
import { verifyAuditChain } from "./audit-verify.ts";

const AuditPage = z
  .object({ data: z.array(AuditEvent), nextCursor: z.number().int().nullable() })
  .openapi("AuditPage");

export function auditRoutes() {
  const app = createOpenApiApp();

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/audit",
      tags: ["Audit"],
      summary: "Audit events, newest first",
      access: "audit",
      request: { query: AuditQuery },
      responses: { 200: jsonContent(AuditPage, "A page of events") },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const rows = await listAuditEvents(c.var.deps.db, { ...q, before: q.cursor, limit: q.limit + 1 });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return c.json(
        { data: page.map(toAuditEvent), nextCursor: rows.length > q.limit && last ? last.seq : null },
        200,
      );
    },
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/audit/verify",
      tags: ["Audit"],
      summary: "Check the hash chain and name the first broken link",
      access: "audit",
      responses: { 200: jsonContent(AuditVerifyResult, "The result of the check") },
    }),
    async (c) => c.json(await verifyAuditChain(c.var.deps.db), 200),
  );

  return app;
}
