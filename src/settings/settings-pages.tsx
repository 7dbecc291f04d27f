import type { Context } from "hono";
import { Hono } from "hono";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { serviceContext } from "../http/service-context.ts";
import { AppError, type FieldIssue } from "../shared/errors.ts";
import { ErrorSummary, TextField } from "../vendors/pages/form-fields.tsx";
import { CsrfField, Layout, Notice } from "../web/layout.tsx";
import {
  readSettings,
  SETTING_FIELDS,
  SETTING_NAMES,
  type SettingField,
  updateSettings,
} from "./settings-service.ts";

type Values = Record<SettingField, string>;

const LABELS = Object.fromEntries(SETTING_NAMES.map((n) => [n, SETTING_FIELDS[n].label]));

async function renderSettings(
  c: Context<AppEnv>,
  form: { values?: Values; issues?: FieldIssue[] } = {},
  status: 200 | 400 = 200,
) {
  const principal = c.var.principal;
  const stored = await readSettings(c.var.deps.db);
  const values =
    form.values ?? (Object.fromEntries(SETTING_NAMES.map((n) => [n, stored[n] ?? ""])) as Values);
  const saved = c.req.query("notice") === "saved" && !form.issues;
  return c.html(
    <Layout title="Settings" principal={principal} currentPath="/admin/settings">
      <h1>Settings</h1>
      <Notice message={saved ? "Settings saved." : undefined} />
      <ErrorSummary issues={form.issues} labels={LABELS} />
      <form method="post" action="/admin/settings">
        <CsrfField principal={principal} />
        <fieldset>
          <legend>Your organisation</legend>
          {SETTING_NAMES.map((name) => (
            <TextField
              path={name}
              label={SETTING_FIELDS[name].label}
              hint={SETTING_FIELDS[name].hint}
              value={values[name]}
              issues={form.issues}
            />
          ))}
        </fieldset>
        <button type="submit">Save settings</button>
      </form>
    </Layout>,
    status,
  );
}

/** The admin page for the organisation settings; an empty field clears its setting. */
export function settingsPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/admin/settings", requireAccess("admin"));

  app.get("/admin/settings", (c) => renderSettings(c));

  app.post("/admin/settings", async (c) => {
    const body = await c.req.parseBody();
    const values = Object.fromEntries(
      SETTING_NAMES.map((n) => [n, typeof body[n] === "string" ? body[n].trim() : ""]),
    ) as Values;
    const patch = Object.fromEntries(SETTING_NAMES.map((n) => [n, values[n] === "" ? null : values[n]]));
    try {
      await updateSettings(serviceContext(c), patch);
    } catch (err) {
      if (err instanceof AppError && err.code === "validation_failed")
        return renderSettings(c, { values, issues: err.details as FieldIssue[] }, 400);
      throw err;
    }
    return c.redirect("/admin/settings?notice=saved", 303);
  });
  return app;
}
