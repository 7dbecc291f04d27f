// The yardstick: the same query and JSON as GET /api/v1/users with nothing else around it.
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import SQLite from "better-sqlite3";
import { Hono } from "hono";
import { databasePathArgument, serveParent } from "./ipc.ts";

interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  disabled_at: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

const sqlite = new SQLite(databasePathArgument());
sqlite.pragma("busy_timeout = 5000");

// The same check VendorVet makes: the SHA-256 of the bearer secret names a live token of an
// enabled admin. It skips VendorVet's once-a-minute last_used_at update.
const findCaller = sqlite.prepare<[string, string], { role: string }>(
  `select users.role from api_tokens join users on users.id = api_tokens.user_id
   where api_tokens.token_hash = ? and api_tokens.revoked_at is null and users.disabled_at is null
     and (api_tokens.expires_at is null or api_tokens.expires_at > ?)`,
);
const listUsers = sqlite.prepare<[], UserRecord>("select * from users order by email");

const app = new Hono();
app.get("/api/v1/users", (c) => {
  const secret = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  const caller = secret
    ? findCaller.get(createHash("sha256").update(secret).digest("hex"), new Date().toISOString())
    : undefined;
  if (!caller) return c.json({ error: { code: "unauthenticated", message: "Bad token" } }, 401);
  if (caller.role !== "admin") return c.json({ error: { code: "forbidden", message: "Admins only" } }, 403);
  const data = listUsers.all().map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabled_at !== null,
    hasPassword: u.password_hash !== null,
    lastLoginAt: u.last_login_at,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
  }));
  return c.json({ data });
});

const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
  serveParent(`http://127.0.0.1:${info.port}`, async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    sqlite.close();
  });
});
