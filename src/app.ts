import { randomUUID } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { secureHeaders } from "hono/secure-headers";
import type { AppDeps } from "./app-deps.ts";
import { assessmentPages } from "./assessments/assessment-pages.tsx";
import { assessmentRoutes } from "./assessments/assessment-routes.ts";
import { auditPages } from "./audit/audit-pages.tsx";
import { auditRoutes } from "./audit/audit-routes.ts";
import { authPages } from "./auth/auth-pages.tsx";
import { tokenPages } from "./auth/token-pages.tsx";
import { tokenRoutes } from "./auth/token-routes.ts";
import { dashboardPage } from "./dashboard/dashboard-page.tsx";
import { dpaPages } from "./dpa/dpa-pages.tsx";
import { dpaRoutes, isDpaUploadPath } from "./dpa/dpa-routes.ts";
import { evidenceRoutes } from "./evidence/evidence-routes.ts";
import { findingPages } from "./findings/finding-pages.tsx";
import { findingRoutes } from "./findings/finding-routes.ts";
import { authenticate } from "./http/auth-middleware.ts";
import { handleError, handleNotFound } from "./http/error-handler.ts";
import type { AppEnv } from "./http/hono-env.ts";
import { requestLogger } from "./http/request-logger.ts";
import { outboxPages } from "./mail/outbox-pages.tsx";
import { outboxRoutes } from "./mail/outbox-routes.ts";
import { portalRoutes } from "./portal/portal-routes.tsx";
import { questionnairePages } from "./questionnaires/questionnaire-pages.tsx";
import { questionnaireRoutes } from "./questionnaires/questionnaire-routes.ts";
import { reviewPages } from "./reviews/review-pages.tsx";
import { reviewRoutes } from "./reviews/review-routes.ts";
import { scoringSettingsRoutes } from "./scoring/scoring-settings-routes.ts";
import { settingsPages } from "./settings/settings-pages.tsx";
import { settingsRoutes } from "./settings/settings-routes.ts";
import { AppError } from "./shared/errors.ts";
import { mountDocs } from "./system/docs-page.tsx";
import { healthRoutes } from "./system/health-routes.ts";
import { userPages } from "./users/user-pages.tsx";
import { userRoutes } from "./users/user-routes.ts";
import { IMPORT_PAGE_PATH, registerIoPages } from "./vendors/register-io-pages.tsx";
import { IMPORT_PATH, registerIoRoutes } from "./vendors/register-io-routes.ts";
import { registerRoutes } from "./vendors/register-routes.ts";
import { vendorPages } from "./vendors/vendor-pages.tsx";
import { vendorRoutes } from "./vendors/vendor-routes.ts";
import { staticRoutes } from "./web/static-routes.ts";

export const API_VERSION = "1.0.0";
const MAX_JSON_BODY = 1024 * 1024;
const MAX_FORM_BODY = 5 * 1024 * 1024;

function clientIp(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in tests has no socket.
    return "local";
  }
}

/** Builds the whole application from its dependencies; no global state, so tests build as many as they like. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.use(async (c, next) => {
    c.set("deps", deps);
    const incoming = c.req.header("x-request-id");
    c.set("requestId", incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID());
    c.set("clientIp", clientIp(c, deps.config.trustProxy));
    await next();
    c.header("X-Request-Id", c.var.requestId);
    if (!c.req.path.startsWith("/static/")) c.header("Cache-Control", "no-store");
  });
  app.use(requestLogger());
  // Pages such as a 300-question review run to hundreds of kilobytes of repetitive HTML; JSON and files stay as sent.
  app.use(compress({ contentTypeFilter: /^(text\/(html|css|javascript)|application\/javascript)\b/ }));
  // Pages whose URL carries a secret must not leak it in a Referer; runs after secureHeaders sets its default.
  app.use("/setup/*", async (c, next) => {
    await next();
    c.header("Referrer-Policy", "no-referrer");
  });
  app.use(
    // overwrite: false lets a route set a stricter header of its own (portal no-referrer, download sandbox).
    secureHeaders({
      overwrite: false,
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: "DENY",
      referrerPolicy: "same-origin",
      strictTransportSecurity: deps.config.secureCookies ? "max-age=31536000; includeSubDomains" : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  const limitJsonBody = bodyLimit({
    maxSize: MAX_JSON_BODY,
    onError: () => {
      throw new AppError("payload_too_large", `The request body is larger than ${MAX_JSON_BODY} bytes`);
    },
  });
  // Only requests with a body: checking a GET makes the Node adapter build a full Request for nothing.
  app.use("/api/*", (c, next) =>
    // The CSV import and countersigned DPA uploads set their own, larger limits.
    c.req.method === "GET" ||
    c.req.method === "HEAD" ||
    c.req.path === IMPORT_PATH ||
    isDpaUploadPath(c.req.path)
      ? next()
      : limitJsonBody(c, next),
  );
  const limitFormBody = bodyLimit({
    maxSize: MAX_FORM_BODY,
    onError: () => {
      throw new AppError("payload_too_large", `The form is larger than ${MAX_FORM_BODY / 1024 / 1024} MB`);
    },
  });
  // Staff pages' forms; the vendor portal (25 MB per file), the CSV import page (20 MB) and countersigned DPA
  // uploads (20 MB) set their own limits.
  app.use("*", (c, next) =>
    c.req.method === "GET" ||
    c.req.method === "HEAD" ||
    c.req.path.startsWith("/api/") ||
    c.req.path.startsWith("/portal/") ||
    c.req.path === IMPORT_PAGE_PATH ||
    isDpaUploadPath(c.req.path)
      ? next()
      : limitFormBody(c, next),
  );
  app.use(authenticate());

  app.route("/", staticRoutes());
  app.route("/", healthRoutes());
  app.route("/", authPages());
  app.route("/", dashboardPage());
  app.route("/", userRoutes());
  app.route("/", userPages());
  app.route("/", tokenRoutes());
  app.route("/", tokenPages());
  app.route("/", auditRoutes());
  app.route("/", auditPages());
  app.route("/", vendorRoutes());
  app.route("/", registerRoutes());
  app.route("/", registerIoRoutes());
  app.route("/", registerIoPages());
  app.route("/", vendorPages());
  app.route("/", questionnaireRoutes());
  app.route("/", questionnairePages());
  app.route("/", assessmentRoutes());
  app.route("/", assessmentPages());
  app.route("/", reviewRoutes());
  app.route("/", reviewPages());
  app.route("/", scoringSettingsRoutes());
  app.route("/", findingRoutes());
  app.route("/", findingPages());
  app.route("/", dpaRoutes());
  app.route("/", dpaPages());
  app.route("/", settingsRoutes());
  app.route("/", settingsPages());
  app.route("/", outboxRoutes());
  app.route("/", outboxPages());
  app.route("/", evidenceRoutes());
  app.route("/", portalRoutes());

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "An API token (vv_...)",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "cookieAuth", {
    type: "apiKey",
    in: "cookie",
    name: "vv_session",
  });
  const documentConfig = {
    openapi: "3.1.0",
    info: {
      title: "VendorVet API",
      version: API_VERSION,
      description:
        "Vendor register, security questionnaires, scoring and DPAs. Every route states the roles that may call it.",
    },
    servers: [{ url: deps.config.publicUrl }],
  };
  app.doc31("/openapi.json", documentConfig);
  mountDocs(app, () => app.getOpenAPI31Document(documentConfig));

  app.onError(handleError);
  app.notFound(handleNotFound);
  return app;
}

export type App = ReturnType<typeof createApp>;
