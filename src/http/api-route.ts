import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import { type Access, access } from "../auth/roles.ts";
import { requireAccess } from "./auth-middleware.ts";

export const ErrorEnvelope = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi("Error");

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorEnvelope } },
});

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

const SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];

/** A documented API route that states who may call it and checks it before the handler runs. */
export function apiRoute<R extends Omit<RouteConfig, "middleware"> & { access: Access }>(config: R) {
  const { access: level, ...rest } = config;
  const roles = access[level].join(", ");
  return createRoute({
    ...rest,
    description: `${rest.description ? `${rest.description}\n\n` : ""}Roles: ${roles}.`,
    security: SECURITY,
    middleware: [requireAccess(level)] as const,
    "x-roles": access[level],
    responses: {
      ...rest.responses,
      400: errorResponse("Invalid input, with the field paths"),
      401: errorResponse("Not signed in, or the token is not valid"),
      403: errorResponse("The caller's role does not allow this"),
    },
  });
}

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" } }),
});
