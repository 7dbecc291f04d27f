import SQLite from "better-sqlite3";
import { createApp } from "../../src/app.ts";
import type { AppDeps } from "../../src/app-deps.ts";
import type { Role } from "../../src/auth/roles.ts";
import { createApiToken } from "../../src/auth/token-service.ts";
import type { Config } from "../../src/config.ts";
import { applyPragmas, createDb, type Db } from "../../src/db/connection.ts";
import { createLogMailer } from "../../src/mail/mailer.ts";
import { createMemoryLogger } from "../../src/shared/logger.ts";
import { fixedClock, ulidGenerator } from "../../src/shared/runtime.ts";
import { buildTestApp } from "../support/test-app.ts";
import {
  addExtras,
  createFixtures,
  type Extras,
  type Fixtures,
  fill,
  urlFor,
} from "./role-matrix-fixtures.ts";
import { type Caller, EVERYONE, type RouteRule } from "./role-matrix-rules.ts";

/** How one staff user of a role calls: a signed-in session for the pages, a bearer token for the API. */
export interface Credentials {
  cookie: string;
  csrf: string;
  bearer: Record<string, string>;
}

/**
 * A migrated database with the fixtures and one signed-in user (with a token) per role, frozen as bytes, and
 * the app to send requests to. Building one is the slow part (password hashing, a DPA rendered to PDF); a copy
 * of its database takes under a millisecond.
 */
export interface MatrixSnapshot {
  bytes: Buffer;
  fixtures: Fixtures;
  credentials: Record<Role, Credentials>;
  app: ReturnType<typeof createApp>;
  /** The app's dependencies: a copy puts its own database in here for the length of its request. */
  deps: AppDeps;
}

/** A fresh copy of a snapshot's database, and a way to send the snapshot's app a request over it. */
export interface DbCopy {
  sqlite: SQLite.Database;
  request(url: string, init?: RequestInit): Promise<Response>;
}

/** The fixtures without extras, the callers' credentials, and the one app that every copy is served by. */
export async function buildBaseSnapshot(config: Partial<Config>): Promise<MatrixSnapshot> {
  const t = await buildTestApp({ config });
  const fixtures = await createFixtures(t);
  const credentials = {} as Record<Role, Credentials>;
  for (const role of EVERYONE) {
    const user = await t.addUser(role);
    const session = await t.signIn(user.email);
    const actor = { type: "system", id: null, label: "test" } as const;
    const { token } = await createApiToken({ ...t.ctx, actor }, { name: "matrix", userId: user.id });
    const bearer = { Authorization: `Bearer ${token}` };
    // The first use stamps the token's last_used_at; done here, so a refused call in a copy writes nothing.
    const me = await t.app.request("/api/v1/me", { headers: bearer });
    if (me.status !== 200) throw new Error(`the ${role} token does not work: ${me.status}`);
    credentials[role] = { ...session, bearer };
  }
  const bytes = t.sqlite.serialize();
  t.sqlite.close();
  const logger = createMemoryLogger();
  // The database is swapped per copy. Building an app (and Hono's router, on its first request) costs more than
  // most requests do, and an app keeps no state of its own: all of it is in the database.
  const deps: AppDeps = {
    db: t.deps.db,
    config: t.deps.config,
    clock: fixedClock(t.clock.now()),
    newId: ulidGenerator,
    logger,
    mailer: createLogMailer(logger),
  };
  return { bytes, fixtures, credentials, app: createApp(deps), deps };
}

/** The base snapshot with the extras some routes act on added (through the services, as the fixtures are). */
export async function extendSnapshot(base: MatrixSnapshot, extras: Extras): Promise<MatrixSnapshot> {
  const sqlite = openSqliteCopy(base.bytes);
  const db = createDb(sqlite);
  const { config, clock, newId } = base.deps;
  const ctx = { db, config, clock, newId, actor: { type: "system", id: null, label: "test setup" } } as const;
  const fixtures = await addExtras(ctx, base.fixtures, extras);
  const bytes = sqlite.serialize();
  sqlite.close();
  return { ...base, bytes, fixtures };
}

function openSqliteCopy(bytes: Buffer): SQLite.Database {
  const sqlite = new SQLite(bytes);
  applyPragmas(sqlite);
  return sqlite;
}

let inFlight = false;

/** Opens a fresh copy of the snapshot's database; its requests go to the snapshot's app, one at a time. */
export function openCopy(snapshot: MatrixSnapshot): DbCopy {
  const sqlite = openSqliteCopy(snapshot.bytes);
  const db: Db = createDb(sqlite);
  return {
    sqlite,
    async request(url, init) {
      // Two requests at once would share one deps.db; the matrix runs its cases one after another.
      if (inFlight) throw new Error("a matrix copy sends one request at a time");
      inFlight = true;
      snapshot.deps.db = db;
      try {
        const res = await snapshot.app.request(url, init);
        // Read to the end here: a body streamed later could query whichever copy is in deps.db by then.
        const empty = res.body === null || [204, 205, 304].includes(res.status);
        const body = empty ? null : await res.arrayBuffer();
        return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      } finally {
        inFlight = false;
      }
    },
  };
}

/** What a caller sends for a rule: a bearer token for the API, a session and its CSRF token for pages. */
export function requestFor({ fixtures: f, credentials }: MatrixSnapshot, who: Caller, rule: RouteRule) {
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
    if (who !== "anonymous") Object.assign(headers, credentials[who].bearer);
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
      headers.cookie = credentials[who].cookie;
      csrf = credentials[who].csrf;
    }
    if (method !== "GET") body = asForm(csrf);
  }
  const url = urlFor(pattern, f) + (query ? `?${fill(query, f)}` : "");
  return { url, init: { method, headers, ...(body ? { body } : {}) } };
}

/**
 * Rows inserted, updated or deleted through this connection since it opened (SQLite's total_changes()). Only
 * the app writes through a copy, so an unchanged count means a call wrote nothing, not even a rolled-back row.
 */
export function rowsWritten(sqlite: SQLite.Database): number {
  return sqlite.prepare("select total_changes()").pluck().get() as number;
}
