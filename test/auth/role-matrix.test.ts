import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/auth/roles.ts";
import { PORTAL_TEMPLATE } from "../portal/portal-fixture.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import { createFixtures, extrasFor, type Fixtures, fill, urlFor } from "./role-matrix-fixtures.ts";
import {
  EVERYONE,
  MATRIX,
  PORTAL_LINK,
  PORTAL_SESSION_ROUTES,
  PUBLIC,
  type RouteRule,
} from "./role-matrix-routes.ts";

type Caller = Role | "anonymous";
const CALLERS: readonly Caller[] = [...EVERYONE, "anonymous"];

// Evidence files land on disk; one directory for the whole file, removed at the end.
const uploadDir = mkdtempSync(join(tmpdir(), "vendorvet-role-matrix-"));
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }));
const buildApp = () => buildTestApp({ config: { uploadDir } });

async function auditCount(t: TestApp): Promise<number> {
  return (t.sqlite.prepare("select count(*) as n from audit_events").get() as { n: number }).n;
}

/** Gets the caller's credentials first, so what the call itself changes can be counted apart. */
async function prepareCall(t: TestApp, who: Caller, rule: RouteRule, f: Fixtures) {
  const [method, pattern, , template, query] = rule;
  const payload = template === undefined ? undefined : fill(template, f);
  const headers: Record<string, string> = {};
  const fields = Object.entries(typeof payload === "object" ? payload : {});
  const multipart = fields.some(([, value]) => value instanceof File);
  /** The fields as a form; a File makes it multipart (FormData then sets the content type with its boundary). */
  const asForm = (csrf?: string) => {
    const form = multipart ? new FormData() : new URLSearchParams();
    if (csrf !== undefined) form.append("_csrf", csrf);
    for (const [name, value] of fields) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value])
        if (one instanceof File && form instanceof FormData) form.append(name, one);
        else form.append(name, String(one));
    }
    if (!multipart) headers["content-type"] = "application/x-www-form-urlencoded";
    return form;
  };
  let body: string | URLSearchParams | FormData | undefined;
  if (pattern.startsWith("/api/")) {
    if (who !== "anonymous") Object.assign(headers, await t.bearer(who));
    if (typeof payload === "string") {
      headers["content-type"] = "text/csv";
      body = payload;
    } else if (multipart) {
      body = asForm();
    } else if (payload) {
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
    if (method !== "GET") body = asForm(csrf);
  }
  const url = urlFor(pattern, f) + (query ? `?${fill(query, f)}` : "");
  return async () => t.app.request(url, { method, headers, ...(body ? { body } : {}) });
}

/**
 * A fresh app with fixtures for each write; a GET row's callers share one, since reading changes nothing (and a
 * refused call that changed something would fail its own case). Keeps the matrix to a few seconds.
 */
const readApps = new Map<RouteRule, Promise<{ t: TestApp; f: Fixtures }>>();
function appFor(rule: RouteRule): Promise<{ t: TestApp; f: Fixtures }> {
  const fresh = async () => {
    const t = await buildApp();
    return { t, f: await createFixtures(t, extrasFor(rule[0], rule[1])) };
  };
  if (rule[0] !== "GET") return fresh();
  const shared = readApps.get(rule) ?? fresh();
  readApps.set(rule, shared);
  return shared;
}

const cases = MATRIX.flatMap((rule) => CALLERS.map((who) => ({ rule, who, name: `${rule[0]} ${rule[1]}` })));

describe("role matrix: every route, every role, and no credentials", () => {
  it.each(cases)("$name as $who", async ({ rule, who }) => {
    const [method, pattern, roles] = rule;
    const { t, f } = await appFor(rule);
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
    const t = await buildApp();
    const registered = new Set(
      t.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`),
    );
    const inMatrix = new Set(MATRIX.map(([method, pattern]) => `${method} ${pattern}`));
    const elsewhere = new Set<string>([...PUBLIC, PORTAL_LINK, ...PORTAL_SESSION_ROUTES]);
    const missing = [...registered].filter((r) => !inMatrix.has(r) && !elsewhere.has(r)).sort();
    expect(missing, "routes missing from the role matrix").toEqual([]);
    const stale = [...inMatrix, ...elsewhere].filter((r) => !registered.has(r)).sort();
    expect(stale, "matrix rows for routes the app no longer has").toEqual([]);
  });
});

describe("the vendor portal is not a staff area", () => {
  const portalCases = PORTAL_SESSION_ROUTES.map((route) => {
    const [method, pattern] = route.split(" ") as ["GET" | "POST", string];
    return { route, method, pattern };
  });

  it.each(portalCases)(
    "$route answers 401 to every staff session and token, shows nothing and changes nothing",
    async ({ method, pattern }) => {
      const t = await buildApp();
      const f = await createFixtures(t);
      const url = urlFor(pattern, f);
      for (const role of EVERYONE) {
        const session = await t.signIn((await t.addUser(role)).email);
        const credentials: [string, Record<string, string>][] = [
          ["session", { cookie: session.cookie }],
          ["token", await t.bearer(role)],
        ];
        for (const [kind, headers] of credentials) {
          const before = await auditCount(t);
          const res = await t.app.request(url, {
            method,
            headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
            ...(method === "POST" ? { body: new URLSearchParams({ _csrf: session.csrf }) } : {}),
          });
          const text = await res.text();
          const label = `${role} ${kind}: ${method} ${url}`;
          expect(res.status, label).toBe(401);
          expect(text, label).not.toContain(PORTAL_TEMPLATE.title);
          expect(text, label).not.toContain("Mailer");
          expect(res.headers.get("set-cookie") ?? "", label).not.toContain("portal");
          expect((await auditCount(t)) - before, label).toBe(0);
        }
      }
    },
  );

  it("a staff session opening a made-up portal link gets the invalid-link page and no portal session", async () => {
    const t = await buildApp();
    const session = await t.signIn((await t.addUser("admin")).email);
    const res = await t.app.request(`/portal/${"x".repeat(43)}`, { headers: { cookie: session.cookie } });
    expect(res.status).toBe(404);
    expect(res.headers.get("set-cookie") ?? "").not.toContain("portal");
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
    const t = await buildApp();
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
    const t = await buildApp();
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
      const t = await buildApp();
      const user = await t.addUser("admin");
      const { cookie } = await t.signIn(user.email);
      const res = await t.app.request("/api/v1/me", { headers: { authorization: header, cookie } });
      expect(res.status).toBe(401);
    },
  );
});
