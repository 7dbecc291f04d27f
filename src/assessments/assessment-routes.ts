import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { apiRoute, ErrorEnvelope, IdParam, jsonBody, jsonContent } from "../http/api-route.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { serviceContext } from "../http/service-context.ts";
import {
  addRecipient,
  cancelAssessment,
  reissueInvite,
  remindNow,
  revokeInvite,
} from "./assessment-actions.ts";
import { listAssessments } from "./assessment-queries.ts";
import { getAssessmentDetail, toAssessmentSummary } from "./assessment-read.ts";
import {
  AssessmentDetail,
  AssessmentListQuery,
  AssessmentPage,
  CancelAssessment,
  CreateAssessment,
  Recipient,
  RemindInput,
} from "./assessment-schemas.ts";
import { createAssessment } from "./assessment-service.ts";

const notFound = jsonContent(ErrorEnvelope, "No such assessment (or invite)");
const conflict = jsonContent(ErrorEnvelope, "Not possible in the assessment's current status");
const InviteParams = IdParam.extend({
  inviteId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "inviteId", in: "path" } }),
});
const optionalBody = <T extends z.ZodType>(schema: T) => ({
  required: false,
  content: { "application/json": { schema } },
});

function detail(c: Context<AppEnv>, id: string) {
  const { db, clock, config } = c.var.deps;
  return getAssessmentDetail(db, id, clock.now(), config);
}

/** Sending questionnaires and following them up: create, read, list, cancel, invites and reminders. */
export function assessmentRoutes() {
  const app = createOpenApiApp();
  const tags = ["Assessments"];

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/assessments",
      tags,
      summary: "Send a questionnaire to a vendor",
      description:
        "Stores the assessment with the exact questionnaire version (the latest published one unless `version` is given) and emails each recipient a personal link.",
      access: "procure",
      request: { body: jsonBody(CreateAssessment) },
      responses: {
        201: jsonContent(AssessmentDetail, "The new assessment"),
        409: jsonContent(ErrorEnvelope, "The vendor is rejected or offboarded"),
      },
    }),
    async (c) => {
      const row = await createAssessment(serviceContext(c), c.req.valid("json"));
      return c.json(await detail(c, row.id), 201);
    },
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/assessments",
      tags,
      summary: "List assessments, newest first",
      description: "Filters combine with AND. Pages are keyset-paginated: pass nextCursor as cursor.",
      access: "read",
      request: { query: AssessmentListQuery },
      responses: { 200: jsonContent(AssessmentPage, "A page of assessments") },
    }),
    async (c) => {
      const now = c.var.deps.clock.now();
      const { rows, nextCursor } = await listAssessments(c.var.deps.db, c.req.valid("query"), now);
      return c.json({ data: rows.map((r) => toAssessmentSummary(r, now)), nextCursor }, 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/assessments/{id}",
      tags,
      summary: "One assessment: status, invites, progress, answers, evidence, score and findings",
      access: "read",
      request: { params: IdParam },
      responses: { 200: jsonContent(AssessmentDetail, "The assessment"), 404: notFound },
    }),
    async (c) => c.json(await detail(c, c.req.valid("param").id), 200),
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/assessments/{id}/cancel",
      tags,
      summary: "Cancel an assessment; all its links stop working",
      access: "procure",
      request: { params: IdParam, body: optionalBody(CancelAssessment) },
      responses: { 200: jsonContent(AssessmentDetail, "The assessment"), 404: notFound, 409: conflict },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await cancelAssessment(serviceContext(c), id, c.req.valid("json") ?? {});
      return c.json(await detail(c, id), 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/assessments/{id}/invites",
      tags,
      summary: "Invite one more person at the vendor",
      access: "procure",
      request: { params: IdParam, body: jsonBody(Recipient) },
      responses: { 201: jsonContent(AssessmentDetail, "The assessment"), 404: notFound, 409: conflict },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await addRecipient(serviceContext(c), id, c.req.valid("json"));
      return c.json(await detail(c, id), 201);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/assessments/{id}/invites/{inviteId}/revoke",
      tags,
      summary: "Revoke an invite: every link it was sent stops working",
      access: "procure",
      request: { params: InviteParams },
      responses: { 200: jsonContent(AssessmentDetail, "The assessment"), 404: notFound, 409: conflict },
    }),
    async (c) => {
      const { id, inviteId } = c.req.valid("param");
      await revokeInvite(serviceContext(c), id, inviteId);
      return c.json(await detail(c, id), 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/assessments/{id}/invites/{inviteId}/reissue",
      tags,
      summary: "Replace an invite: the old links stop, the same person gets a new one by email",
      access: "procure",
      request: { params: InviteParams },
      responses: { 201: jsonContent(AssessmentDetail, "The assessment"), 404: notFound, 409: conflict },
    }),
    async (c) => {
      const { id, inviteId } = c.req.valid("param");
      await reissueInvite(serviceContext(c), id, inviteId);
      return c.json(await detail(c, id), 201);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/assessments/{id}/remind",
      tags,
      summary: "Remind now: every active recipient gets a reminder with a new link",
      description: "At most one reminder a day (UTC) per assessment unless `force` is true.",
      access: "procure",
      request: { params: IdParam, body: optionalBody(RemindInput) },
      responses: { 200: jsonContent(AssessmentDetail, "The assessment"), 404: notFound, 409: conflict },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await remindNow(serviceContext(c), id, c.req.valid("json") ?? {});
      return c.json(await detail(c, id), 200);
    },
  );

  return app;
}
