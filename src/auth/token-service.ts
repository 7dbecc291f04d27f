import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { UserRow } from "../db/schema.ts";
import { NotFoundError, ValidationError } from "../shared/errors.ts";
import { randomSecret, sha256Hex } from "../shared/runtime.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { findUserById } from "../users/user-queries.ts";
import { type ApiToken, type CreateApiToken, toApiToken } from "./token-schemas.ts";

export const TOKEN_PREFIX = "vv_";

function tokenQuery(db: Db) {
  return db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .selectAll("api_tokens")
    .select("users.email as user_email");
}

/** Creates a token with 256 random bits; only its SHA-256 is stored (the secret is high-entropy, so no slow hash is needed). */
export async function createApiToken(
  ctx: ServiceContext,
  input: CreateApiToken,
): Promise<ApiToken & { token: string }> {
  const userId = input.userId ?? ctx.actor.userId;
  if (!userId)
    throw new ValidationError("Say whose token this is", [{ path: "userId", message: "required" }]);
  return inTransaction(ctx.db, async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user)
      throw new ValidationError("No such user", [{ path: "userId", message: "no user with this id" }]);
    if (user.disabled_at)
      throw new ValidationError("That user is disabled", [{ path: "userId", message: "user is disabled" }]);
    const token = `${TOKEN_PREFIX}${randomSecret(32)}`;
    const now = ctx.clock.now();
    const row = {
      id: ctx.newId(),
      user_id: user.id,
      name: input.name,
      token_hash: sha256Hex(token),
      prefix: token.slice(0, 10),
      created_at: now.toISOString(),
      expires_at: input.expiresInDays
        ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString()
        : null,
      last_used_at: null,
      revoked_at: null,
    };
    await trx.insertInto("api_tokens").values(row).execute();
    await recordAudit(trx, auditContext(ctx, now), {
      action: "api_token.create",
      entityType: "api_token",
      entityId: row.id,
      after: {
        name: row.name,
        user_id: row.user_id,
        prefix: row.prefix,
        expires_at: row.expires_at,
        token_hash: row.token_hash,
      },
    });
    return { ...toApiToken({ ...row, user_email: user.email }), token };
  });
}

export async function listApiTokens(db: Db): Promise<ApiToken[]> {
  const rows = await tokenQuery(db).orderBy("api_tokens.created_at", "desc").execute();
  return rows.map(toApiToken);
}

export async function revokeApiToken(ctx: ServiceContext, id: string): Promise<ApiToken> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await tokenQuery(trx).where("api_tokens.id", "=", id).executeTakeFirst();
    if (!row) throw new NotFoundError("API token");
    if (row.revoked_at) return toApiToken(row);
    const now = ctx.clock.now();
    await trx.updateTable("api_tokens").set({ revoked_at: now.toISOString() }).where("id", "=", id).execute();
    await recordAudit(trx, auditContext(ctx, now), {
      action: "api_token.revoke",
      entityType: "api_token",
      entityId: id,
      before: { revoked_at: null },
      after: { revoked_at: now.toISOString() },
    });
    return toApiToken({ ...row, revoked_at: now.toISOString() });
  });
}

/** The user and token behind a bearer secret, if it is valid now. */
export async function resolveApiToken(
  db: Db,
  secret: string,
  now: Date,
): Promise<{ user: UserRow; tokenId: string } | undefined> {
  if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .selectAll("users")
    .select([
      "api_tokens.id as token_id",
      "api_tokens.revoked_at",
      "api_tokens.expires_at",
      "api_tokens.last_used_at",
    ])
    .where("api_tokens.token_hash", "=", sha256Hex(secret))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled_at) return undefined;
  if (row.expires_at && Date.parse(row.expires_at) <= now.getTime()) return undefined;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await db
      .updateTable("api_tokens")
      .set({ last_used_at: now.toISOString() })
      .where("id", "=", row.token_id)
      .execute();
  }
  const { token_id, revoked_at: _r, expires_at: _e, last_used_at: _l, ...user } = row;
  return { user, tokenId: token_id };
}
