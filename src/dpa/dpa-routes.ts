import { createOpenApiApp } from "../http/openapi-app.ts";

// Placeholder mounted by app.ts; filled in by G (DPA API).
export function dpaRoutes() {
  return createOpenApiApp();
}
