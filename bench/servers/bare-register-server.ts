// The yardstick for the register list: each bench case's SQL, exactly as Kysely compiled it for VendorVet,
// run by better-sqlite3 behind a bare Hono route that returns the same JSON page.
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import SQLite from "better-sqlite3";
import { Hono } from "hono";
import type { VendorRow } from "../../src/db/schema.ts";
import { type CapturedCase, VENDOR_LIST_PATH } from "../lib/register-cases.ts";
import { createBearerCheck } from "./bare-auth.ts";
import { databasePathArgument, serveParent } from "./ipc.ts";

const casesFile = process.argv[3];
if (!casesFile) throw new Error("Give the cases file (JSON) as the second argument");

const sqlite = new SQLite(databasePathArgument());
sqlite.pragma("busy_timeout = 5000");
const roleOf = createBearerCheck(sqlite);

const cases = new Map(
  (JSON.parse(readFileSync(casesFile, "utf8")) as CapturedCase[]).map((c) => [
    c.path,
    { ...c, statement: sqlite.prepare<unknown[], VendorRow>(c.sql) },
  ]),
);

const app = new Hono();
app.get(VENDOR_LIST_PATH, (c) => {
  if (!roleOf(c.req.header("authorization"))) {
    return c.json({ error: { code: "unauthenticated", message: "Bad token" } }, 401);
  }
  // The request is matched by its exact path and query string: the bare server only knows the bench's cases.
  const url = new URL(c.req.url);
  const known = cases.get(`${url.pathname}${url.search}`);
  if (!known) return c.json({ error: { code: "not_found", message: "Not a bench case" } }, 404);
  const rows = known.statement.all(...known.parameters);
  const page = rows.slice(0, known.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > known.limit && last
      ? Buffer.from(JSON.stringify([last[known.sortColumn], last.id])).toString("base64url")
      : null;
  const data = page.map((v) => ({
    id: v.id,
    name: v.name,
    legalName: v.legal_name,
    country: v.country,
    status: v.status,
    businessCriticality: v.business_criticality,
    tier: v.tier,
    computedTier: v.computed_tier,
    tierOverridden: v.tier_override !== null,
    needsReassessment: v.needs_reassessment === 1,
    residualRating: v.residual_rating,
    nextReviewDate: v.next_review_date,
    createdAt: v.created_at,
    updatedAt: v.updated_at,
  }));
  return c.json({ data, nextCursor });
});

const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
  serveParent(`http://127.0.0.1:${info.port}`, async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    sqlite.close();
  });
});
