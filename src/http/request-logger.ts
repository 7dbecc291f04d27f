import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./hono-env.ts";

/** A template item id or a record id: what the fixed portal paths carry, never a link secret. */
const ID = "[a-z0-9][a-z0-9_.-]{0,99}";

/**
 * Path prefixes under which an unknown segment may be a secret (the vendor's invite link, the first-admin setup
 * link), with the path shapes below them that carry none. Anything else under such a prefix is logged as
 * `<prefix>[redacted]`, so a secret-bearing route added later is kept out of the log without touching this file.
 */
const GUARDED: readonly { prefix: string; readable: readonly RegExp[] }[] = [
  {
    prefix: "/portal/",
    readable: [
      /^assessment$/,
      /^assessment\/(answers|submit|prefill|evidence)$/,
      new RegExp(`^assessment/sections/${ID}$`, "i"),
      new RegExp(`^assessment/evidence/${ID}(/remove)?$`, "i"),
      /^leave$/,
    ],
  },
  { prefix: "/setup/", readable: [] },
];

/** The path as the log may show it: a secret-bearing one keeps only its prefix. */
export function redactPath(path: string): string {
  for (const { prefix, readable } of GUARDED) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    return readable.some((shape) => shape.test(rest)) ? path : `${prefix}[redacted]`;
  }
  return path;
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
