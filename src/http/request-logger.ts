import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./hono-env.ts";

/** Paths that carry a secret in a segment; the log keeps only their shape. */
const SECRET_SEGMENTS = [/^(\/portal\/)[^/]+/, /^(\/setup\/)[^/]+/];

export function redactPath(path: string): string {
  let out = path;
  for (const pattern of SECRET_SEGMENTS) out = out.replace(pattern, "$1[redacted]");
  return out;
}

/** One structured line per request: method, path (without query or secrets), status, duration, request id. */
export function requestLogger(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    c.var.deps.logger.info("request", {
      requestId: c.var.requestId,
      method: c.req.method,
      path: redactPath(c.req.path),
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(c.var.principal ? { user: c.var.principal.user.id, via: c.var.principal.via } : {}),
    });
  };
}
