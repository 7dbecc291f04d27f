import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, errorBody, errorStatus, RateLimitedError } from "../shared/errors.ts";
import { renderErrorPage } from "../web/error-page.tsx";
import type { AppEnv } from "./hono-env.ts";

function wantsJson(c: Context<AppEnv>): boolean {
  const path = c.req.path;
  if (path.startsWith("/api/") || path === "/api" || path.endsWith(".json")) return true;
  const accept = c.req.header("accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

/** One place maps every failure to a status and the error envelope; nothing internal reaches the client. */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof AppError) {
    if (err instanceof RateLimitedError) c.header("Retry-After", String(err.retryAfterSeconds));
    if (wantsJson(c)) return c.json(errorBody(err.code, err.message, err.details), err.status);
    return renderErrorPage(c, err.status, err.message);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code =
      status === 413
        ? "payload_too_large"
        : status === 401
          ? "unauthenticated"
          : status === 403
            ? "forbidden"
            : "bad_request";
    const message = status === 413 ? "The request body is too large" : err.message || "Bad request";
    if (wantsJson(c)) return c.json(errorBody(code, message), status);
    return renderErrorPage(c, status, message);
  }
  if (err instanceof SyntaxError && /JSON/i.test(err.message)) {
    return c.json(errorBody("bad_request", "The request body is not valid JSON"), errorStatus.bad_request);
  }
  c.var.deps.logger.error("unhandled error", {
    requestId: c.var.requestId,
    method: c.req.method,
    path: c.req.path,
    error: err.message,
    stack: err.stack,
  });
  if (wantsJson(c))
    return c.json(errorBody("internal", "Something went wrong on our side. The error was logged."), 500);
  return renderErrorPage(c, 500, "Something went wrong on our side. The error was logged.");
}

export function handleNotFound(c: Context<AppEnv>): Response {
  if (wantsJson(c)) return c.json(errorBody("not_found", `No route for ${c.req.method} ${c.req.path}`), 404);
  return renderErrorPage(c, 404, "There is no page at this address.");
}
