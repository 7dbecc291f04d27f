import { apiRoute, jsonBody, jsonContent } from "../http/api-route.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { serviceContext } from "../http/service-context.ts";
import { loadReviewPolicy, saveReviewPolicy } from "./review-policy.ts";
import { ReviewPolicy } from "./score-types.ts";

const ReviewPolicyBody = ReviewPolicy.openapi("ReviewPolicy", {
  description:
    "Score bands (minimum overall score of strong, good and fair; below fair is poor), the residual risk matrix " +
    "(inherent tier x band), how VSAQ warnings map to a band (rules tried in order, first match wins), default " +
    "finding due days by severity, and how many days before expiry evidence raises a reminder.",
});

/** The review policy: every staff member reads it, admins replace it. */
export function scoringSettingsRoutes() {
  const app = createOpenApiApp();
  const tags = ["Review policy"];

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/review-policy",
      tags,
      summary: "The review policy in force",
      description: "The defaults until an admin saves a policy.",
      access: "read",
      responses: { 200: jsonContent(ReviewPolicyBody, "The policy") },
    }),
    async (c) => c.json(await loadReviewPolicy(c.var.deps.db), 200),
  );

  app.openapi(
    apiRoute({
      method: "put",
      path: "/api/v1/review-policy",
      tags,
      summary: "Replace the review policy",
      description:
        "Send the whole policy. It applies to scores computed from now on; stored results keep the policy they used.",
      access: "admin",
      request: { body: jsonBody(ReviewPolicyBody) },
      responses: { 200: jsonContent(ReviewPolicyBody, "The policy as saved") },
    }),
    async (c) => c.json(await saveReviewPolicy(serviceContext(c), c.req.valid("json")), 200),
  );

  return app;
}
