import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { getAssessmentDetail } from "../assessments/assessment-read.ts";
import { AssessmentDetail } from "../assessments/assessment-schemas.ts";
import { apiRoute, ErrorEnvelope, IdParam, jsonBody, jsonContent } from "../http/api-route.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { serviceContext } from "../http/service-context.ts";
import { requestClarification } from "./clarification-service.ts";
import { addComment } from "./comment-service.ts";
import { completeReview } from "./completion-service.ts";
import { removeScoreOverride, setScoreOverride } from "./override-service.ts";
import { listVendorDecisions } from "./review-read.ts";
import {
  AssessmentComment,
  ClarificationInput,
  CommentInput,
  CompleteReviewInput,
  ScoreOverrideInput,
  VendorDecisionList,
} from "./review-schemas.ts";

const notFound = jsonContent(ErrorEnvelope, "No such assessment (or question)");
const conflict = jsonContent(ErrorEnvelope, "Not possible in the assessment's current status");
const QuestionParams = IdParam.extend({
  questionId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "questionId", in: "path" } }),
});

function detail(c: Context<AppEnv>, id: string) {
  const { db, clock, config } = c.var.deps;
  return getAssessmentDetail(db, id, clock.now(), config);
}

/** The review of a submitted assessment: overrides, comments, clarification, completion and the decisions. */
export function reviewRoutes() {
  const app = createOpenApiApp();
  const tags = ["Reviews"];

  app.openapi(
    apiRoute({
      method: "put",
      path: "/api/v1/assessments/{id}/overrides/{questionId}",
      tags,
      summary: "Override the score of one question, with the reason",
      description:
        "Only while the assessment is submitted or awaiting clarification, and only for a question that is scored (shown and weighted). The assessment is rescored at once; the breakdown marks the question as overridden.",
      access: "privacy",
      request: { params: QuestionParams, body: jsonBody(ScoreOverrideInput) },
      responses: {
        200: jsonContent(AssessmentDetail, "The assessment, rescored"),
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const { id, questionId } = c.req.valid("param");
      await setScoreOverride(serviceContext(c), id, questionId, c.req.valid("json"));
      return c.json(await detail(c, id), 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "delete",
      path: "/api/v1/assessments/{id}/overrides/{questionId}",
      tags,
      summary: "Remove an override: the question scores from its answer again",
      description:
        "Only while the assessment is submitted or awaiting clarification. A question without an override (never overridden, or already removed) answers 404 with nothing changed; the review page treats that as already done.",
      access: "privacy",
      request: { params: QuestionParams },
      responses: {
        200: jsonContent(AssessmentDetail, "The assessment, rescored"),
        404: jsonContent(ErrorEnvelope, "No such assessment, or the question has no override"),
        409: conflict,
      },
    }),
    async (c) => {
      const { id, questionId } = c.req.valid("param");
      await removeScoreOverride(serviceContext(c), id, questionId);
      return c.json(await detail(c, id), 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/assessments/{id}/comments",
      tags,
      summary: "Comment on an assessment or one of its questions (staff only; the vendor never sees it)",
      access: "privacy",
      request: { params: IdParam, body: jsonBody(CommentInput) },
      responses: { 201: jsonContent(AssessmentComment, "The comment"), 404: notFound },
    }),
    async (c) => {
      const comment = await addComment(serviceContext(c), c.req.valid("param").id, c.req.valid("json"));
      return c.json(comment, 201);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/assessments/{id}/clarifications",
      tags,
      summary: "Ask the vendor to clarify chosen answers",
      description:
        "The assessment must be submitted. It goes back to clarification_requested; every recipient whose invite is not revoked gets an email with a fresh link listing the questions and messages. The vendor can change only those answers (and follow-up questions they reveal), then resubmits, which rescores the assessment.",
      access: "privacy",
      request: { params: IdParam, body: jsonBody(ClarificationInput) },
      responses: { 201: jsonContent(AssessmentDetail, "The assessment"), 404: notFound, 409: conflict },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await requestClarification(serviceContext(c), id, c.req.valid("json"));
      return c.json(await detail(c, id), 201);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/assessments/{id}/complete",
      tags,
      summary: "Complete the review with the decision on the vendor",
      description:
        "The assessment must be submitted (not awaiting clarification). Records the decision with the score and residual rating, sets the vendor's residual rating, next review date (from its tier's reassessment interval; none after a rejection) and status. Approving while the vendor has open critical findings is refused (409, code risk_acceptance_required, with the findings in details) unless each risk is accepted first or `acceptRisk` accepts them in the same step.",
      access: "privacy",
      request: { params: IdParam, body: jsonBody(CompleteReviewInput) },
      responses: {
        200: jsonContent(AssessmentDetail, "The completed assessment with its decision"),
        404: notFound,
        409: jsonContent(
          ErrorEnvelope,
          "Wrong status, a vendor status the rules do not allow, or open critical findings",
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await completeReview(serviceContext(c), id, c.req.valid("json"));
      return c.json(await detail(c, id), 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/vendors/{id}/decisions",
      tags,
      summary: "A vendor's review decisions, newest first",
      access: "read",
      request: { params: IdParam },
      responses: {
        200: jsonContent(VendorDecisionList, "The decisions"),
        404: jsonContent(ErrorEnvelope, "No such vendor"),
      },
    }),
    async (c) => {
      const data = await listVendorDecisions(c.var.deps.db, c.req.valid("param").id);
      return c.json({ data }, 200);
    },
  );

  return app;
}
