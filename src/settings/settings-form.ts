import { SETTING_FIELDS, SETTING_NAMES, type SettingField, type SettingValues } from "./setting-fields.ts";
import type { SettingsPatch } from "./settings-service.ts";

/** What the settings form shows in each control, as text. */
export type SettingsFormValues = Record<SettingField, string>;

/** The current settings as the form's text values. */
export function settingsFormValues(settings: SettingValues): SettingsFormValues {
  const out = {} as SettingsFormValues;
  for (const name of SETTING_NAMES) {
    const value: unknown = settings[name];
    out[name] = typeof value === "boolean" ? (value ? "yes" : "no") : value === null ? "" : String(value);
  }
  return out;
}

/**
 * The submitted form as the typed patch the settings service checks: an empty field clears its setting, a
 * number field that is not a number is passed on as text so its check reports it.
 */
export function parseSettingsForm(body: Record<string, unknown>): {
  values: SettingsFormValues;
  patch: SettingsPatch;
} {
  const values = {} as SettingsFormValues;
  const patch: SettingsPatch = {};
  for (const name of SETTING_NAMES) {
    const raw = body[name];
    const text = typeof raw === "string" ? raw.trim() : "";
    values[name] = text;
    if (text === "") {
      patch[name] = null;
      continue;
    }
    switch (SETTING_FIELDS[name].kind) {
      case "integer":
        patch[name] = /^[+-]?\d+$/.test(text) ? Number(text) : text;
        break;
      case "yesno":
        patch[name] = text === "yes" ? true : text === "no" ? false : text;
        break;
      default:
        patch[name] = text;
    }
  }
  return { values, patch };
}
