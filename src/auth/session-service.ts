import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { UserRow } from "../db/schema.ts";
import { randomSecret, sha256Hex } from "../shared/runtime.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";

export interface ActiveSession {
  user: UserRow;
  csrfToken: string;
  expiresAt: string;
}

/** Creates a server-side session; the returned secret goes only into the cookie, the row keeps its hash. */
export async function createSession(
  ctx: ServiceContext,
  user: UserRow,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ secret: string; csrfToken: string }> {
  const secret = randomSecret(32);
  const csrfToken = randomSecret(32);
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    await trx
      .insertInto("sessions")
      .values({
        id_hash: sha256Hex(secret),
        user_id: user.id,
        csrf_token: csrfToken,
        ip: client.ip,
        user_agent: client.userAgent?.slice(0, 300) ?? null,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + ctx.config.session.maxHours * 3_600_000).toISOString(),
      })
      .execute();
    await trx
      .updateTable("users")
      .set({ last_login_at: now.toISOString() })
      .where("id", "=", user.id)
      .execute();
    await recordAudit(
      trx,
      auditContext(
        { ...ctx, actor: { type: "user", id: user.id, label: user.email, role: user.role, userId: user.id } },
        now,
      ),
      {
        action: "session.create",
        entityType: "user",
        entityId: user.id,
        changes: {},
      },
    );
  });
  return { secret, csrfToken };
}

/** The session behind a cookie, if it is still valid: not expired, not idle too long, user not disabled. */
export async function resolveSession(
  db: Db,
  secret: string,
  now: Date,
  idleMinutes: number,
): Promise<ActiveSession | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .select(["sessions.id_hash", "sessions.csrf_token", "sessions.expires_at", "sessions.last_seen_at"])
    .where("sessions.id_hash", "=", sha256Hex(secret))
    .executeTakeFirst();
  if (!row || row.disabled_at !== null) return undefined;
  const nowMs = now.getTime();
  const idleLimit = Date.parse(row.last_seen_at) + idleMinutes * 60_000;
  if (Date.parse(row.expires_at) <= nowMs || idleLimit <= nowMs) {
    await db.deleteFrom("sessions").where("id_hash", "=", row.id_hash).execute();
    return undefined;
  }
  // Touch at most once a minute, so reads stay reads.
  if (nowMs - Date.parse(row.last_seen_at) > 60_000) {
    await db
      .updateTable("sessions")
      .set({ last_seen_at: now.toISOString() })
      .where("id_hash", "=", row.id_hash)
      .execute();
  }
  const { id_hash: _h, csrf_token, expires_at, last_seen_at: _l, ...user } = row;
  return { user, csrfToken: csrf_token, expiresAt: expires_at };
}

export async function endSession(ctx: ServiceContext, secret: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .selectFrom("sessions")
      .select(["user_id"])
      .where("id_hash", "=", sha256Hex(secret))
      .executeTakeFirst();
    if (!row) return;
    await trx.deleteFrom("sessions").where("id_hash", "=", sha256Hex(secret)).execute();
    const now = ctx.clock.now();
    await recordAudit(trx, auditContext(ctx, now), {
      action: "session.delete",
      entityType: "user",
      entityId: row.user_id,
      changes: {},
    });
  });
}
