import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startServer } from "../../src/server.ts";
import { createMemoryLogger } from "../../src/shared/logger.ts";
import {
  cookiesFrom,
  serverConfig,
  signInOverHttp,
  startTestServer,
  type TestServer,
} from "../support/server.ts";

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

async function start(env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer({ env });
  running.push(server);
  return server;
}

/** The setup link's path from what the server printed; the printed host is PUBLIC_URL, not the test port. */
function setupPath(printed: string[]): string {
  const match = /https?:\/\/[^\s/]+(\/setup\/[\w-]+)/.exec(printed.join("\n"));
  if (!match?.[1]) throw new Error(`no setup link in: ${printed.join("\n")}`);
  return match[1];
}

describe("first start on an empty database", () => {
  it("prints a one-time setup link that creates the first admin, who then signs in over HTTP", async () => {
    const s = await start();
    expect(s.printed).toHaveLength(1);
    const path = setupPath(s.printed);
    expect(s.printed[0]).toContain("vendorvet user add");

    const page = await fetch(`${s.url}${path}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`action="${path}"`);
    for (const field of ["name", "email", "password"]) expect(html).toContain(`name="${field}"`);
    // The link is a secret: it must never travel to another site in a Referer header.
    expect(page.headers.get("referrer-policy")).toMatch(/^(no-referrer|same-origin)$/);

    const short = await fetch(`${s.url}${path}`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({ name: "Ada", email: "ada@example.test", password: "short" }),
    });
    expect(short.status).toBe(400);

    const done = await fetch(`${s.url}${path}`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({
        name: "Ada Admin",
        email: "Ada@Example.test",
        password: "the first admin's password",
      }),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/login");

    const again = await fetch(`${s.url}${path}`);
    expect(again.status).toBe(410);
    const reuse = await fetch(`${s.url}${path}`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({
        name: "Eve",
        email: "eve@example.test",
        password: "an attacker's password",
      }),
    });
    expect(reuse.status).toBe(410);

    const wrong = await signInOverHttp(s.url, "ada@example.test", "not the password");
    expect(wrong.status).toBe(401);
    const signedIn = await signInOverHttp(s.url, "ada@example.test", "the first admin's password");
    expect(signedIn.status).toBe(303);
    const me = await fetch(`${s.url}/api/v1/me`, { headers: { cookie: signedIn.cookie } });
    expect(await me.json()).toMatchObject({ email: "ada@example.test", role: "admin", name: "Ada Admin" });
    const users = await fetch(`${s.url}/api/v1/users`, { headers: { cookie: signedIn.cookie } });
    expect(((await users.json()) as { data: unknown[] }).data).toHaveLength(1);
  });

  it("a setup link stops working once anyone exists, even if unused", async () => {
    const s = await start();
    const path = setupPath(s.printed);
    await s.addUser("admin");
    expect((await fetch(`${s.url}${path}`)).status).toBe(410);
  });

  it("with ADMIN_EMAIL and ADMIN_PASSWORD the admin is created and no link is printed", async () => {
    const s = await start({ ADMIN_EMAIL: "Boss@Example.test", ADMIN_PASSWORD: "a strong start password" });
    expect(s.printed.join("\n")).not.toContain("/setup/");
    const signedIn = await signInOverHttp(s.url, "boss@example.test", "a strong start password");
    expect(signedIn.status).toBe(303);
    const home = await fetch(`${s.url}/`, { headers: { cookie: signedIn.cookie } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Sign out");
  });

  it("prints nothing when it restarts on a database that has users", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vendorvet-restart-"));
    try {
      const config = serverConfig(join(dir, "vendorvet.db"), {
        ADMIN_EMAIL: "boss@example.test",
        ADMIN_PASSWORD: "a strong start password",
      });
      const first = await startServer(config, { logger: createMemoryLogger(), print: () => {} });
      await first.close();
      const printed: string[] = [];
      const second = await startServer(
        { ...config, admin: undefined },
        { logger: createMemoryLogger(), print: (t) => printed.push(t) },
      );
      try {
        expect(printed).toEqual([]);
        const res = await fetch(`${second.url}/login`);
        expect(res.status).toBe(200);
        expect(cookiesFrom(res)).toContain("vv_login_csrf=");
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
