import { describe, expect, it } from "vitest";
import type { Role } from "../../src/auth/roles.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";

/**
 * Who may use which route, written out by hand from the product's rules (not read from the code),
 * so a route whose declared access drifts fails here.
 */
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Caller = Role | "anonymous";

interface Fixtures {
  userId: string;
  disabledUserId: string;
  tokenId: string;
  vendorId: string;
  recordId: string;
  subId: string;
  contactId: string;
}

/** Method, route as Hono registers it, who may use it, and the JSON (API) or form fields (pages) to send. */
type RouteRule = [method: Method, pattern: string, roles: readonly Role[], body?: Record<string, unknown>];

const EVERYONE: readonly Role[] = ["admin", "privacy", "procurement", "viewer"];
const PROCURE: readonly Role[] = ["admin", "privacy", "procurement"];
const PRIVACY: readonly Role[] = ["admin", "privacy"];
const ADMIN: readonly Role[] = ["admin"];
const CALLERS: readonly Caller[] = [...EVERYONE, "anonymous"];

const newsletter = {
  purpose: "Sending the monthly newsletter to customers who asked for it",
  legalBasis: "consent",
  dataCategories: ["identity", "contact"],
  dataSubjects: ["customers"],
  subjectCount: 2_000,
  frequency: "recurring",
  access: "stores",
  locations: [{ country: "DE", mechanism: "adequacy" }],
};
const newsletterForm = {
  ...newsletter,
  subjectCount: "2000",
  locations: undefined,
  "locations[0].country": "DE",
  "locations[0].mechanism": "adequacy",
};
const hosting = { name: "Hosting", service: "Servers", country: "US", mechanism: "scc", sccModule: 3 };
const newUser = { email: "new@example.test", name: "New", role: "viewer", password: "a long enough secret" };
const acme = { name: "Acme", country: "DE", businessCriticality: "low" };
const override = { tier: "high", reason: "Holds every customer's address" };
const contactForm = { "contact.name": "Sam", "contact.email": "sam@x.example", "contact.role": "security" };
const storageForm = { name: "Backups", service: "Storage", country: "DE", mechanism: "adequacy" };

const MATRIX: RouteRule[] = [
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
  ["GET", "/api/v1/vendors", EVERYONE],
  ["POST", "/api/v1/vendors", PROCURE, acme],
  ["GET", "/api/v1/vendors/:id", EVERYONE],
  ["PATCH", "/api/v1/vendors/:id", PROCURE, { name: "Mailer Renamed" }],
  ["POST", "/api/v1/vendors/:id/status", PROCURE, { status: "under_review" }],
  [
    "POST",
    "/api/v1/vendors/:id/contacts",
    PROCURE,
    { name: "Sam", email: "sam@mailer.example", role: "security" },
  ],
  ["DELETE", "/api/v1/vendors/:id/contacts/:contactId", PROCURE],
  ["POST", "/api/v1/vendors/:id/processing", PROCURE, newsletter],
  ["PUT", "/api/v1/vendors/:id/processing/:recordId", PROCURE, { ...newsletter, subjectCount: 3_000 }],
  ["DELETE", "/api/v1/vendors/:id/processing/:recordId", PROCURE],
  ["POST", "/api/v1/vendors/:id/subprocessors", PROCURE, { ...hosting, name: "Backups" }],
  ["DELETE", "/api/v1/vendors/:id/subprocessors/:subId", PROCURE],
  ["GET", "/api/v1/vendors/:id/risk", EVERYONE],
  ["POST", "/api/v1/vendors/:id/risk/override", PRIVACY, override],
  ["GET", "/", EVERYONE],
  ["GET", "/admin/users", ADMIN],
  ["POST", "/admin/users", ADMIN, newUser],
  ["POST", "/admin/users/:id/role", ADMIN, { role: "procurement" }],
  ["POST", "/admin/users/:id/disable", ADMIN],
  ["POST", "/admin/users/:id/enable", ADMIN],
  ["GET", "/admin/tokens", ADMIN],
  ["POST", "/admin/tokens", ADMIN, { name: "ci" }],
  ["POST", "/admin/tokens/:id/revoke", ADMIN],
  ["GET", "/audit", PRIVACY],
  ["GET", "/vendors", EVERYONE],
  ["GET", "/register/checks", EVERYONE],
  ["GET", "/vendors/new", PROCURE],
  ["POST", "/vendors/new", PROCURE, acme],
  ["GET", "/vendors/:id", EVERYONE],
  ["GET", "/vendors/:id/edit", PROCURE],
  ["POST", "/vendors/:id/edit", PROCURE, { ...acme, name: "Mailer Renamed" }],
  ["POST", "/vendors/:id/contacts", PROCURE, contactForm],
  ["POST", "/vendors/:id/contacts/:contactId/delete", PROCURE],
  ["POST", "/vendors/:id/status", PROCURE, { status: "under_review" }],
  ["POST", "/vendors/:id/override", PRIVACY, override],
  ["GET", "/vendors/:id/processing/new", PROCURE],
  ["POST", "/vendors/:id/processing/new", PROCURE, newsletterForm],
  ["GET", "/vendors/:id/processing/:recordId/edit", PROCURE],
  ["POST", "/vendors/:id/processing/:recordId/edit", PROCURE, { ...newsletterForm, subjectCount: "3000" }],
  ["POST", "/vendors/:id/processing/:recordId/delete", PROCURE],
  ["GET", "/vendors/:id/subprocessors/new", PROCURE],
  ["POST", "/vendors/:id/subprocessors/new", PROCURE, storageForm],
  ["POST", "/vendors/:id/subprocessors/:subId/delete", PROCURE],
];

/** The real address for a route: ids of the fixture each kind of record points at. */
function urlFor(pattern: string, f: Fixtures): string {
  let id = pattern.includes("/tokens/") ? f.tokenId : pattern.includes("/users/") ? f.userId : f.vendorId;
  if (pattern.endsWith("/enable")) id = f.disabledUserId;
  const ids: Record<string, string> = { id, recordId: f.recordId, subId: f.subId, contactId: f.contactId };
  return pattern.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? `:${name}`);
}

/** Routes anyone may reach; they have their own tests. */
const PUBLIC = new Set([
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

async function auditCount(t: TestApp): Promise<number> {
  return (t.sqlite.prepare("select count(*) as n from audit_events").get() as { n: number }).n;
}

/** A target user, a disabled user, a token and a vendor with one of each register record, made through the API. */
async function createFixtures(t: TestApp): Promise<Fixtures> {
  const admin = await t.bearer("admin");
  const call = async (method: Method, path: string, body?: unknown) => {
    const res = await t.app.request(path, {
      method,
      headers: { ...admin, "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status >= 300)
      throw new Error(`fixture ${method} ${path} failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown> & { id: string };
  };
  const target = await t.addUser("viewer");
  const disabled = await t.addUser("viewer");
  await call("PATCH", `/api/v1/users/${disabled.id}`, { disabled: true });
  const token = await call("POST", "/api/v1/tokens", { name: "target", userId: target.id });
  const eva = { name: "Eva", email: "eva@mailer.example", role: "privacy" };
  const vendor = await call("POST", "/api/v1/vendors", { ...acme, name: "Mailer", contacts: [eva] });
  type Ref = { id: string };
  const record = (await call("POST", `/api/v1/vendors/${vendor.id}/processing`, newsletter)).record as Ref;
  const sub = (await call("POST", `/api/v1/vendors/${vendor.id}/subprocessors`, hosting)).subprocessor as Ref;
  const detail = await call("GET", `/api/v1/vendors/${vendor.id}`);
  const contact = (detail.contacts as { id: string }[])[0];
  if (!contact) throw new Error("fixture vendor has no contact");
  return {
    userId: target.id,
    disabledUserId: disabled.id,
    tokenId: token.id,
    vendorId: vendor.id,
    recordId: record.id,
    subId: sub.id,
    contactId: contact.id,
  };
}

/** Gets the caller's credentials first, so what the call itself changes can be counted apart. */
/** Gets the caller's credentials first, so what the call itself changes can be counted apart. */
async function prepareCall(t: TestApp, who: Caller, rule: RouteRule, f: Fixtures) {
  const [method, pattern, , payload] = rule;
  const headers: Record<string, string> = {};
  let body: string | URLSearchParams | undefined;
  if (pattern.startsWith("/api/")) {
    if (who !== "anonymous") Object.assign(headers, await t.bearer(who));
    if (payload) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(payload);
    }
  } else {
    let csrf = "";
    if (who !== "anonymous") {
      const session = await t.signIn((await t.addUser(who)).email);
      headers.cookie = session.cookie;
      csrf = session.csrf;
    }
    if (method !== "GET") {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams({ _csrf: csrf });
      for (const [name, value] of Object.entries(payload ?? {})) {
        if (value === undefined) continue;
        for (const one of Array.isArray(value) ? value : [value]) body.append(name, String(one));
      }
    }
  }
  return async () => t.app.request(urlFor(pattern, f), { method, headers, ...(body ? { body } : {}) });
}

const cases = MATRIX.flatMap((rule) => CALLERS.map((who) => ({ rule, who, name: `${rule[0]} ${rule[1]}` })));

describe("role matrix: every route, every role, and no credentials", () => {
  it.each(cases)("$name as $who", async ({ rule, who }) => {
    const [method, pattern, roles] = rule;
    const t = await buildTestApp();
    const f = await createFixtures(t);
    const send = await prepareCall(t, who, rule, f);
    const before = await auditCount(t);
    const res = await send();
    const isApi = pattern.startsWith("/api/");
    const changes = method !== "GET";
    const events = (await auditCount(t)) - before;

    if (who !== "anonymous" && roles.includes(who)) {
      expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(400);
      if (changes) expect(events, "every change writes an audit event").toBeGreaterThan(0);
      return;
    }
    if (who !== "anonymous") {
      expect(res.status).toBe(403);
    } else if (isApi || changes) {
      expect(res.status).toBe(401);
    } else {
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`/login?next=${encodeURIComponent(urlFor(pattern, f))}`);
    }
    if (isApi) {
      const { error } = (await res.json()) as { error: { code: string } };
      expect(error.code).toBe(who === "anonymous" ? "unauthenticated" : "forbidden");
    }
    expect(events, "a refused call must change nothing").toBe(0);
  });

  it("a viewer may only read", () => {
    const viewerWrites = MATRIX.filter(([method, , roles]) => roles.includes("viewer") && method !== "GET");
    expect(viewerWrites.map(([method, pattern]) => `${method} ${pattern}`)).toEqual([]);
  });

  it("covers every route the app registers, so a new route cannot skip the matrix", async () => {
    const t = await buildTestApp();
    const registered = new Set(
      t.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`),
    );
    const inMatrix = new Set(MATRIX.map(([method, pattern]) => `${method} ${pattern}`));
    const missing = [...registered].filter((r) => !inMatrix.has(r) && !PUBLIC.has(r)).sort();
    expect(missing, "routes missing from the role matrix").toEqual([]);
    const stale = [...inMatrix, ...PUBLIC].filter((r) => !registered.has(r)).sort();
    expect(stale, "matrix rows for routes the app no longer has").toEqual([]);
  });
});

describe("credentials that must not work", () => {
  const send = (t: TestApp, headers: Record<string, string>, method: string, path: string, body?: unknown) =>
    t.app.request(path, {
      method,
      headers: { ...headers, "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  it("a revoked token is refused at once", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const created = await send(t, admin, "POST", "/api/v1/tokens", { name: "soon revoked" });
    const { id, token } = (await created.json()) as { id: string; token: string };
    const bearer = { Authorization: `Bearer ${token}` };
    expect((await send(t, bearer, "GET", "/api/v1/me")).status).toBe(200);
    expect((await send(t, admin, "DELETE", `/api/v1/tokens/${id}`)).status).toBe(200);
    const after = await send(t, bearer, "GET", "/api/v1/me");
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
  });

  it("the token of a disabled user is refused", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const viewer = await t.bearer("viewer");
    const me = (await (await send(t, viewer, "GET", "/api/v1/me")).json()) as { id: string };
    expect((await send(t, admin, "PATCH", `/api/v1/users/${me.id}`, { disabled: true })).status).toBe(200);
    expect((await send(t, viewer, "GET", "/api/v1/me")).status).toBe(401);
  });

  it.each([
    ["no scheme", "vv_abc"],
    ["Basic scheme", "Basic dXNlcjpwYXNz"],
    ["Bearer without a token", "Bearer"],
    ["Bearer with two words", "Bearer vv_one two"],
    ["a token that was never issued", "Bearer vv_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["empty header", ""],
  ])(
    "a malformed Authorization header (%s) is 401, never a fall back to the session",
    async (_name, header) => {
      const t = await buildTestApp();
      const user = await t.addUser("admin");
      const { cookie } = await t.signIn(user.email);
      const res = await t.app.request("/api/v1/me", { headers: { authorization: header, cookie } });
      expect(res.status).toBe(401);
    },
  );
});
