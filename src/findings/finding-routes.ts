import { z } from "@hono/zod-openapi";
import { apiRoute, ErrorEnvelope, IdParam, jsonBody, jsonContent } from "../http/api-route.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { serviceContext } from "../http/service-context.ts";
import { exportFindingsCsv, findingsFileName } from "./finding-csv.ts";
import {
  AcceptRiskInput,
  CreateFinding,
  Finding,
  FindingFilters,
  FindingListQuery,
  FindingPage,
  RemediationPlanInput,
  ReopenInput,
  ResolveInput,
} from "./finding-schemas.ts";
import {
  acceptRisk,
  createReviewerFinding,
  getFinding,
  listFindingPage,
  planRemediation,
  reopenFinding,
  resolveFinding,
} from "./finding-service.ts";

const notFound = jsonContent(ErrorEnvelope, "No such finding");
const conflict = jsonContent(ErrorEnvelope, "The finding's status does not allow this step");

/** The tracked findings across vendors: list, export, read, add, and the steps of their lifecycle. */
export function findingRoutes() {
  const app = createOpenApiApp();
  const tags = ["Findings"];

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/findings",
      tags,
      summary: "List findings across vendors, soonest due first",
      description:
        "Filters combine with AND. Pages are keyset-paginated on the due date: pass nextCursor as cursor. `counts` covers every match.",
      access: "read",
      request: { query: FindingListQuery },
      responses: { 200: jsonContent(FindingPage, "A page of findings") },
    }),
    async (c) =>
      c.json(await listFindingPage(c.var.deps.db, c.req.valid("query"), c.var.deps.clock.now()), 200),
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/findings/export.csv",
      tags,
      summary: "Every finding matching the filters, as CSV",
      description:
        "The same filters as the list, without paging. UTF-8 with a BOM; formula-like cells are quoted.",
      access: "read",
      request: { query: FindingFilters },
      responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } } },
    }),
    async (c) => {
      const { db, clock } = c.var.deps;
      const now = clock.now();
      return c.body(await exportFindingsCsv(db, c.req.valid("query"), now), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${findingsFileName(now)}"`,
      });
    },
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/findings/{id}",
      tags,
      summary: "One finding with the answer that raised it",
      access: "read",
      request: { params: IdParam },
      responses: { 200: jsonContent(Finding, "The finding"), 404: notFound },
    }),
    async (c) =>
      c.json(await getFinding(c.var.deps.db, c.req.valid("param").id, c.var.deps.clock.now()), 200),
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/findings",
      tags,
      summary: "Add a reviewer's finding",
      description:
        "Opens a finding about a vendor, optionally about one question of one of its assessments. A copy of a finding still open (open or remediation planned) about the same assessment and question with the same title (ignoring case and spacing) is refused with 409 `conflict`.",
      access: "privacy",
      request: { body: jsonBody(CreateFinding) },
      responses: {
        201: jsonContent(Finding, "The new finding"),
        409: jsonContent(
          ErrorEnvelope,
          "A finding with the same title is still open about the same assessment and question; details.findingId names it",
        ),
      },
    }),
    async (c) => c.json(await createReviewerFinding(serviceContext(c), c.req.valid("json")), 201),
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/findings/{id}/remediation-plan",
      tags,
      summary: "Record (or revise) the vendor's remediation plan and target date",
      access: "procure",
      request: { params: IdParam, body: jsonBody(RemediationPlanInput) },
      responses: {
        200: jsonContent(Finding, "The finding, remediation planned"),
        404: notFound,
        409: conflict,
      },
    }),
    async (c) =>
      c.json(await planRemediation(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/findings/{id}/resolve",
      tags,
      summary: "Resolve a finding whose remediation is done",
      access: "privacy",
      request: { params: IdParam, body: jsonBody(ResolveInput) },
      responses: { 200: jsonContent(Finding, "The finding, resolved"), 404: notFound, 409: conflict },
    }),
    async (c) =>
      c.json(await resolveFinding(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/findings/{id}/accept-risk",
      tags,
      summary: "Accept the risk until a date; the finding reopens after it",
      access: "privacy",
      request: { params: IdParam, body: jsonBody(AcceptRiskInput) },
      responses: { 200: jsonContent(Finding, "The finding, risk accepted"), 404: notFound, 409: conflict },
    }),
    async (c) =>
      c.json(await acceptRisk(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/findings/{id}/reopen",
      tags,
      summary: "Reopen a resolved finding or end a risk acceptance early",
      access: "privacy",
      request: { params: IdParam, body: jsonBody(ReopenInput) },
      responses: { 200: jsonContent(Finding, "The finding, open again"), 404: notFound, 409: conflict },
    }),
    async (c) =>
      c.json(await reopenFinding(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );

  return app;
}
