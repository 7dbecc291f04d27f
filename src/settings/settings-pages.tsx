import type { Context } from "hono";
import { Hono } from "hono";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { serviceContext } from "../http/service-context.ts";
import { AppError, type FieldIssue } from "../shared/errors.ts";
import { ErrorSummary, SelectField, TextField } from "../web/form-fields.tsx";
import { CsrfField, Layout, Notice } from "../web/layout.tsx";
import { SETTING_GROUPS, type SettingField, type SettingGroup, type SettingSpec } from "./setting-fields.ts";
import { parseSettingsForm, type SettingsFormValues, settingsFormValues } from "./settings-form.ts";
import { readSettings, SETTING_FIELDS, SETTING_NAMES, updateSettings } from "./settings-service.ts";

const LABELS = Object.fromEntries(SETTING_NAMES.map((n) => [n, SETTING_FIELDS[n].label]));
const YES_NO = [
  ["yes", "Yes"],
  ["no", "No"],
] as const;

function SettingControl(props: { name: SettingField; value: string; issues?: FieldIssue[] | undefined }) {
  const spec: SettingSpec = SETTING_FIELDS[props.name];
  const common = { path: props.name, label: spec.label, hint: spec.hint, issues: props.issues };
  switch (spec.kind) {
    case "yesno":
      return <SelectField {...common} value={props.value} options={YES_NO} />;
    case "choice":
      return <SelectField {...common} value={props.value} options={spec.options ?? []} />;
    case "country":
      return (
        <SelectField {...common} value={props.value} options={spec.options ?? []} placeholder="Not set" />
      );
    case "integer":
      return <TextField {...common} type="number" min="1" value={props.value} />;
    case "email":
      return <TextField {...common} type="email" value={props.value} />;
    case "multiline":
      return <TextField {...common} multiline value={props.value} />;
    default:
      return <TextField {...common} value={props.value} />;
  }
}

async function renderSettings(
  c: Context<AppEnv>,
  form: { values?: SettingsFormValues; issues?: FieldIssue[] } = {},
  status: 200 | 400 = 200,
) {
  const principal = c.var.principal;
  const values = form.values ?? settingsFormValues(await readSettings(c.var.deps.db));
  const saved = c.req.query("notice") === "saved" && !form.issues;
  const groups = Object.entries(SETTING_GROUPS) as [SettingGroup, string][];
  return c.html(
    <Layout title="Settings" principal={principal} currentPath="/admin/settings">
      <h1>Settings</h1>
      <Notice message={saved ? "Settings saved." : undefined} />
      <ErrorSummary issues={form.issues} labels={LABELS} />
      <form method="post" action="/admin/settings">
        <CsrfField principal={principal} />
        {groups.map(([group, legend]) => (
          <fieldset>
            <legend>{legend}</legend>
            {SETTING_NAMES.filter((n) => SETTING_FIELDS[n].group === group).map((name) => (
              <SettingControl name={name} value={values[name]} issues={form.issues} />
            ))}
          </fieldset>
        ))}
        <button type="submit">Save settings</button>
      </form>
    </Layout>,
    status,
  );
}

/** The admin page for the organisation settings, grouped in fieldsets; an empty field clears its setting. */
export function settingsPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/admin/settings", requireAccess("admin"));

  app.get("/admin/settings", (c) => renderSettings(c));

  app.post("/admin/settings", async (c) => {
    const { values, patch } = parseSettingsForm(await c.req.parseBody());
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
