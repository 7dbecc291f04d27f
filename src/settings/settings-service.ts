import { z } from "@hono/zod-openapi";
import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import { ValidationError } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";

/**
 * The organisation settings, one entry per stored key. The API, the admin page and the audit trail all work
 * from this list, so a new setting (legal name, address, DPO contact) is one entry here.
 */
export const SETTING_FIELDS = {
  organisationName: {
    key: "organisation.name",
    label: "Organisation name",
    hint: "Shown to vendors in invitation emails and on the portal, as the organisation asking the questions.",
    schema: z.string().trim().min(1, "required").max(200),
  },
} as const;

export type SettingField = keyof typeof SETTING_FIELDS;
export type SettingKey = (typeof SETTING_FIELDS)[SettingField]["key"];

export const SETTING_NAMES = Object.keys(SETTING_FIELDS) as SettingField[];

/** What vendors see when no organisation name has been set yet. */
export const FALLBACK_ORGANISATION_NAME = "Your customer";

/** The stored value of one setting, or undefined when it was never set. */
export async function getSetting(db: Db, key: SettingKey): Promise<string | undefined> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

/** The organisation's name as vendors should see it, with a neutral fallback until an admin sets it. */
export async function organisationName(db: Db): Promise<string> {
  return (await getSetting(db, SETTING_FIELDS.organisationName.key)) ?? FALLBACK_ORGANISATION_NAME;
}

/** Every setting by field name; null where not set. */
export async function readSettings(db: Db): Promise<Record<SettingField, string | null>> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const out = {} as Record<SettingField, string | null>;
  for (const name of SETTING_NAMES) out[name] = stored.get(SETTING_FIELDS[name].key) ?? null;
  return out;
}

function fieldOfKey(key: SettingKey): SettingField {
  const name = SETTING_NAMES.find((n) => SETTING_FIELDS[n].key === key);
  if (!name) throw new Error(`unknown setting ${key}`);
  return name;
}

/** Sets one setting (null clears it), audited as `setting.update` in the same transaction. */
export async function setSetting(ctx: ServiceContext, key: SettingKey, value: string | null): Promise<void> {
  await updateSettings(ctx, { [fieldOfKey(key)]: value });
}

/** Changes several settings at once; values are checked against each setting's schema first. */
export async function updateSettings(
  ctx: ServiceContext,
  patch: Partial<Record<SettingField, string | null>>,
): Promise<Record<SettingField, string | null>> {
  const clean: [SettingField, string | null][] = [];
  const issues = [];
  for (const name of SETTING_NAMES) {
    const value = patch[name];
    if (value === undefined) continue;
    if (value === null) {
      clean.push([name, null]);
      continue;
    }
    const parsed = SETTING_FIELDS[name].schema.safeParse(value);
    if (parsed.success) clean.push([name, parsed.data]);
    else issues.push({ path: name, message: parsed.error.issues[0]?.message ?? "not valid" });
  }
  if (issues.length > 0) throw new ValidationError("The settings are not valid", issues);
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
