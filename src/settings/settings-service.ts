import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import { type FieldIssue, ValidationError } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import {
  decodeSetting,
  encodeSetting,
  SETTING_FIELDS,
  SETTING_NAMES,
  type SettingField,
  type SettingKey,
  type SettingSpec,
  type SettingValues,
} from "./setting-fields.ts";

export {
  EU_MEMBER_STATES,
  SETTING_FIELDS,
  SETTING_GROUPS,
  SETTING_NAMES,
  type SettingField,
  type SettingKey,
  type SettingValues,
} from "./setting-fields.ts";

/** What vendors see when no organisation name has been set yet. */
export const FALLBACK_ORGANISATION_NAME = "Your customer";

/** A change to settings: typed values as the API takes them; null clears a setting (back to its default). */
export type SettingsPatch = Partial<Record<SettingField, unknown>>;

const specOf = (name: SettingField): SettingSpec => SETTING_FIELDS[name] as SettingSpec;

/** The stored text of one setting, or undefined when it was never set. */
export async function getSetting(db: Db, key: SettingKey): Promise<string | undefined> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

/** The organisation's name as vendors should see it, with a neutral fallback until an admin sets it. */
export async function organisationName(db: Db): Promise<string> {
  return (await getSetting(db, SETTING_FIELDS.organisationName.key)) ?? FALLBACK_ORGANISATION_NAME;
}

/** Every setting by field name, typed: the stored value, else its default, else null. */
export async function readSettings(db: Db): Promise<SettingValues> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const out: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    const spec = specOf(name);
    const text = stored.get(spec.key);
    const value = text === undefined ? undefined : decodeSetting(spec, text);
    out[name] = value ?? spec.fallback;
  }
  return out as SettingValues;
}

function fieldOfKey(key: SettingKey): SettingField {
  const name = SETTING_NAMES.find((n) => SETTING_FIELDS[n].key === key);
  if (!name) throw new Error(`unknown setting ${key}`);
  return name;
}

/** Sets one setting (null clears it), audited as `setting.update` in the same transaction. */
export async function setSetting(
  ctx: ServiceContext,
  key: SettingKey,
  value: string | number | boolean | null,
): Promise<void> {
  await updateSettings(ctx, { [fieldOfKey(key)]: value });
}

/** Checks every value of a patch against its setting; all problems at once, by field name. */
export function checkSettingsPatch(patch: SettingsPatch): [SettingField, string | null][] {
  const clean: [SettingField, string | null][] = [];
  const issues: FieldIssue[] = [];
  for (const name of SETTING_NAMES) {
    const value = patch[name];
    if (value === undefined) continue;
    if (value === null) {
      clean.push([name, null]);
      continue;
    }
    const spec = specOf(name);
    const parsed = spec.schema.safeParse(value);
    if (parsed.success) clean.push([name, encodeSetting(spec.kind, parsed.data)]);
    else issues.push({ path: name, message: parsed.error.issues[0]?.message ?? "not valid" });
  }
  if (issues.length > 0) throw new ValidationError("The settings are not valid", issues);
  return clean;
}

/** Changes several settings at once; each changed key is one `setting.update` audit event. */
export async function updateSettings(ctx: ServiceContext, patch: SettingsPatch): Promise<SettingValues> {
  const clean = checkSettingsPatch(patch);
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    for (const [name, value] of clean) {
      const key = SETTING_FIELDS[name].key;
      const before = (await getSetting(trx, key)) ?? null;
      if (before === value) continue;
      if (value === null) await trx.deleteFrom("settings").where("key", "=", key).execute();
      else
        await trx
          .insertInto("settings")
          .values({ key, value, updated_at: now.toISOString() })
          .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now.toISOString() }))
          .execute();
      await recordAudit(trx, auditContext(ctx, now), {
        action: "setting.update",
        entityType: "setting",
        entityId: key,
        changes: { [key]: { before, after: value } },
      });
    }
    return readSettings(trx);
  });
}
