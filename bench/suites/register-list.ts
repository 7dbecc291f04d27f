import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { type ChildServer, type ServerMemory, startChildServer } from "../lib/child-server.ts";
import { type LoadFigures, measureLoad } from "../lib/load.ts";
import { type CapturedCase, captureListQueries, casePath, type ListCase } from "../lib/register-cases.ts";
import { seedRegisterDatabase } from "../lib/seed-register.ts";
import type { BenchContext, BenchRow, BenchSuite, SuiteResult } from "../lib/suite.ts";

const VENDORS = 100_000;
const RECORDS = 30_000;
/** The deep case is this page of the name-sorted list, reached by following nextCursor from page 1. */
const DEEP_PAGE = 500;

const script = (name: string) => fileURLToPath(new URL(`../servers/${name}`, import.meta.url));

interface VendorPage {
  data: { name: string }[];
  nextCursor: string | null;
}

async function fetchPage(
  server: ChildServer,
  path: string,
  auth: Record<string, string>,
): Promise<VendorPage> {
  const res = await fetch(`${server.url}${path}`, { headers: auth });
  if (res.status !== 200) throw new Error(`${server.url}${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as VendorPage;
}

/** Walks the real API page by page, as a client would, to the cursor of page `page`. */
async function cursorOfPage(
  server: ChildServer,
  auth: Record<string, string>,
  page: number,
): Promise<string> {
  let cursor: string | null = null;
  for (let i = 1; i < page; i++) {
    const next: VendorPage = await fetchPage(server, casePath(cursor ? { cursor } : {}), auth);
    if (!next.nextCursor) throw new Error(`The list ended at page ${i}, before page ${page}`);
    cursor = next.nextCursor;
  }
  if (!cursor) throw new Error("Ask for a page after the first");
  return cursor;
}

/** The numbers mean nothing unless both servers give the same, non-empty page for every case. */
async function checkSameAnswers(
  bare: ChildServer,
  vendorVet: ChildServer,
  auth: Record<string, string>,
  cases: CapturedCase[],
): Promise<void> {
  for (const c of cases) {
    const [a, b] = await Promise.all([fetchPage(bare, c.path, auth), fetchPage(vendorVet, c.path, auth)]);
    if (!isDeepStrictEqual(a, b)) throw new Error(`${c.label}: the bare handler and VendorVet disagree`);
    if (a.data.length === 0) throw new Error(`${c.label}: the page is empty, so the case measures nothing`);
  }
  const res = await fetch(`${bare.url}${cases[0]?.path ?? ""}`, {
    headers: { authorization: "Bearer vv_wrong" },
  });
  if (res.status !== 401) throw new Error(`The bare server accepted a wrong token (${res.status})`);
}

async function loadCase(
  ctx: BenchContext,
  server: ChildServer,
  c: CapturedCase,
  auth: Record<string, string>,
) {
  const load = await measureLoad({
    url: `${server.url}${c.path}`,
    headers: auth,
    durationSeconds: ctx.durationSeconds,
    warmupSeconds: ctx.warmupSeconds,
    connections: ctx.connections,
  });
  if (load.failures > 0) throw new Error(`${c.label}: ${load.failures} requests failed under load`);
  return load;
}

function caseRow(c: CapturedCase, vv: LoadFigures, bare: LoadFigures): BenchRow {
  return {
    label: c.label,
    figures: {
      "req/s": vv.requestsPerSecond,
      "p50 ms": vv.medianMs,
      "p99 ms": vv.p99Ms,
      "bare req/s": bare.requestsPerSecond,
      "bare p50 ms": bare.medianMs,
      "bare p99 ms": bare.p99Ms,
      "req/s ratio": vv.requestsPerSecond / bare.requestsPerSecond,
      "p50 ratio": vv.medianMs / bare.medianMs,
      "p99 ratio": vv.p99Ms / bare.p99Ms,
      "SQL ms": c.statementMs,
    },
  };
}

function memoryRow(label: string, idle: ServerMemory, after: ServerMemory): BenchRow {
  return {
    label,
    figures: { "idle RSS MB": idle.rssMb, "RSS MB": after.rssMb, "peak RSS MB": after.peakRssMb },
  };
}

async function runSuite(ctx: BenchContext): Promise<SuiteResult> {
  const databasePath = join(ctx.workDir, "register-list.db");
  ctx.log(`seeding ${VENDORS} vendors and about ${RECORDS} data-sharing records into ${databasePath}`);
  const seeded = await seedRegisterDatabase(databasePath, { vendors: VENDORS, records: RECORDS });
  ctx.log(`seeded in ${seeded.seconds.toFixed(1)} s`);
  const auth = { authorization: `Bearer ${seeded.token}` };

  const servers: ChildServer[] = [];
  try {
    const vendorVet = await startChildServer(script("vendorvet-server.ts"), [databasePath]);
    servers.push(vendorVet);
    const vendorVetIdle = await vendorVet.memory();
    ctx.log(`following nextCursor to page ${DEEP_PAGE}`);
    const deepCursor = await cursorOfPage(vendorVet, auth, DEEP_PAGE);

    const cases: ListCase[] = [
      { label: "first page by name", params: { sort: "name" } },
      { label: `page ${DEEP_PAGE} by name (cursor)`, params: { sort: "name", cursor: deepCursor } },
      { label: "q=ller (trigram FTS)", params: { q: "ller" } },
      { label: "q=mu (name prefix)", params: { q: "mu" } },
      { label: "tier=high&country=DE", params: { tier: "high", country: "DE" } },
      { label: "dataCategory=health", params: { dataCategory: "health" } },
      // Not in issue 3's list: the most common category, where the IN (subquery) plan is at its slowest.
      { label: "dataCategory=identity", params: { dataCategory: "identity" } },
    ];
    const captured = await captureListQueries(databasePath, cases);
    const casesFile = join(ctx.workDir, "list-cases.json");
    await writeFile(casesFile, JSON.stringify(captured));
    const bare = await startChildServer(script("bare-register-server.ts"), [databasePath, casesFile]);
    servers.push(bare);
    const bareIdle = await bare.memory();
    await checkSameAnswers(bare, vendorVet, auth, captured);

    const rows: BenchRow[] = [];
    for (const c of captured) {
      ctx.log(
        `${c.label}: bare, then VendorVet, ${ctx.warmupSeconds} s warm-up + ${ctx.durationSeconds} s each`,
      );
      const bareLoad = await loadCase(ctx, bare, c, auth);
      const vvLoad = await loadCase(ctx, vendorVet, c, auth);
      rows.push(caseRow(c, vvLoad, bareLoad));
    }
    rows.push(memoryRow("VendorVet server memory", vendorVetIdle, await vendorVet.memory()));
    rows.push(memoryRow("bare server memory", bareIdle, await bare.memory()));

    return {
      rows,
      notes: [
        `${seeded.vendors.toLocaleString("en")} vendors and ${seeded.records.toLocaleString("en")} data-sharing records (${seeded.categoryRows.toLocaleString("en")} category index rows), written in one transaction after the real migrations in ${seeded.seconds.toFixed(1)} s; names mix Latin, Polish, German and Greek letters.`,
        `GET /api/v1/vendors with an admin's bearer token, 50 vendors a page, ${ctx.connections} connections; the first columns are VendorVet, then the bare Hono + better-sqlite3 handler running the SQL Kysely compiled for the same request.`,
        "Ratios are VendorVet / bare: below 1 for req/s and above 1 for latency mean VendorVet is slower. SQL ms is the statement alone in the bench process (best of 20), the floor under both servers.",
        `The deep page is reached by following nextCursor from page 1 through the API (${DEEP_PAGE - 1} requests).`,
        "Both servers gave the same JSON for every case before the load. RSS is each server process's own; VendorVet's after all the cases.",
        ...captured.map((c) => `Plan, ${c.label}: ${c.plan.join("; ")}.`),
      ],
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

export const registerList: BenchSuite = {
  name: "register-list",
  description:
    "The vendor register list at 100,000 vendors: paging, search and filters, next to the same SQL in a bare handler",
  run: runSuite,
};
