import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { handleError } from "../http/error-handler.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { AppError, errorBody, ForbiddenError, RateLimitedError } from "../shared/errors.ts";
import { ClosedPage, PortalMessagePage, SessionEndedPage } from "./pages/link-pages.tsx";
import { loadPortalContact } from "./portal-contact.ts";
import type { PortalEnv } from "./portal-env.ts";
import { PORTAL_COOKIE, resolvePortalSession } from "./portal-session.ts";
import { type BucketRule, createRateLimiter } from "./rate-limit.ts";

export interface PortalLimits {
  /** Every portal request from one client address. */
  perClient: BucketRule;
  /** Requests within one portal session (autosave included). */
  perSession: BucketRule;
  /** Opening emailed links from one address: guessing links is hopeless with 256-bit secrets, and stays so. */
  linkOpen: BucketRule;
}

export const DEFAULT_PORTAL_LIMITS: PortalLimits = {
  perClient: { capacity: 300, perSecond: 5 },
  perSession: { capacity: 120, perSecond: 2 },
  linkOpen: { capacity: 20, perSecond: 0.2 },
};

/** Whether the caller is the portal's own script asking for JSON rather than a page. */
export function wantsPortalJson(c: Context): boolean {
  const accept = c.req.header("accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

/** Portal failures in the portal's own frame (or the JSON envelope for the autosave script). */
export function portalErrorHandler(err: Error, c: Context<PortalEnv>): Response | Promise<Response> {
  // Unexpected failures go through the app's one handler, which logs them and reveals nothing.
  if (!(err instanceof AppError)) return handleError(err, c as unknown as Context<AppEnv>);
  if (err instanceof RateLimitedError) c.header("Retry-After", String(err.retryAfterSeconds));
  if (wantsPortalJson(c)) return c.json(errorBody(err.code, err.message, err.details), err.status);
  const titles: Partial<Record<number, string>> = {
    403: "This form has expired",
    404: "Not found",
    409: "This cannot be changed now",
    413: "Too large",
    429: "Please slow down",
  };
  return c.html(
    <PortalMessagePage
      title={titles[err.status] ?? "That did not work"}
      message={err.message}
      back={err.status !== 429}
    />,
    err.status,
  );
}

/** Token buckets per client address and, once the session is known, per session. */
export function createPortalLimiters(limits: PortalLimits) {
  const client = createRateLimiter(limits.perClient);
  const session = createRateLimiter(limits.perSession);
  const linkOpen = createRateLimiter(limits.linkOpen);
  const check = (wait: number) => {
    if (wait > 0)
      throw new RateLimitedError(
        `Too many requests. Please wait ${wait} second${wait === 1 ? "" : "s"} and try again.`,
        wait,
      );
  };
  const now = (c: Context<PortalEnv>) => c.var.deps.clock.now().getTime();
  return {
    perClient: (): MiddlewareHandler<PortalEnv> => async (c, next) => {
      check(client.take(c.var.clientIp, now(c)));
      await next();
      // No page of the portal should ever tell another site where the vendor came from.
      c.header("Referrer-Policy", "no-referrer");
    },
    linkOpen: (): MiddlewareHandler<PortalEnv> => async (c, next) => {
      check(linkOpen.take(c.var.clientIp, now(c)));
      await next();
    },
    perSession: (): MiddlewareHandler<PortalEnv> => async (c, next) => {
      check(session.take(c.var.visitor.sessionHash, now(c)));
      await next();
    },
  };
}

/** Requires a live portal session; a stale cookie gets a page that explains how to come back. */
export function requireVisitor(): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const secret = getCookie(c, PORTAL_COOKIE);
    const { db, clock } = c.var.deps;
    const found = secret
      ? await resolvePortalSession(db, secret, clock.now())
      : ({ ok: false, reason: "unknown" } as const);
    if (found.ok) {
      c.set("visitor", found.visitor);
      return next();
    }
    if (wantsPortalJson(c)) {
      const status = found.reason === "unknown" ? 401 : 410;
      return c.json(
        errorBody(
          status === 401 ? "unauthenticated" : "gone",
          "This visit has ended. Open the link from your email again; your saved answers are kept.",
        ),
        status,
      );
    }
    if (found.reason === "unknown") return c.html(<SessionEndedPage />, 401);
    const contact = await loadPortalContact(db, found.assessmentId, found.expiresAt);
    return c.html(<ClosedPage reason={found.reason} contact={contact} />, 410);
  };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Writes must come from our own pages: same origin, and the session's CSRF token in a header or the form. */
export function requirePortalCsrf(): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const origin = c.req.header("origin");
    // Under our no-referrer policy browsers send "Origin: null" even from our own forms, so "null" proves
    // nothing either way and the token below decides; a real foreign origin is refused outright.
    if (
      origin &&
      origin !== "null" &&
      origin !== new URL(c.req.url).origin &&
      origin !== c.var.deps.config.publicUrl
    )
      throw new ForbiddenError("Cross-site request refused");
    let submitted = c.req.header("x-csrf-token");
    const type = c.req.header("content-type") ?? "";
    if (
      !submitted &&
      (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))
    ) {
      const value = (await c.req.parseBody({ all: true }))._csrf;
      submitted = typeof value === "string" ? value : undefined;
    }
    if (!submitted || !sameSecret(submitted, c.var.visitor.csrfToken))
      throw new ForbiddenError(
        "This page was open for too long or came from elsewhere. Go back, reload the page and try again.",
      );
    await next();
  };
}

/** Caps a request body while it streams in (Content-Length is checked first), with the portal's wording. */
export function limitBody(maxBytes: number, message: string): MiddlewareHandler<PortalEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError("payload_too_large", message);
    },
  });
}
