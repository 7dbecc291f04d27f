import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "kysely";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { errorBody } from "../shared/errors.ts";

const Health = z.object({ status: z.literal("ok") }).openapi("Health");

export function healthRoutes() {
  const app = createOpenApiApp();
  app.openapi(
    createRoute({
      method: "get",
      path: "/healthz",
      tags: ["System"],
      summary: "Liveness and database reachability; no authentication",
      responses: {
        200: { description: "Up", content: { "application/json": { schema: Health } } },
        503: {
          description: "The database cannot be reached",
          content: { "application/json": { schema: z.object({}) } },
        },
      },
    }),
    async (c) => {
      try {
        await sql`select 1`.execute(c.var.deps.db);
        return c.json({ status: "ok" as const }, 200);
      } catch {
        return c.json(errorBody("internal", "database unreachable"), 503);
      }
    },
  );
  return app;
}
