import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { PORTAL_TEMPLATE } from "../portal/portal-fixture.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import {
  buildBaseSnapshot,
  type DbCopy,
  extendSnapshot,
  type MatrixSnapshot,
  openCopy,
  requestFor,
  rowsWritten,
} from "./role-matrix-app.ts";
import { type Extras, extrasFor, urlFor } from "./role-matrix-fixtures.ts";
import { MATRIX, PORTAL_LINK, PORTAL_SESSION_ROUTES, PUBLIC } from "./role-matrix-routes.ts";
import { type Caller, EVERYONE, type RouteRule } from "./role-matrix-rules.ts";

const CALLERS: readonly Caller[] = [...EVERYONE, "anonymous"];

// Evidence files land on disk; one directory for the whole file, removed at the end.
const uploadDir = mkdtempSync(join(tmpdir(), "vendorvet-role-matrix-"));
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }));
const buildApp = () => buildTestApp({ config: { uploadDir } });

function auditCount(sqlite: SQLite.Database): number {
  return (sqlite.prepare("select count(*) as n from audit_events").get() as { n: number }).n;
}

/** The fixtures and credentials, built once; then one snapshot per set of extras (six in all), built on it. */
let base: Promise<MatrixSnapshot> | undefined;
const baseSnapshot = () => {
  base ??= buildBaseSnapshot({ uploadDir });
  return base;
};
const extended = new Map<string, Promise<MatrixSnapshot>>();
function snapshotFor(extras: Extras): Promise<MatrixSnapshot> {
  if (!extras.review && !extras.findings && extras.dpa === undefined) return baseSnapshot();
  const key = JSON.stringify(extras);
  const snapshot = extended.get(key) ?? baseSnapshot().then((b) => extendSnapshot(b, extras));
  extended.set(key, snapshot);
  return snapshot;
}

/**
 * The copies of the database the current rule's callers use (cases run rule by rule). A caller the rule lets
 * change data gets a copy of its own; the other callers (reads and refusals) share one, which is sound because
 * a refused call must write no row at all, and its case checks exactly that.
 */
let lane: { rule: RouteRule; shared: DbCopy; own: DbCopy[] } | undefined;
function closeLane() {
  for (const copy of lane ? [lane.shared, ...lane.own] : []) copy.sqlite.close();
  lane = undefined;
}
afterAll(closeLane);
function copyFor(rule: RouteRule, ownCopy: boolean, snapshot: MatrixSnapshot): DbCopy {
  if (lane?.rule !== rule) {
    closeLane();
    lane = { rule, shared: openCopy(snapshot), own: [] };
  }
  if (!ownCopy) return lane.shared;
  const copy = openCopy(snapshot);
  lane.own.push(copy);
  return copy;
}

const cases = MATRIX.flatMap((rule) => CALLERS.map((who) => ({ rule, who, name: `${rule[0]} ${rule[1]}` })));

describe("role matrix: every route, every role, and no credentials", () => {
  it.each(cases)("$name as $who", async ({ rule, who }) => {
    const [method, pattern, roles] = rule;
    const snapshot = await snapshotFor(extrasFor(method, pattern));
    const isApi = pattern.startsWith("/api/");
    const changes = method !== "GET";
    const allowed = who !== "anonymous" && roles.includes(who);
    const copy = copyFor(rule, allowed && changes, snapshot);
    const { sqlite } = copy;
    const { url, init } = requestFor(snapshot, who, rule);
    const before = rowsWritten(sqlite);
    const eventsBefore = auditCount(sqlite);
    const res = await copy.request(url, init);

    if (allowed) {
      expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(400);
      const events = auditCount(sqlite) - eventsBefore;
      if (changes) expect(events, "every change writes an audit event").toBeGreaterThan(0);
      return;
    }
    if (who !== "anonymous") {
      expect(res.status).toBe(403);
    } else if (isApi || changes) {
      expect(res.status).toBe(401);
    } else {
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(
        `/login?next=${encodeURIComponent(urlFor(pattern, snapshot.fixtures))}`,
      );
    }
    if (isApi) {
      const { error } = (await res.json()) as { error: { code: string } };
      expect(error.code).toBe(who === "anonymous" ? "unauthenticated" : "forbidden");
    }
    expect(auditCount(sqlite), "a refused call writes no audit event").toBe(eventsBefore);
    expect(rowsWritten(sqlite) - before, "rows a refused call wrote").toBe(0);
  });

  it("sends each call to its own copy of the database, not to whichever copy came before", async () => {
    const snapshot = await baseSnapshot();
    const { fixtures, credentials } = snapshot;
    const [renamed, untouched] = [openCopy(snapshot), openCopy(snapshot)];
    renamed.sqlite.prepare("update vendors set name = 'Renamed' where id = ?").run(fixtures.vendorId);
    const nameIn = async (copy: DbCopy) => {
      const res = await copy.request(`/api/v1/vendors/${fixtures.vendorId}`, {
        headers: credentials.viewer.bearer,
      });
      return ((await res.json()) as { name: string }).name;
    };
    expect([await nameIn(renamed), await nameIn(untouched), await nameIn(renamed)]).toEqual([
      "Renamed",
      "Mailer",
      "Renamed",
    ]);
    for (const copy of [renamed, untouched]) copy.sqlite.close();
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
      const snapshot = await baseSnapshot();
      const copy = openCopy(snapshot);
      const { sqlite } = copy;
      const url = urlFor(pattern, snapshot.fixtures);
      for (const role of EVERYONE) {
        const { cookie, csrf, bearer } = snapshot.credentials[role];
        const credentials: [string, Record<string, string>][] = [
          ["session", { cookie }],
          ["token", bearer],
        ];
        for (const [kind, headers] of credentials) {
          const before = rowsWritten(sqlite);
          const res = await copy.request(url, {
            method,
            headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
            ...(method === "POST" ? { body: new URLSearchParams({ _csrf: csrf }) } : {}),
          });
          const text = await res.text();
          const label = `${role} ${kind}: ${method} ${url}`;
          expect(res.status, label).toBe(401);
          expect(text, label).not.toContain(PORTAL_TEMPLATE.title);
          expect(text, label).not.toContain("Mailer");
          expect(res.headers.get("set-cookie") ?? "", label).not.toContain("portal");
          expect(rowsWritten(sqlite) - before, label).toBe(0);
        }
      }
      sqlite.close();
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
