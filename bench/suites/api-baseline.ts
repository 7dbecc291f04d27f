import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { type ChildServer, type ServerMemory, startChildServer } from "../lib/child-server.ts";
import { type LoadFigures, measureLoad } from "../lib/load.ts";
import { seedBenchDatabase } from "../lib/seed-database.ts";
import type { BenchContext, BenchRow, BenchSuite, SuiteResult } from "../lib/suite.ts";

const SEED_USERS = 200;
const PATH = "/api/v1/users";

const targets = [
  { label: "bare Hono + better-sqlite3", script: "../servers/bare-server.ts" },
  { label: "VendorVet", script: "../servers/vendorvet-server.ts" },
] as const;

interface Measured {
  load: LoadFigures;
  idle: ServerMemory;
  after: ServerMemory;
}

async function fetchUsers(server: ChildServer, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(`${server.url}${PATH}`, { headers });
  if (res.status !== 200) throw new Error(`${server.url}${PATH} answered ${res.status}`);
  return res.json();
}

/** Both servers must refuse a bad token and return the same users before their speed means anything. */
async function checkSameAnswer(
  bare: ChildServer,
  vendorVet: ChildServer,
  auth: Record<string, string>,
  userCount: number,
): Promise<void> {
  const [a, b] = await Promise.all([fetchUsers(bare, auth), fetchUsers(vendorVet, auth)]);
  if (!isDeepStrictEqual(a, b)) throw new Error("The bare handler and VendorVet return different JSON");
  const listed = (a as { data?: unknown[] }).data?.length;
  if (listed !== userCount) throw new Error(`Expected ${userCount} users in the answer, got ${listed}`);
  for (const server of [bare, vendorVet]) {
    const res = await fetch(`${server.url}${PATH}`, { headers: { authorization: "Bearer vv_wrong" } });
    if (res.status !== 401) throw new Error(`${server.url} accepted a wrong token (${res.status})`);
  }
}

function loadRow(label: string, m: Measured): BenchRow {
  return {
    label,
    figures: {
      "req/s": m.load.requestsPerSecond,
      "p50 ms": m.load.medianMs,
      "p99 ms": m.load.p99Ms,
      "mean ms": m.load.meanMs,
      "idle RSS MB": m.idle.rssMb,
      "peak RSS MB": m.after.peakRssMb,
    },
  };
}

async function runSuite(ctx: BenchContext): Promise<SuiteResult> {
  const databasePath = join(ctx.workDir, "api-baseline.db");
  ctx.log(`seeding ${SEED_USERS} users into ${databasePath}`);
  const seeded = await seedBenchDatabase(databasePath, { users: SEED_USERS });
  const auth = { authorization: `Bearer ${seeded.token}` };

  const servers: ChildServer[] = [];
  try {
    for (const target of targets) {
      servers.push(
        await startChildServer(fileURLToPath(new URL(target.script, import.meta.url)), [databasePath]),
      );
    }
    const [bare, vendorVet] = servers as [ChildServer, ChildServer];
    await checkSameAnswer(bare, vendorVet, auth, seeded.userCount);

    const measured: Measured[] = [];
    for (const [i, server] of servers.entries()) {
      const label = targets[i]?.label ?? server.url;
      const idle = await server.memory();
      ctx.log(`loading ${label} for ${ctx.warmupSeconds} s warm-up + ${ctx.durationSeconds} s`);
      const load = await measureLoad({
        url: `${server.url}${PATH}`,
        headers: auth,
        durationSeconds: ctx.durationSeconds,
        warmupSeconds: ctx.warmupSeconds,
        connections: ctx.connections,
      });
      if (load.failures > 0) throw new Error(`${label}: ${load.failures} requests failed under load`);
      measured.push({ load, idle, after: await server.memory() });
    }

    const [b, v] = measured as [Measured, Measured];
    return {
      rows: [
        loadRow(targets[0].label, b),
        loadRow(targets[1].label, v),
        {
          label: "ratio VendorVet / bare",
          figures: {
            "req/s": v.load.requestsPerSecond / b.load.requestsPerSecond,
            "p50 ms": v.load.medianMs / b.load.medianMs,
            "p99 ms": v.load.p99Ms / b.load.p99Ms,
            "mean ms": v.load.meanMs / b.load.meanMs,
          },
        },
      ],
      notes: [
        `GET ${PATH} with an admin's bearer token, ${seeded.userCount} users in the answer (about ${Math.round(
          JSON.stringify(await fetchUsers(bare, auth)).length / 1024,
        )} KB of JSON), ${ctx.connections} connections.`,
        "Both servers read the same SQLite file and return the same JSON (checked before the load); the bare handler checks the token with the same SHA-256 lookup.",
        "Each server runs in its own Node process, one at a time under load, with autocannon in the bench process; RSS figures are the server process's own.",
        "VendorVet runs with its defaults: secure headers, request ids, request logging at info (written to /dev/null), Kysely, zod-openapi routing.",
      ],
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

export const apiBaseline: BenchSuite = {
  name: "api-baseline",
  description: "An authenticated JSON endpoint of the real app next to a bare Hono + better-sqlite3 handler",
  run: runSuite,
};
