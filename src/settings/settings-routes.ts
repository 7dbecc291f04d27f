import { z } from "@hono/zod-openapi";
import { apiRoute, jsonBody, jsonContent } from "../http/api-route.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { serviceContext } from "../http/service-context.ts";
import { readSettings, SETTING_FIELDS, updateSettings } from "./settings-service.ts";

const orgName = SETTING_FIELDS.organisationName;

export const Settings = z
  .object({
    organisationName: z.string().nullable().openapi({ description: orgName.hint }),
  })
  .openapi("Settings");
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z
  .object({
    organisationName: orgName.schema
      .nullable()
      .optional()
      .openapi({ description: `${orgName.hint} null clears it.` }),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to change" })
  .openapi("SettingsPatch");
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** The organisation settings: every staff member reads them, admins change them. */
export function settingsRoutes() {
  const app = createOpenApiApp();
  const tags = ["Settings"];

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/settings",
      tags,
      summary: "The organisation settings",
      access: "read",
      responses: { 200: jsonContent(Settings, "The settings; null where not set") },
    }),
    async (c) => c.json(await readSettings(c.var.deps.db), 200),
  );

  app.openapi(
    apiRoute({
      method: "patch",
      path: "/api/v1/settings",
      tags,
      summary: "Change organisation settings",
      description: "Only the fields sent change; null clears a setting.",
      access: "admin",
      request: { body: jsonBody(SettingsPatch) },
      responses: { 200: jsonContent(Settings, "The settings after the change") },
    }),
    async (c) => c.json(await updateSettings(serviceContext(c), c.req.valid("json")), 200),
  );

  return app;
}
