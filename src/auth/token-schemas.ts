import { z } from "@hono/zod-openapi";
import type { ApiTokenRow } from "../db/schema.ts";

export const ApiToken = z
  .object({
    id: z.string(),
    userId: z.string(),
    userEmail: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The first characters of the token, to recognise it" }),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiToken");
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateApiToken = z
  .object({
    name: z.string().trim().min(1).max(100),
    userId: z.string().optional().openapi({ description: "Whose token; defaults to the caller" }),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict()
  .openapi("CreateApiToken");
export type CreateApiToken = z.infer<typeof CreateApiToken>;

export const CreatedApiToken = ApiToken.extend({
  token: z.string().openapi({ description: "The secret; shown once, store it now" }),
}).openapi("CreatedApiToken");

export function toApiToken(row: ApiTokenRow & { user_email: string }): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    userEmail: row.user_email,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
