import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { runCli } from "../../src/cli.ts";
import { loadConfig } from "../../src/config.ts";
import { createDb, openSqlite } from "../../src/db/connection.ts";
import { createLogMailer } from "../../src/mail/mailer.ts";
import { createMemoryLogger } from "../../src/shared/logger.ts";
import { systemClock, ulidGenerator } from "../../src/shared/runtime.ts";

const PASSWORD = "a long enough secret";
const COMMANDS = ["serve", "migrate", "user add", "token create", "audit verify", "backup"];

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A CLI bound to a fresh database file, capturing what it prints. */
function cliOnTempDb() {
  const dir = mkdtempSync(join(tmpdir(), "vendorvet-cli-"));
  dirs.push(dir);
  const databasePath = join(dir, "vendorvet.db");
  const out: string[] = [];
  const err: string[] = [];
  const run = async (...argv: string[]) => {
    out.length = 0;
    err.length = 0;
    const code = await runCli(argv, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { DATABASE_PATH: databasePath },
    });
    return { code, out: out.join("\n"), err: err.join("\n"), lines: [...out] };
  };
  return { dir, databasePath, run };
}

describe("the vendorvet command", () => {
  it("--help lists the commands", async () => {
    const cli = cliOnTempDb();
    const res = await cli.run("--help");
    expect(res.code).toBe(0);
    for (const command of COMMANDS) expect(res.out).toContain(command);
  });

  it("adds a user and lists them", async () => {
    const cli = cliOnTempDb();
    const added = await cli.run("user", "add", "A@B.test", "--role", "privacy", "--password", PASSWORD);
    expect(added.code).toBe(0);
    expect(added.out).toContain("a@b.test");
    const list = await cli.run("user", "list");
    expect(list.code).toBe(0);
    expect(list.lines).toEqual([expect.stringMatching(/^a@b\.test\tprivacy\tactive\t/)]);
    expect(list.out).not.toContain(PASSWORD);
  });

  it.each([
    ["an unknown role", ["user", "add", "a@b.test", "--role", "owner"], /role/],
    ["a short password", ["user", "add", "a@b.test", "--role", "viewer", "--password", "short"], /password/],
    ["an unknown command", ["frobnicate"], /Unknown command/],
    ["an unknown option", ["user", "add", "a@b.test", "--rol", "viewer"], /--rol/],
  ])("%s exits 2 with a message and no stack trace", async (_case, argv, message) => {
    const cli = cliOnTempDb();
    const res = await cli
      .run(...argv)
      .catch((e: unknown) => ({ code: "threw", out: "", err: String(e), lines: [] }));
    expect(res.code).toBe(2);
    expect(res.err).toMatch(message);
    expect(res.err).not.toMatch(/\n\s+at /);
  });

  it("token create prints only the token on stdout, and it works as a Bearer on the same database", async () => {
    const cli = cliOnTempDb();
    await cli.run("user", "add", "a@b.test", "--role", "privacy", "--password", PASSWORD);
    const res = await cli.run("token", "create", "--user", "a@b.test", "--name", "ci");
    expect(res.code).toBe(0);
    expect(res.lines).toHaveLength(1);
    const token = res.lines[0] ?? "";
    expect(token).toMatch(/^vv_[\w-]{40,}$/);
    expect(res.err).toContain("not shown again");

    const logger = createMemoryLogger();
    const db = createDb(openSqlite(cli.databasePath));
    const app = createApp({
      db,
      config: loadConfig({ DATABASE_PATH: cli.databasePath }),
      clock: systemClock,
      newId: ulidGenerator,
      logger,
      mailer: createLogMailer(logger),
    });
    try {
      const me = await app.request("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: "a@b.test", role: "privacy" });
      const tokens = await db.selectFrom("api_tokens").select(["name", "token_hash"]).execute();
      expect(tokens).toHaveLength(1);
      expect(tokens[0]?.name).toBe("ci");
      expect(tokens[0]?.token_hash).not.toContain(token);
    } finally {
      await db.destroy();
    }
    expect((await cli.run("token", "create", "--user", "nobody@b.test")).code).toBe(2);
  });

  it("audit verify passes, then names the event edited behind the application's back", async () => {
    const cli = cliOnTempDb();
    await cli.run("user", "add", "a@b.test", "--role", "admin", "--password", PASSWORD);
    await cli.run("user", "add", "c@d.test", "--role", "viewer");
    await cli.run("user", "disable", "c@d.test");
    const ok = await cli.run("audit", "verify");
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/intact: 3 events/);

    const raw = new SQLite(cli.databasePath);
    raw.exec("drop trigger audit_events_no_update; drop trigger audit_events_no_delete;");
    const target = raw.prepare("select id, action from audit_events where seq = 2").get() as {
      id: string;
      action: string;
    };
    raw
      .prepare("update audit_events set changes = ? where seq = 2")
      .run(JSON.stringify({ role: { after: "admin" } }));
    raw.close();

    const broken = await cli.run("audit", "verify");
    expect(broken.code).toBe(1);
    expect(broken.err).toContain("event 2");
    expect(broken.err).toContain(target.id);
    expect(broken.err).toContain(target.action);
  });

  it("backup copies the live database while another connection is writing to it", async () => {
    const cli = cliOnTempDb();
    await cli.run("user", "add", "a@b.test", "--role", "admin", "--password", PASSWORD);
    await cli.run("user", "add", "c@d.test", "--role", "viewer");
    const live = openSqlite(cli.databasePath);
    live.exec("begin immediate");
    live.prepare("insert into settings (key, value, updated_at) values ('uncommitted', 'x', 'now')").run();
    const target = join(cli.dir, "copy.db");
    try {
      const res = await cli.run("backup", target);
      expect(res.code).toBe(0);
    } finally {
      live.exec("commit");
      live.close();
    }
    expect(existsSync(target)).toBe(true);
    const copy = new SQLite(target, { readonly: true });
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(copy.prepare("select email from users order by email").all()).toEqual([
        { email: "a@b.test" },
        { email: "c@d.test" },
      ]);
      expect(copy.prepare("select count(*) as n from settings where key = 'uncommitted'").get()).toEqual({
        n: 0,
      });
    } finally {
      copy.close();
    }
  });

  it("backup into a folder that does not exist yet either makes it or says so, without crashing", async () => {
    const cli = cliOnTempDb();
    await cli.run("user", "add", "a@b.test", "--role", "admin", "--password", PASSWORD);
    const target = join(cli.dir, "backups", "nightly", "copy.db");
    const res = await cli.run("backup", target).catch((e: unknown) => ({ code: "threw", err: String(e) }));
    if (res.code === 0) {
      const copy = new SQLite(target, { readonly: true });
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      copy.close();
    } else {
      expect(res.code).toBe(2);
      expect(res.err).toMatch(/director|folder/i);
    }
  });

  it("runs as a real process: node bin/vendorvet.mjs --help", () => {
    const res = spawnSync(process.execPath, ["bin/vendorvet.mjs", "--help"], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(res.status).toBe(0);
    for (const command of COMMANDS) expect(res.stdout).toContain(command);
  });
});
