import { createOpenApiApp } from "../http/openapi-app.ts";

// Placeholder mounted by app.ts; filled in by C (review API).
export function reviewRoutes() {
  return createOpenApiApp();
}
