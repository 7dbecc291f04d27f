import { createOpenApiApp } from "../http/openapi-app.ts";

// Placeholder mounted by app.ts; filled in by B (findings API).
export function findingRoutes() {
  return createOpenApiApp();
}
