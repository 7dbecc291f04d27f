import { z } from "@hono/zod-openapi";
import { apiRoute, IdParam, jsonBody, jsonContent } from "../http/api-route.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { serviceContext } from "../http/service-context.ts";
import { NotFoundError } from "../shared/errors.ts";
import { findUserById, listUsers } from "./user-queries.ts";
import { CreateUser, toUser, UpdateUser, User } from "./user-schemas.ts";
import { createUser, updateUser } from "./user-service.ts";

const UserList = z.object({ data: z.array(User) }).openapi("UserList");

export function userRoutes() {
  const app = createOpenApiApp();

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/users",
      tags: ["Users"],
      summary: "List staff users",
      access: "admin",
      responses: { 200: jsonContent(UserList, "All users") },
    }),
    async (c) => c.json({ data: (await listUsers(c.var.deps.db)).map(toUser) }, 200),
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/users",
      tags: ["Users"],
      summary: "Add a staff user",
      access: "admin",
      request: { body: jsonBody(CreateUser) },
      responses: {
        201: jsonContent(User, "The new user"),
        409: jsonContent(z.object({}), "Email already in use"),
      },
    }),
    async (c) => c.json(await createUser(serviceContext(c), c.req.valid("json")), 201),
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/users/{id}",
      tags: ["Users"],
      summary: "One user",
      access: "admin",
      request: { params: IdParam },
      responses: { 200: jsonContent(User, "The user"), 404: jsonContent(z.object({}), "No such user") },
    }),
    async (c) => {
      const row = await findUserById(c.var.deps.db, c.req.valid("param").id);
      if (!row) throw new NotFoundError("User");
      return c.json(toUser(row), 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "patch",
      path: "/api/v1/users/{id}",
      tags: ["Users"],
      summary: "Change a user's name, role, password, or disable them",
      description:
        "Disabling a user or changing their password ends their sessions at once; their API tokens stop working while disabled.",
      access: "admin",
      request: { params: IdParam, body: jsonBody(UpdateUser) },
      responses: {
        200: jsonContent(User, "The updated user"),
        404: jsonContent(z.object({}), "No such user"),
        409: jsonContent(z.object({}), "Would leave no active admin"),
      },
    }),
    async (c) =>
      c.json(await updateUser(serviceContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/me",
      tags: ["Users"],
      summary: "The caller",
      access: "read",
      responses: { 200: jsonContent(User, "The signed-in user or the token's owner") },
    }),
    async (c) => c.json(toUser(c.var.principal!.user), 200),
  );

  return app;
}
