import type { UserRow } from "../db/schema.ts";
import { AppError, RateLimitedError } from "../shared/errors.ts";
import type { ServiceContext } from "../shared/service-context.ts";
import { findUserByEmail } from "../users/user-queries.ts";
import { dummyPasswordHash, verifyPassword } from "./password.ts";

export class LoginFailedError extends AppError {
  constructor(message = "Email or password is wrong") {
    super("unauthenticated", message);
  }
}

async function failuresSince(
  ctx: ServiceContext,
  column: "email" | "ip",
  value: string,
  since: string,
): Promise<number> {
  const row = await ctx.db
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(column, "=", value)
    .where("succeeded", "=", 0)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Checks a password sign-in. Failures are counted per account and per address over a sliding window;
 * past the limit the password is not even checked, so guessing stops paying off.
 */
export async function checkLogin(
  ctx: ServiceContext,
  email: string,
  password: string,
  ip: string,
): Promise<UserRow> {
  const normalised = email.trim().toLowerCase();
  const now = ctx.clock.now();
  const { windowMinutes, maxFailuresPerAccount, maxFailuresPerIp } = ctx.config.login;
  const since = new Date(now.getTime() - windowMinutes * 60_000).toISOString();
  if (
    (await failuresSince(ctx, "email", normalised, since)) >= maxFailuresPerAccount ||
    (await failuresSince(ctx, "ip", ip, since)) >= maxFailuresPerIp
  ) {
    throw new RateLimitedError(
      `Too many failed sign-ins. Try again in ${windowMinutes} minutes.`,
      windowMinutes * 60,
    );
  }
  const user = await findUserByEmail(ctx.db, normalised);
  const hash = user?.password_hash ?? (await dummyPasswordHash(ctx.config.passwordHashCost));
  const valid = (await verifyPassword(password, hash)) && user?.password_hash != null;
  await ctx.db
    .insertInto("login_attempts")
    .values({ email: normalised, ip, succeeded: valid ? 1 : 0, at: now.toISOString() })
    .execute();
  if (!valid || !user) throw new LoginFailedError();
  if (user.disabled_at) throw new LoginFailedError("This account is disabled. Ask an admin to enable it.");
  return user;
}

/** Old attempts only matter within the window; keep the table small. */
export async function pruneLoginAttempts(ctx: ServiceContext): Promise<void> {
  const cutoff = new Date(ctx.clock.now().getTime() - 24 * 3_600_000).toISOString();
  await ctx.db.deleteFrom("login_attempts").where("at", "<", cutoff).execute();
}
