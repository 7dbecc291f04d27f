import type { Db } from "../db/connection.ts";
import { AppError } from "../shared/errors.ts";
import { randomSecret, sha256Hex } from "../shared/runtime.ts";
import { inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { countUsers } from "../users/user-queries.ts";
import type { User } from "../users/user-schemas.ts";
import { createUser } from "../users/user-service.ts";

export const SETUP_LINK_HOURS = 24;

/** When nobody can sign in yet, returns a fresh one-time link for creating the first admin (older links stop working). */
export async function issueSetupToken(db: Db, now: Date): Promise<string | undefined> {
  return inTransaction(db, async (trx) => {
    if ((await countUsers(trx)) > 0) return undefined;
    const token = randomSecret(32);
    await trx.deleteFrom("setup_tokens").execute();
    await trx
      .insertInto("setup_tokens")
      .values({
        token_hash: sha256Hex(token),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SETUP_LINK_HOURS * 3_600_000).toISOString(),
        used_at: null,
      })
      .execute();
    return token;
  });
}

export async function isSetupTokenValid(db: Db, token: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom("setup_tokens")
    .selectAll()
    .where("token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  return (
    !!row &&
    row.used_at === null &&
    Date.parse(row.expires_at) > now.getTime() &&
    (await countUsers(db)) === 0
  );
}

/** Spends the setup link and creates the first admin, in one transaction. */
export async function completeSetup(
  ctx: ServiceContext,
  token: string,
  input: { email: string; name: string; password: string },
): Promise<User> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    if (!(await isSetupTokenValid(trx, token, now))) {
      throw new AppError(
        "gone",
        "This setup link is no longer valid. Restart VendorVet to print a new one, or use `vendorvet user add`.",
      );
    }
    await trx
      .updateTable("setup_tokens")
      .set({ used_at: now.toISOString() })
      .where("token_hash", "=", sha256Hex(token))
      .execute();
    return createUser(
      { ...ctx, db: trx, actor: { type: "system", id: null, label: "first-admin setup" } },
      { ...input, role: "admin" },
    );
  });
}
