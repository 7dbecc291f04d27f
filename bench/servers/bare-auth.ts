import { createHash } from "node:crypto";
import type SQLite from "better-sqlite3";

/**
 * The check VendorVet makes on a bearer token, as one prepared statement: the SHA-256 of the secret names a
 * live token of an enabled user. It skips VendorVet's once-a-minute last_used_at update.
 */
export function createBearerCheck(
  sqlite: SQLite.Database,
): (authorization: string | undefined) => string | undefined {
  const findCaller = sqlite.prepare<[string, string], { role: string }>(
    `select users.role from api_tokens join users on users.id = api_tokens.user_id
     where api_tokens.token_hash = ? and api_tokens.revoked_at is null and users.disabled_at is null
       and (api_tokens.expires_at is null or api_tokens.expires_at > ?)`,
  );
  return (authorization) => {
    const secret = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    if (!secret) return undefined;
    return findCaller.get(createHash("sha256").update(secret).digest("hex"), new Date().toISOString())?.role;
  };
}
