import { createOpenApiApp } from "../http/openapi-app.ts";

// Placeholder mounted by app.ts; filled in by A (scoring settings API).
export function scoringSettingsRoutes() {
  return createOpenApiApp();
}
