import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { type Access, access } from "../auth/roles.ts";
import { resolveSession } from "../auth/session-service.ts";
import { resolveApiToken } from "../auth/token-service.ts";
import { ForbiddenError, UnauthenticatedError } from "../shared/errors.ts";
import type { AppEnv } from "./hono-env.ts";

export const SESSION_COOKIE = "vv_session";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Finds who is calling: a bearer token (which then must be valid) or the session cookie. */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { db, clock, config } = c.var.deps;
    const header = c.req.header("authorization");
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const resolved = match?.[1] ? await resolveApiToken(db, match[1], clock.now()) : undefined;
      if (!resolved)
        throw new UnauthenticatedError("The API token is missing, malformed, expired or revoked");
      const { user, tokenId } = resolved;
      c.set("principal", {
        user,
        via: "token",
        actor: {
          type: "token",
          id: tokenId,
          label: `${user.email} (API token)`,
          role: user.role,
          userId: user.id,
        },
      });
      return next();
    }
    const secret = getCookie(c, SESSION_COOKIE);
    const session = secret
      ? await resolveSession(db, secret, clock.now(), config.session.idleMinutes)
      : undefined;
    if (session) {
      const { user } = session;
      c.set("principal", {
        user,
        via: "session",
        csrfToken: session.csrfToken,
        actor: { type: "user", id: user.id, label: user.email, role: user.role, userId: user.id },
      });
    }
    return next();
  };
}

function isPage(c: Context<AppEnv>): boolean {
  return !c.req.path.startsWith("/api/");
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function submittedCsrfToken(c: Context<AppEnv>): Promise<string | undefined> {
  const header = c.req.header("x-csrf-token");
  if (header) return header;
  const type = c.req.header("content-type") ?? "";
  if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
    const body = await c.req.parseBody();
    const value = body._csrf;
    return typeof value === "string" ? value : undefined;
  }
  return undefined;
}

/** Requests that change data with a session cookie must prove they come from our own pages. */
export async function checkCsrf(c: Context<AppEnv>): Promise<void> {
  const principal = c.var.principal;
  if (!UNSAFE.has(c.req.method) || principal?.via !== "session") return;
  const origin = c.req.header("origin");
  if (origin && origin !== new URL(c.req.url).origin && origin !== c.var.deps.config.publicUrl) {
    throw new ForbiddenError("Cross-site request refused");
  }
  const submitted = await submittedCsrfToken(c);
  if (!submitted || !principal.csrfToken || !sameSecret(submitted, principal.csrfToken)) {
    throw new ForbiddenError(
      "The form has expired or did not come from VendorVet. Reload the page and try again.",
    );
  }
}

/** Every route names who may use it; this checks the caller, and CSRF for session writes. */
export function requireAccess(level: Access): MiddlewareHandler<AppEnv> {
  const allowed: readonly string[] = access[level];
  return async (c, next) => {
    const principal = c.var.principal;
    if (!principal) {
      if (isPage(c) && c.req.method === "GET") {
        return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
      }
      throw new UnauthenticatedError();
    }
    if (!allowed.includes(principal.user.role)) {
      throw new ForbiddenError(`This needs one of the roles: ${allowed.join(", ")}`);
    }
    await checkCsrf(c);
    return next();
  };
}
