import { z } from "@hono/zod-openapi";
import { apiRoute, jsonBody, jsonContent } from "../http/api-route.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { serviceContext } from "../http/service-context.ts";
import {
  readSettings,
  SETTING_FIELDS,
  SETTING_NAMES,
  type SettingField,
  updateSettings,
} from "./settings-service.ts";

type Spec<F extends SettingField> = (typeof SETTING_FIELDS)[F];

function described(name: SettingField, suffix = ""): string {
  const spec: { hint: string; fallback: unknown } = SETTING_FIELDS[name];
  const fallback = spec.fallback === null ? "" : ` Default: ${JSON.stringify(spec.fallback)}.`;
  return `${spec.hint}${fallback}${suffix}`;
}

const settingsShape = Object.fromEntries(
  SETTING_NAMES.map((name) => {
    const schema = SETTING_FIELDS[name].schema;
    const out = SETTING_FIELDS[name].fallback === null ? schema.nullable() : schema;
    return [name, out.openapi({ description: described(name) })];
  }),
) as unknown as {
  [F in SettingField]: Spec<F>["fallback"] extends null
    ? z.ZodNullable<Spec<F>["schema"]>
    : Spec<F>["schema"];
};

const patchShape = Object.fromEntries(
  SETTING_NAMES.map((name) => [
    name,
    SETTING_FIELDS[name].schema
      .nullable()
      .optional()
      .openapi({ description: described(name, " null clears it.") }),
  ]),
) as unknown as { [F in SettingField]: z.ZodOptional<z.ZodNullable<Spec<F>["schema"]>> };

export const Settings = z.object(settingsShape).openapi("Settings");
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z
  .object(patchShape)
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
      description: "Settings with a default read as their default until set; the others are null until set.",
      access: "read",
      responses: { 200: jsonContent(Settings, "The settings") },
    }),
    async (c) => c.json(await readSettings(c.var.deps.db), 200),
  );

  app.openapi(
    apiRoute({
      method: "patch",
      path: "/api/v1/settings",
      tags,
      summary: "Change organisation settings",
      description:
        "Only the fields sent change; null clears a setting (back to its default). Numbers and yes/no settings are JSON numbers and booleans.",
      access: "admin",
      request: { body: jsonBody(SettingsPatch) },
      responses: { 200: jsonContent(Settings, "The settings after the change") },
    }),
    async (c) => c.json(await updateSettings(serviceContext(c), c.req.valid("json")), 200),
  );

  return app;
}
