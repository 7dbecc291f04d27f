import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, type Db, openSqlite } from "../../src/db/connection.ts";
import { systemClock } from "../../src/shared/runtime.ts";
import {
  loadRegisterBatch,
  refreshRegisterChecks,
  refreshStaleRegisterChecks,
} from "../../src/vendors/register-check-store.ts";
import { checkRegister } from "../../src/vendors/register-checks.ts";
import { toRegisterVendor } from "../../src/vendors/vendor-mappers.ts";
import { startChildServer } from "../lib/child-server.ts";
import { measureLoad, percentile } from "../lib/load.ts";
import { seedRegisterDatabase } from "../lib/seed-register.ts";
import type { BenchContext, BenchRow, BenchSuite, SuiteResult } from "../lib/suite.ts";

const VENDORS = 100_000;
const RECORDS = 30_000;
/** Passes of the rules over the whole register: what every view of the page cost before the table. */
const SCANS = 3;
/** One-vendor refreshes timed, as each register write now does one. */
const REFRESHES = 500;

const CASES = [
  { label: "all checks", query: "" },
  { label: "severity=high", query: "?severity=high" },
  { label: "code=retention_missing", query: "?code=retention_missing" },
  {
    label: "severity=high&code=transfer_without_mechanism",
    query: "?severity=high&code=transfer_without_mechanism",
  },
] as const;

/** The old page's work, without the HTML: every vendor's rows read in batches of 500, every rule run. */
async function scanWholeRegister(db: Db): Promise<number> {
  let after = "";
  let found = 0;
  for (;;) {
    const vendors = await db
      .selectFrom("vendors")
      .selectAll()
      .where("id", ">", after)
      .orderBy("id")
      .limit(500)
      .execute();
    const last = vendors.at(-1);
    if (!last) return found;
    after = last.id;
    for (const rows of await loadRegisterBatch(db, vendors))
      found += checkRegister(toRegisterVendor(rows)).length;
  }
}

/** Fills the table the way the server's first start does, then times what the page used to do and what a write adds. */
async function measureInProcess(path: string): Promise<{ rows: BenchRow[]; checks: number }> {
  const db = createDb(openSqlite(path));
  try {
    let started = performance.now();
    const refreshed = await refreshStaleRegisterChecks(db, systemClock);
    const refreshSeconds = (performance.now() - started) / 1000;
    if (!refreshed) throw new Error("The seeded register already had its checks stored");

    const scans: number[] = [];
    for (let i = 0; i < SCANS; i++) {
      started = performance.now();
      const found = await scanWholeRegister(db);
      scans.push(performance.now() - started);
      if (found !== refreshed.checks)
        throw new Error(`A scan found ${found} checks, the table ${refreshed.checks}`);
    }

    const ids = (await db.selectFrom("vendors").select("id").orderBy("id").execute()).map((v) => v.id);
    const samples = new Float64Array(REFRESHES);
    for (let i = 0; i < REFRESHES; i++) {
      const id = ids[Math.floor((i * ids.length) / REFRESHES)] ?? "";
      started = performance.now();
      await db.transaction().execute((trx) => refreshRegisterChecks(trx, id));
      samples[i] = performance.now() - started;
    }
    const sorted = samples.sort();
    return {
      checks: refreshed.checks,
      rows: [
        {
          label: "full refresh, as at the first start (in process)",
          figures: { s: refreshSeconds, vendors: refreshed.vendors, checks: refreshed.checks },
        },
        {
          label: "rules over the whole register, the old cost of every view (in process)",
          figures: {
            "best ms": Math.min(...scans),
            "median ms": percentile(Float64Array.from(scans).sort(), 0.5),
          },
        },
        {
          label: "one vendor's refresh in its own transaction, as a write adds (in process)",
          figures: { "median ms": percentile(sorted, 0.5), "p99 ms": percentile(sorted, 0.99) },
        },
      ],
    };
  } finally {
    await db.destroy();
  }
}

async function firstResponse(url: string, auth: Record<string, string>, total: number | undefined) {
  const res = await fetch(url, { headers: auth });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 300)}`);
  const counted = /<p role="status">([\d]+) checks?:/.exec(body)?.[1];
  if (counted === undefined || Number(counted) === 0) throw new Error(`${url} shows no checks`);
  if (total !== undefined && Number(counted) !== total) {
    throw new Error(`${url} counts ${counted} checks, the table holds ${total}`);
  }
  return { bytes: Buffer.byteLength(body), counted: Number(counted) };
}

async function runSuite(ctx: BenchContext): Promise<SuiteResult> {
  const databasePath = join(ctx.workDir, "register-checks.db");
  ctx.log(`seeding ${VENDORS} vendors and about ${RECORDS} data-sharing records`);
  const seeded = await seedRegisterDatabase(databasePath, { vendors: VENDORS, records: RECORDS });
  ctx.log(
    `seeded in ${seeded.seconds.toFixed(1)} s; storing every vendor's checks, then timing the old scan`,
  );
  const inProcess = await measureInProcess(databasePath);
  const auth = { authorization: `Bearer ${seeded.token}` };
  const server = await startChildServer(
    fileURLToPath(new URL("../servers/vendorvet-server.ts", import.meta.url)),
    [databasePath],
  );
  try {
    const rows: BenchRow[] = [];
    const shown: string[] = [];
    for (const c of CASES) {
      const url = `${server.url}/register/checks${c.query}`;
      const first = await firstResponse(url, auth, c.query === "" ? inProcess.checks : undefined);
      shown.push(`${c.label}: ${first.counted.toLocaleString("en")} checks`);
      ctx.log(`GET /register/checks${c.query}: ${ctx.warmupSeconds} s warm-up + ${ctx.durationSeconds} s`);
      const load = await measureLoad({
        url,
        headers: auth,
        durationSeconds: ctx.durationSeconds,
        warmupSeconds: ctx.warmupSeconds,
        connections: ctx.connections,
      });
      if (load.failures > 0) throw new Error(`${c.label}: ${load.failures} requests failed under load`);
      rows.push({
        label: `GET /register/checks, ${c.label}`,
        figures: {
          "req/s": load.requestsPerSecond,
          "p50 ms": load.medianMs,
          "p99 ms": load.p99Ms,
          "page KB": first.bytes / 1024,
        },
      });
    }
    const memory = await server.memory();
    rows.push(...inProcess.rows, {
      label: "VendorVet server memory",
      figures: { "RSS MB": memory.rssMb, "peak RSS MB": memory.peakRssMb },
    });
    return {
      rows,
      notes: [
        `${seeded.vendors.toLocaleString("en")} vendors and ${seeded.records.toLocaleString("en")} data-sharing records from seedRegisterDatabase (no contacts, so every vendor has at least its security-contact check); ${shown.join("; ")}.`,
        `The page reads the stored table (register_check_results): counts by severity with one aggregate, the first 1,000 rows from an index; admin bearer token, ${ctx.connections} connections.`,
        `The in-process rows: the full refresh the server runs at its first start after migration 0010 (or after REGISTER_CHECKS_VERSION changes); the rules run over the whole register in batches of 500, which is what every view of the page cost before the table (best and median of ${SCANS}); and ${REFRESHES} one-vendor refreshes spread over the register, the cost each register write now adds.`,
      ],
    };
  } finally {
    await server.stop();
  }
}

export const registerChecks: BenchSuite = {
  name: "register-checks",
  description:
    "The register checks page at 100,000 vendors, reading stored checks, next to the old whole-register scan",
  run: runSuite,
};
