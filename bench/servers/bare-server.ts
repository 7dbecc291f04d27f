// The yardstick: the same query and JSON as GET /api/v1/users with nothing else around it.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import SQLite from "better-sqlite3";
import { Hono } from "hono";
import { createBearerCheck } from "./bare-auth.ts";
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

const roleOf = createBearerCheck(sqlite);
const listUsers = sqlite.prepare<[], UserRecord>("select * from users order by email");

const app = new Hono();
app.get("/api/v1/users", (c) => {
  const role = roleOf(c.req.header("authorization"));
  if (!role) return c.json({ error: { code: "unauthenticated", message: "Bad token" } }, 401);
  if (role !== "admin") return c.json({ error: { code: "forbidden", message: "Admins only" } }, 403);
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
