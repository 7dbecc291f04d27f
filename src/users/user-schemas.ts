import { z } from "@hono/zod-openapi";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../auth/password.ts";
import { Role } from "../auth/roles.ts";
import type { UserRow } from "../db/schema.ts";

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "must be an email address" }).max(254));

export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const User = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: Role,
    disabled: z.boolean(),
    hasPassword: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("User");
export type User = z.infer<typeof User>;

export const CreateUser = z
  .object({
    email: Email,
    name: z.string().trim().min(1).max(200),
    role: Role,
    password: Password.optional().openapi({
      description: "Omit to create an account that cannot sign in with a password yet",
    }),
  })
  .strict()
  .openapi("CreateUser");
export type CreateUser = z.infer<typeof CreateUser>;

export const UpdateUser = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: Role.optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to change" })
  .openapi("UpdateUser");
export type UpdateUser = z.infer<typeof UpdateUser>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled_at !== null,
    hasPassword: row.password_hash !== null,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The fields of a user that the audit trail records. */
export function auditedUser(row: UserRow): Record<string, unknown> {
  return {
    email: row.email,
    name: row.name,
    role: row.role,
    disabled_at: row.disabled_at,
    password_hash: row.password_hash,
  };
}
