export type Changes = Record<string, { before?: unknown; after?: unknown }>;

/** Field names whose values never enter the audit trail. */
const SECRET_FIELDS = new Set([
  "password",
  "password_hash",
  "passwordHash",
  "token",
  "token_hash",
  "tokenHash",
  "secret",
  "secret_hash",
  "id_hash",
  "csrf_token",
]);

export const REDACTED = "[redacted]";

type Fields = Record<string, unknown> | null | undefined;

/** The fields that differ between two versions of a record, secrets masked. */
export function diffFields(before: Fields, after: Fields): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const b = before?.[key];
    const a = after?.[key];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    if (SECRET_FIELDS.has(key)) {
      changes[key] = {
        before: b === undefined || b === null ? b : REDACTED,
        after: a === undefined || a === null ? a : REDACTED,
      };
      continue;
    }
    const entry: { before?: unknown; after?: unknown } = {};
    if (before) entry.before = b ?? null;
    if (after) entry.after = a ?? null;
    changes[key] = entry;
  }
  return changes;
}
