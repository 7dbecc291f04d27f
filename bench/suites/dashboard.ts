import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CompiledQuery, Kysely, SqliteDialect } from "kysely";
import { ulid } from "ulid";
import { addDays, utcDay } from "../../src/assessments/reminder-schedule.ts";
import { loadDashboard } from "../../src/dashboard/dashboard-queries.ts";
import { openSqlite } from "../../src/db/connection.ts";
import type { Database } from "../../src/db/schema.ts";
import { startChildServer } from "../lib/child-server.ts";
import { measureLoad, percentile } from "../lib/load.ts";
import { createRandom, type Random } from "../lib/random.ts";
import { seedRegisterDatabase } from "../lib/seed-register.ts";
import type { BenchContext, BenchRow, BenchSuite, SuiteResult } from "../lib/suite.ts";

const VENDORS = 10_000;
const ASSESSMENTS_PER_VENDOR = 3;
const REQUESTS = 200;
const WARMUP_REQUESTS = 20;
const SQL_RUNS = 20;
const REMINDER_WINDOW_DAYS = 30;
/** Time for the server's start-up jobs (reminders over the waiting assessments) before anything is measured. */
const SETTLE_MS = 3000;

/** Residual ratings by inherent tier: a riskier tier more often ends with a worse rating. */
const RATING_WEIGHTS = {
  critical: { critical: 2, high: 4, medium: 3, low: 1 },
  high: { critical: 1, high: 3, medium: 4, low: 2 },
  medium: { critical: 0.5, high: 2, medium: 4, low: 4 },
  low: { critical: 0.2, high: 1, medium: 3, low: 6 },
} as const;
const STATUS_WEIGHTS = {
  completed: 60,
  submitted: 8,
  sent: 8,
  in_progress: 8,
  clarification_requested: 4,
  cancelled: 6,
  expired: 6,
} as const;
const FINDING_STATUS_WEIGHTS = {
  open: 40,
  remediation_planned: 20,
  resolved: 30,
  risk_accepted: 10,
} as const;
const SEVERITY_WEIGHTS = { critical: 1, high: 3, medium: 5, low: 4 } as const;

const TEMPLATE = {
  key: "bench-dashboard",
  version: 1,
  title: "Bench security questionnaire",
  tiers: ["low", "medium", "high", "critical"],
  sections: [
    {
      id: "evidence",
      title: "Evidence",
      questions: [
        { id: "soc2", type: "evidence", text: "Attach your latest SOC 2 report", evidence: { expiry: true } },
      ],
    },
  ],
};

interface Seeded {
  token: string;
  counts: { vendors: number; assessments: number; findings: number; evidence: number };
  seconds: number;
}

function dayFrom(today: string, random: Random, from: number, to: number): string {
  return addDays(today, from + Math.floor(random.next() * (to - from + 1)));
}

/**
 * The register from seedRegisterDatabase (real migrations, generated vendors with their computed tiers), then
 * ratings, assessments, findings and evidence written straight into the tables in one transaction, dated
 * around today so that every part of the dashboard has work to count.
 */
export async function seedDashboardDatabase(path: string): Promise<Seeded> {
  const started = performance.now();
  const { token } = await seedRegisterDatabase(path, { vendors: VENDORS, records: VENDORS / 3 });
  const sqlite = openSqlite(path);
  sqlite.pragma("cache_size = -262144");
  const random = createRandom(20260302);
  const today = utcDay(new Date());
  const counts = { vendors: 0, assessments: 0, findings: 0, evidence: 0 };
  try {
    const admin = sqlite.prepare("select id from users where role = 'admin' limit 1").get() as { id: string };
    const vendors = sqlite.prepare("select id, tier from vendors").all() as { id: string; tier: string }[];
    const versionId = ulid();
    const now = new Date().toISOString();
    const rate = sqlite.prepare("update vendors set residual_rating = ?, next_review_date = ? where id = ?");
    const insertAssessment = sqlite.prepare(
      `insert into assessments (id, vendor_id, questionnaire_version_id, status, due_date, created_by, created_at,
        updated_at, submitted_at, completed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFinding = sqlite.prepare(
      `insert into findings (id, vendor_id, assessment_id, question_id, source, severity, title, recommendation,
        status, due_date, created_by, created_at, updated_at) values (?, ?, ?, ?, 'questionnaire', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertEvidence = sqlite.prepare(
      `insert into evidence_files (id, assessment_id, question_id, original_name, stored_name, media_type, size,
        sha256, kind, expires_on, uploaded_at, uploaded_by, deleted_at, expiry_reminded_at)
       values (?, ?, 'soc2', ?, ?, 'application/pdf', 250000, ?, 'soc2_report', ?, ?, 'vendor', ?, ?)`,
    );
    sqlite.transaction(() => {
      sqlite
        .prepare(
          `insert into questionnaire_versions (id, key, version, title, description, tiers, question_count, content,
            content_hash, source, source_name, published_at, published_by) values (?, ?, 1, ?, '', ?, 1, ?, ?, 'upload', null, ?, 'bench')`,
        )
        .run(
          versionId,
          TEMPLATE.key,
          TEMPLATE.title,
          JSON.stringify(TEMPLATE.tiers),
          JSON.stringify(TEMPLATE),
          "0".repeat(64),
          now,
        );
      for (const vendor of vendors) {
        counts.vendors++;
        const rated = random.chance(0.75);
        const weights = RATING_WEIGHTS[vendor.tier as keyof typeof RATING_WEIGHTS];
        rate.run(
          rated ? random.pickWeighted(weights) : null,
          rated ? dayFrom(today, random, -60, 365) : null,
          vendor.id,
        );
        for (let i = 0; i < ASSESSMENTS_PER_VENDOR; i++) {
          const id = ulid();
          const status = random.pickWeighted(STATUS_WEIGHTS);
          const waiting =
            status === "sent" || status === "in_progress" || status === "clarification_requested";
          const created = waiting ? dayFrom(today, random, -40, -1) : dayFrom(today, random, -3 * 365, -30);
          const at = `${created}T10:00:00.000Z`;
          const answered =
            status === "submitted" || status === "completed" || status === "clarification_requested";
          insertAssessment.run(
            id,
            vendor.id,
            versionId,
            status,
            addDays(created, 21),
            admin.id,
            at,
            at,
            answered ? at : null,
            status === "completed" ? at : null,
          );
          counts.assessments++;
          if (answered && random.chance(0.5)) {
            const expires = addDays(created, 365);
            insertEvidence.run(
              ulid(),
              id,
              "soc2-report.pdf",
              ulid(),
              "0".repeat(64),
              expires,
              at,
              random.chance(0.05) ? at : null,
              // Files already inside the reminder window were reminded about, as on a server that has been running.
              expires <= addDays(today, REMINDER_WINDOW_DAYS) ? now : null,
            );
            counts.evidence++;
          }
          if (!answered) continue;
          const findings = Math.floor(random.next() * 3);
          for (let f = 0; f < findings; f++) {
            insertFinding.run(
              ulid(),
              vendor.id,
              id,
              `q-${f}`,
              random.pickWeighted(SEVERITY_WEIGHTS),
              "A control is missing",
              "Put the control in place",
              random.pickWeighted(FINDING_STATUS_WEIGHTS),
              dayFrom(created, random, 30, 240),
              admin.id,
              at,
              at,
            );
            counts.findings++;
          }
        }
      }
    })();
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    sqlite.close();
  }
  return { token, counts, seconds: (performance.now() - started) / 1000 };
}

/** The dashboard's SQL alone, in this process: the floor under the page; and each query's plan. */
async function measureSql(path: string): Promise<{ bestMs: number; medianMs: number; plans: string[] }> {
  const sqlite = openSqlite(path);
  const captured: CompiledQuery[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (e) => {
      if (e.level === "query") captured.push(e.query);
    },
  });
  try {
    const samples = new Float64Array(SQL_RUNS);
    for (let i = 0; i < SQL_RUNS; i++) {
      const started = performance.now();
      await loadDashboard(db, new Date());
      samples[i] = performance.now() - started;
    }
    const queries = captured.slice(0, captured.length / SQL_RUNS);
    const plans = queries.map((q) => {
      const rows = sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as {
        detail: string;
      }[];
      const table = /from "(\w+)"/.exec(q.sql)?.[1] ?? "?";
      return `${table}: ${rows.map((r) => r.detail).join("; ")}`;
    });
    const sorted = samples.sort();
    return { bestMs: sorted[0] ?? Number.NaN, medianMs: percentile(sorted, 0.5), plans };
  } finally {
    await db.destroy();
  }
}

/** One request at a time: the page's own render time, with percentiles. */
async function measureSequential(url: string, auth: Record<string, string>): Promise<BenchRow> {
  const samples = new Float64Array(REQUESTS);
  let bytes = 0;
  for (let i = 0; i < WARMUP_REQUESTS + REQUESTS; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: auth });
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`GET / answered ${res.status}: ${body.slice(0, 300)}`);
    if (i === 0) {
      const total = /<a href="\/vendors">([\d,]+)</.exec(body)?.[1];
      if (total !== VENDORS.toLocaleString("en"))
        throw new Error(`The heat map counts ${total ?? "no"} vendors, not ${VENDORS}`);
      bytes = Buffer.byteLength(body);
    }
    if (i >= WARMUP_REQUESTS) samples[i - WARMUP_REQUESTS] = ms;
  }
  const sorted = samples.sort();
  return {
    label: "GET /, one request at a time",
    figures: {
      "median ms": percentile(sorted, 0.5),
      "p95 ms": percentile(sorted, 0.95),
      "p99 ms": percentile(sorted, 0.99),
      "page KB": bytes / 1024,
      requests: REQUESTS,
    },
  };
}

async function runSuite(ctx: BenchContext): Promise<SuiteResult> {
  const databasePath = join(ctx.workDir, "dashboard.db");
  ctx.log(
    `seeding ${VENDORS} vendors with ${VENDORS * ASSESSMENTS_PER_VENDOR} assessments, findings and evidence`,
  );
  const seeded = await seedDashboardDatabase(databasePath);
  ctx.log(`seeded in ${seeded.seconds.toFixed(1)} s`);
  const sql = await measureSql(databasePath);
  const auth = { authorization: `Bearer ${seeded.token}` };
  const server = await startChildServer(
    fileURLToPath(new URL("../servers/vendorvet-server.ts", import.meta.url)),
    [databasePath],
  );
  try {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    ctx.log(`${REQUESTS} sequential GETs of the dashboard`);
    const sequential = await measureSequential(`${server.url}/`, auth);
    ctx.log(`GET / under load, ${ctx.warmupSeconds} s warm-up + ${ctx.durationSeconds} s`);
    const load = await measureLoad({
      url: `${server.url}/`,
      headers: auth,
      durationSeconds: ctx.durationSeconds,
      warmupSeconds: ctx.warmupSeconds,
      connections: ctx.connections,
    });
    if (load.failures > 0) throw new Error(`${load.failures} dashboard requests failed under load`);
    const memory = await server.memory();
    const c = seeded.counts;
    return {
      rows: [
        sequential,
        {
          label: `GET /, ${ctx.connections} connections`,
          figures: { "req/s": load.requestsPerSecond, "p50 ms": load.medianMs, "p99 ms": load.p99Ms },
        },
        {
          label: "dashboard SQL alone (in process)",
          figures: { "best ms": sql.bestMs, "median ms": sql.medianMs },
        },
        {
          label: "VendorVet server memory",
          figures: { "RSS MB": memory.rssMb, "peak RSS MB": memory.peakRssMb },
        },
      ],
      notes: [
        `${c.vendors.toLocaleString("en")} vendors (the register-list generator), ${c.assessments.toLocaleString("en")} assessments, ${c.findings.toLocaleString("en")} findings and ${c.evidence.toLocaleString("en")} evidence files, written straight into the tables after the real migrations in ${seeded.seconds.toFixed(1)} s; three quarters of the vendors rated, dates spread around today.`,
        `GET / with an admin's bearer token against the real server in its own process, ${SETTLE_MS / 1000} s after it started (its start-up jobs run first): ${WARMUP_REQUESTS} unmeasured then ${REQUESTS} sequential requests (time from sending to the whole body), then autocannon with ${ctx.connections} connections. The first response is checked to count all ${VENDORS.toLocaleString("en")} vendors in the heat map.`,
        `The SQL row is loadDashboard alone in the bench process (${SQL_RUNS} runs): the seven aggregate queries without HTTP or rendering.`,
        ...sql.plans.map((p) => `Plan, ${p}.`),
      ],
    };
  } finally {
    await server.stop();
  }
}

export const dashboard: BenchSuite = {
  name: "dashboard",
  description: "The staff dashboard (GET /) at 10,000 vendors and 30,000 assessments",
  run: runSuite,
};
