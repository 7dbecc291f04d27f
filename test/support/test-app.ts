import SQLite from "better-sqlite3";
import { createApp } from "../../src/app.ts";
import type { AppDeps } from "../../src/app-deps.ts";
import type { Role } from "../../src/auth/roles.ts";
import { createApiToken } from "../../src/auth/token-service.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import { applyPragmas, createDb } from "../../src/db/connection.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { createLogMailer } from "../../src/mail/mailer.ts";
import { createMemoryLogger } from "../../src/shared/logger.ts";
import { type Clock, fixedClock, ulidGenerator } from "../../src/shared/runtime.ts";
import type { ServiceContext } from "../../src/shared/service-context.ts";
import { createUser } from "../../src/users/user-service.ts";

export const TEST_PASSWORD = "correct horse battery staple";

let migrated: Buffer | undefined;

/** A fresh, fully migrated in-memory database: migrate once, then copy the bytes for each test. */
export async function freshSqlite(): Promise<SQLite.Database> {
  if (!migrated) {
    const sqlite = new SQLite(":memory:");
    applyPragmas(sqlite);
    const db = createDb(sqlite);
    await migrateToLatest(db);
    migrated = sqlite.serialize();
    await db.destroy();
  }
  const copy = new SQLite(migrated);
  applyPragmas(copy);
  return copy;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ DATABASE_PATH: ":memory:" }), passwordHashCost: 10, ...overrides };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  sqlite: SQLite.Database;
  clock: ReturnType<typeof fixedClock>;
  logger: ReturnType<typeof createMemoryLogger>;
  ctx: ServiceContext;
  /** Creates a user with this role and returns its id and email. */
  addUser(role: Role, email?: string): Promise<{ id: string; email: string }>;
  /** A bearer header for a new user of this role. */
  bearer(role: Role): Promise<Record<string, string>>;
  /** Signs in through the real login form; returns the cookie header and the CSRF token of the session. */
  signIn(email: string, password?: string): Promise<{ cookie: string; csrf: string }>;
}

export async function buildTestApp(
  options: { config?: Partial<Config>; clock?: Clock } = {},
): Promise<TestApp> {
  const sqlite = await freshSqlite();
  const db = createDb(sqlite);
  const clock = fixedClock("2026-03-02T09:00:00.000Z");
  const logger = createMemoryLogger();
  const config = testConfig(options.config);
  const deps: AppDeps = {
    db,
    config,
    clock: options.clock ?? clock,
    newId: ulidGenerator,
    logger,
    mailer: createLogMailer(logger),
  };
  const app = createApp(deps);
  const ctx: ServiceContext = {
    db,
    config,
    clock: deps.clock,
    newId: ulidGenerator,
    actor: { type: "system", id: null, label: "test setup" },
  };
  let n = 0;
  const addUser = async (role: Role, email?: string) => {
    n += 1;
    const user = await createUser(ctx, {
      email: email ?? `${role}${n}@example.test`,
      name: `Test ${role} ${n}`,
      role,
      password: TEST_PASSWORD,
    });
    return { id: user.id, email: user.email };
  };
  return {
    app,
    deps,
    sqlite,
    clock,
    logger,
    ctx,
    addUser,
    async bearer(role) {
      const user = await addUser(role);
      const token = await createApiToken(
        { ...ctx, actor: { type: "system", id: null, label: "test" } },
        { name: "test", userId: user.id },
      );
      return { Authorization: `Bearer ${token.token}` };
    },
    async signIn(email, password = TEST_PASSWORD) {
      const page = await app.request("/login");
      const loginCookie = cookieHeader(page);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
      const res = await app.request("/login", {
        method: "POST",
        headers: { cookie: loginCookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, password, _csrf: csrf, next: "/" }),
      });
      if (res.status !== 303) throw new Error(`sign-in failed with ${res.status}`);
      const cookie = cookieHeader(res);
      const home = await app.request("/", { headers: { cookie } });
      const sessionCsrf = /name="_csrf" value="([^"]+)"/.exec(await home.text())?.[1] ?? "";
      return { cookie, csrf: sessionCsrf };
    },
  };
}

/** The cookies a response sets, as a request Cookie header. */
export function cookieHeader(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => c && !c.endsWith("="))
    .join("; ");
}

export function form(fields: Record<string, string>): {
  headers: Record<string, string>;
  body: URLSearchParams;
} {
  return {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  };
}
