import { ASSESSMENT_ROUTES } from "./role-matrix-routes-assessments.ts";
import { FINDING_AND_DPA_ROUTES } from "./role-matrix-routes-findings.ts";
import { REGISTER_ROUTES } from "./role-matrix-routes-register.ts";
import { ADMIN, EVERYONE, PRIVACY, type RouteRule } from "./role-matrix-rules.ts";

/**
 * Every staff route with the roles that may use it, written out by hand from the product's rules (not read from
 * the code) so a route whose declared access drifts fails the role matrix: the administration routes (users,
 * tokens, settings, outbox, audit log) here, the other areas in role-matrix-routes-*.ts. Then the routes that
 * are deliberately outside the matrix; the matrix test fails on an app route that is in none of these lists.
 */
const newUser = { email: "new@example.test", name: "New", role: "viewer", password: "a long enough secret" };

const ADMIN_ROUTES: RouteRule[] = [
  ["GET", "/api/v1/users", ADMIN],
  ["POST", "/api/v1/users", ADMIN, newUser],
  ["GET", "/api/v1/users/:id", ADMIN],
  ["PATCH", "/api/v1/users/:id", ADMIN, { role: "procurement" }],
  ["GET", "/api/v1/me", EVERYONE],
  ["GET", "/api/v1/tokens", ADMIN],
  ["POST", "/api/v1/tokens", ADMIN, { name: "ci" }],
  ["DELETE", "/api/v1/tokens/:id", ADMIN],
  ["GET", "/api/v1/audit", PRIVACY],
  ["GET", "/api/v1/audit/verify", PRIVACY],
  ["GET", "/api/v1/settings", EVERYONE],
  ["PATCH", "/api/v1/settings", ADMIN, { organisationName: "Example Org" }],
  ["GET", "/api/v1/outbox", ADMIN],
  ["GET", "/api/v1/outbox/:id", ADMIN],
  ["POST", "/api/v1/outbox/:id/retry", ADMIN],
  ["GET", "/admin/users", ADMIN],
  ["POST", "/admin/users", ADMIN, newUser],
  ["POST", "/admin/users/:id/role", ADMIN, { role: "procurement" }],
  ["POST", "/admin/users/:id/disable", ADMIN],
  ["POST", "/admin/users/:id/enable", ADMIN],
  ["GET", "/admin/tokens", ADMIN],
  ["POST", "/admin/tokens", ADMIN, { name: "ci" }],
  ["POST", "/admin/tokens/:id/revoke", ADMIN],
  ["GET", "/admin/settings", ADMIN],
  ["POST", "/admin/settings", ADMIN, { organisationName: "Example Org" }],
  ["GET", "/admin/outbox", ADMIN],
  ["GET", "/admin/outbox/:id", ADMIN],
  ["POST", "/admin/outbox/:id/retry", ADMIN],
  ["GET", "/audit", PRIVACY],
];

export const MATRIX: RouteRule[] = [
  ...ADMIN_ROUTES,
  ...REGISTER_ROUTES,
  ...ASSESSMENT_ROUTES,
  ...FINDING_AND_DPA_ROUTES,
];

/** Routes anyone may reach; they have their own tests. */
export const PUBLIC = new Set([
  "GET /healthz",
  "GET /openapi.json",
  "GET /docs",
  "GET /login",
  "POST /login",
  "POST /logout",
  "GET /setup/:token",
  "POST /setup/:token",
  "GET /static/:file",
  "GET /favicon.ico",
]);

/** The emailed link itself: its secret is the credential (test/portal/portal-link.test.ts). */
export const PORTAL_LINK = "GET /portal/:secret";

/** The vendor portal behind the link: only a portal session opens these, never a staff role. */
export const PORTAL_SESSION_ROUTES = [
  "GET /portal/assessment",
  "GET /portal/assessment/sections/:sectionId",
  "POST /portal/assessment/sections/:sectionId",
  "POST /portal/assessment/answers",
  "POST /portal/assessment/evidence",
  "GET /portal/assessment/evidence/:fileId",
  "POST /portal/assessment/evidence/:fileId/remove",
  "POST /portal/assessment/prefill",
  "GET /portal/assessment/submit",
  "POST /portal/assessment/submit",
  "POST /portal/leave",
] as const;
