import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Role } from "../../src/auth/roles.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { createMemoryLogger } from "../../src/shared/logger.ts";
import { createUser } from "../../src/users/user-service.ts";

export const SERVER_PASSWORD = "correct horse battery staple";

export interface TestServer {
  /** Where the server listens, e.g. http://localhost:41234 (no trailing slash). */
  url: string;
  databasePath: string;
  server: RunningServer;
  logger: ReturnType<typeof createMemoryLogger>;
  /** Everything startServer printed (the first-admin instructions). */
  printed: string[];
  /** Adds a staff user straight through the service layer. */
  addUser(
    role: Role,
    opts?: { email?: string; name?: string; password?: string },
  ): Promise<{ id: string; email: string; password: string }>;
  /** Stops the server, closes the database and removes the temporary folder. */
  close(): Promise<void>;
}

/** The configuration for a server on a temporary database file; PORT 0 lets the OS pick a free port. */
export function serverConfig(databasePath: string, env: Record<string, string> = {}): Config {
  // The env schema wants a real port, so 0 is set after parsing.
  return { ...loadConfig({ DATABASE_PATH: databasePath, ...env }), port: 0, passwordHashCost: 10 };
}

/** Starts the real server (startServer) over HTTP on a fresh temporary database file. */
export async function startTestServer(
  options: { env?: Record<string, string>; config?: Partial<Config> } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "vendorvet-server-"));
  const databasePath = join(dir, "vendorvet.db");
  const logger = createMemoryLogger();
  const printed: string[] = [];
  let server: RunningServer;
  try {
    server = await startServer(
      { ...serverConfig(databasePath, options.env), ...options.config },
      { logger, print: (text) => printed.push(text) },
    );
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  let n = 0;
  return {
    url: server.url,
    databasePath,
    server,
    logger,
    printed,
    async addUser(role, opts = {}) {
      n += 1;
      const password = opts.password ?? SERVER_PASSWORD;
      const { deps } = server;
      const user = await createUser(
        {
          db: deps.db,
          config: deps.config,
          clock: deps.clock,
          newId: deps.newId,
          actor: { type: "system", id: null, label: "test setup" },
        },
        {
          email: opts.email ?? `${role}${n}@example.test`,
          name: opts.name ?? `Test ${role} ${n}`,
          role,
          password,
        },
      );
      return { id: user.id, email: user.email, password };
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The cookies a fetch response sets, as a Cookie request header (cleared cookies left out). */
export function cookiesFrom(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => c !== "" && !c.endsWith("="))
    .join("; ");
}

/** Signs in through the real login form over HTTP; returns the session cookie header. */
export async function signInOverHttp(
  url: string,
  email: string,
  password: string,
): Promise<{ status: number; cookie: string; location: string | null }> {
  const page = await fetch(`${url}/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  const res = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesFrom(page) },
    body: new URLSearchParams({ email, password, _csrf: csrf, next: "/" }),
  });
  await res.body?.cancel();
  return { status: res.status, cookie: cookiesFrom(res), location: res.headers.get("location") };
}
