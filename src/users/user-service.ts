import { recordAudit } from "../audit/audit-write.ts";
import { hashPassword } from "../auth/password.ts";
import { ConflictError, NotFoundError } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import {
  countActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  updateUserRow,
} from "./user-queries.ts";
import { auditedUser, type CreateUser, toUser, type UpdateUser, type User } from "./user-schemas.ts";

export async function createUser(ctx: ServiceContext, raw: CreateUser): Promise<User> {
  const input = { ...raw, email: raw.email.trim().toLowerCase() };
  // Hash outside the transaction: it is slow and needs no lock.
  const passwordHash = input.password
    ? await hashPassword(input.password, ctx.config.passwordHashCost)
    : null;
  return inTransaction(ctx.db, async (trx) => {
    if (await findUserByEmail(trx, input.email)) {
      throw new ConflictError(`A user with the email ${input.email} already exists`, [
        { path: "email", message: "already in use" },
      ]);
    }
    const now = ctx.clock.now();
    const iso = now.toISOString();
    const row = {
      id: ctx.newId(),
      email: input.email,
      name: input.name,
      role: input.role,
      password_hash: passwordHash,
      disabled_at: null,
      last_login_at: null,
      created_at: iso,
      updated_at: iso,
    };
    await insertUser(trx, row);
    await recordAudit(trx, auditContext(ctx, now), {
      action: "user.create",
      entityType: "user",
      entityId: row.id,
      after: auditedUser(row),
    });
    return toUser(row);
  });
}

export async function updateUser(ctx: ServiceContext, id: string, input: UpdateUser): Promise<User> {
  const passwordHash = input.password
    ? await hashPassword(input.password, ctx.config.passwordHashCost)
    : undefined;
  return inTransaction(ctx.db, async (trx) => {
    const before = await findUserById(trx, id);
    if (!before) throw new NotFoundError("User");
    const now = ctx.clock.now();
    const iso = now.toISOString();
    const disabledAt =
      input.disabled === undefined ? before.disabled_at : input.disabled ? (before.disabled_at ?? iso) : null;
    const after = {
      ...before,
      name: input.name ?? before.name,
      role: input.role ?? before.role,
      disabled_at: disabledAt,
      password_hash: passwordHash ?? before.password_hash,
      updated_at: iso,
    };
    const losesAdmin =
      before.role === "admin" &&
      before.disabled_at === null &&
      (after.role !== "admin" || after.disabled_at !== null);
    if (losesAdmin && (await countActiveAdmins(trx)) <= 1) {
      throw new ConflictError("This is the last active admin; make someone else admin first");
    }
    await updateUserRow(trx, id, {
      name: after.name,
      role: after.role,
      disabled_at: after.disabled_at,
      password_hash: after.password_hash,
      updated_at: iso,
    });
    if (after.disabled_at !== null || after.password_hash !== before.password_hash) {
      // Disabling or resetting a password ends every session at once; tokens are refused while disabled.
      await trx.deleteFrom("sessions").where("user_id", "=", id).execute();
    }
    const action =
      input.disabled === true && !before.disabled_at
        ? "user.disable"
        : input.disabled === false && before.disabled_at
          ? "user.enable"
          : "user.update";
    await recordAudit(trx, auditContext(ctx, now), {
      action,
      entityType: "user",
      entityId: id,
      before: auditedUser(before),
      after: auditedUser(after),
    });
    return toUser(after);
  });
}
