import { z } from "@hono/zod-openapi";
import { apiRoute, IdParam, jsonBody, jsonContent } from "../http/api-route.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { serviceContext } from "../http/service-context.ts";
import { ApiToken, CreateApiToken, CreatedApiToken } from "./token-schemas.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "./token-service.ts";

export function tokenRoutes() {
  const app = createOpenApiApp();

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/tokens",
      tags: ["API tokens"],
      summary: "List API tokens (never their secrets)",
      access: "admin",
      responses: { 200: jsonContent(z.object({ data: z.array(ApiToken) }), "All tokens") },
    }),
    async (c) => c.json({ data: await listApiTokens(c.var.deps.db) }, 200),
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/tokens",
      tags: ["API tokens"],
      summary: "Create an API token",
      description:
        "The token acts with its user's role. Its secret is returned once and stored only as a hash.",
      access: "admin",
      request: { body: jsonBody(CreateApiToken) },
      responses: { 201: jsonContent(CreatedApiToken, "The token, with its secret shown once") },
    }),
    async (c) => c.json(await createApiToken(serviceContext(c), c.req.valid("json")), 201),
  );

  app.openapi(
    apiRoute({
      method: "delete",
      path: "/api/v1/tokens/{id}",
      tags: ["API tokens"],
      summary: "Revoke an API token",
      description: "The token stops working at once.",
      access: "admin",
      request: { params: IdParam },
      responses: {
        200: jsonContent(ApiToken, "The revoked token"),
        404: jsonContent(z.object({}), "No such token"),
      },
    }),
    async (c) => c.json(await revokeApiToken(serviceContext(c), c.req.valid("param").id), 200),
  );

  return app;
}
