import { z } from "@hono/zod-openapi";
import { apiRoute, IdParam, jsonContent } from "../http/api-route.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { serviceContext } from "../http/service-context.ts";
import { NotFoundError } from "../shared/errors.ts";
import { findOutboxMessage, listOutboxMessages } from "./outbox-queries.ts";
import {
  OutboxMessageDetail,
  OutboxPage,
  OutboxQuery,
  toOutboxMessage,
  toOutboxMessageDetail,
} from "./outbox-schemas.ts";
import { retryMail } from "./outbox-service.ts";

/** The mail outbox for admins and integrators: what was sent, what is waiting, what failed. */
export function outboxRoutes() {
  const app = createOpenApiApp();

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/outbox",
      tags: ["Mail"],
      summary: "Outgoing mail, newest first",
      description: "Filter by status (pending, sent, logged, failed) and kind (assessment.invite, ...).",
      access: "admin",
      request: { query: OutboxQuery },
      responses: { 200: jsonContent(OutboxPage, "A page of messages") },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const rows = await listOutboxMessages(c.var.deps.db, { ...q, after: q.cursor, limit: q.limit + 1 });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return c.json(
        { data: page.map(toOutboxMessage), nextCursor: rows.length > q.limit && last ? last.id : null },
        200,
      );
    },
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/outbox/{id}",
      tags: ["Mail"],
      summary: "One message with its text",
      description:
        "With no SMTP server configured, the text holds the links the recipient needs, for an admin to forward.",
      access: "admin",
      request: { params: IdParam },
      responses: {
        200: jsonContent(OutboxMessageDetail, "The message"),
        404: jsonContent(z.object({}), "No such message"),
      },
    }),
    async (c) => {
      const row = await findOutboxMessage(c.var.deps.db, c.req.valid("param").id);
      if (!row) throw new NotFoundError("Message");
      return c.json(toOutboxMessageDetail(row), 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/outbox/{id}/retry",
      tags: ["Mail"],
      summary: "Try a failed or waiting message again now",
      description: "The delivery worker picks it up on its next pass.",
      access: "admin",
      request: { params: IdParam },
      responses: {
        200: jsonContent(OutboxMessageDetail, "The message, pending again"),
        404: jsonContent(z.object({}), "No such message"),
        409: jsonContent(z.object({}), "Already sent or logged, or being sent right now"),
      },
    }),
    async (c) =>
      c.json(toOutboxMessageDetail(await retryMail(serviceContext(c), c.req.valid("param").id)), 200),
  );

  return app;
}
