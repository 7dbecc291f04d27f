import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startChildServer } from "../lib/child-server.ts";
import { percentile } from "../lib/load.ts";
import { openPortalLink, type PortalVisit, vendorAddress } from "../lib/portal-client.ts";
import { generatePortalTemplate } from "../lib/portal-template.ts";
import { seedPortalDatabase } from "../lib/seed-portal.ts";
import type { BenchContext, BenchRow, BenchSuite, SuiteResult } from "../lib/suite.ts";

const REQUESTS = 200;
const WARMUP_REQUESTS = 20;
/** Session tokens spent per portal session, under its burst of 120 (DEFAULT_PORTAL_LIMITS.perSession) with room to spare. */
const PER_SESSION = 100;
const SIX_SECTIONS = generatePortalTemplate("bench-portal-300", 6, 50);
const ONE_SECTION = generatePortalTemplate("bench-portal-300-single", 1, 300);

interface Target {
  label: string;
  questionnaire: string;
  path: string;
  /** Question blocks the page must carry, so a broken page cannot pass for a fast one. */
  questions: number;
  /**
   * Session rate-limit tokens one request takes, so the run paces itself under the portal's per-session limit.
   */
  sessionCost: number;
}

const TARGETS: Target[] = [
  {
    label: "landing, 300 questions in 6 sections",
    questionnaire: SIX_SECTIONS.key,
    path: "/portal/assessment",
    questions: 0,
    sessionCost: 1,
  },
  {
    label: "section page, 50 questions",
    questionnaire: SIX_SECTIONS.key,
    path: "/portal/assessment/sections/section-1",
    questions: 50,
    sessionCost: 1,
  },
  {
    label: "section page, 300 questions",
    questionnaire: ONE_SECTION.key,
    path: "/portal/assessment/sections/section-1",
    questions: 300,
    sessionCost: 1,
  },
];

/** Sequential GETs of one page, spread over fresh sessions (each from its own address) to stay under the limits. */
async function measurePage(
  baseUrl: string,
  secret: string,
  target: Target,
  firstIp: number,
): Promise<BenchRow> {
  const total = WARMUP_REQUESTS + REQUESTS;
  const perSession = Math.floor(PER_SESSION / target.sessionCost);
  const visits: PortalVisit[] = [];
  for (let i = 0; i < Math.ceil(total / perSession); i++)
    visits.push((await openPortalLink(baseUrl, secret, vendorAddress(firstIp + i))).visit);
  const samples = new Float64Array(REQUESTS);
  let bytes = 0;
  for (let i = 0; i < total; i++) {
    const visit = visits[Math.floor(i / perSession)] as PortalVisit;
    const started = performance.now();
    const res = await fetch(`${baseUrl}${target.path}`, {
      headers: { cookie: visit.cookie, "x-forwarded-for": visit.ip, accept: "text/html" },
    });
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`${target.path} answered ${res.status}: ${body.slice(0, 300)}`);
    if (i === 0) {
      const blocks = body.match(/data-question="/g)?.length ?? 0;
      if (blocks !== target.questions)
        throw new Error(`${target.path} shows ${blocks} questions, not ${target.questions}`);
      bytes = Buffer.byteLength(body);
    }
    if (i >= WARMUP_REQUESTS) samples[i - WARMUP_REQUESTS] = ms;
  }
  const sorted = samples.sort();
  return {
    label: target.label,
    figures: {
      "median ms": percentile(sorted, 0.5),
      "p99 ms": percentile(sorted, 0.99),
      "mean ms": sorted.reduce((s, v) => s + v, 0) / sorted.length,
      "page KB": bytes / 1024,
      requests: REQUESTS,
    },
  };
}

async function runSuite(ctx: BenchContext): Promise<SuiteResult> {
  const databasePath = join(ctx.workDir, "portal-render.db");
  ctx.log("publishing the 300-question templates and answering one assessment of each");
  const sent = await seedPortalDatabase(databasePath, {
    templates: [SIX_SECTIONS, ONE_SECTION],
    assessments: [
      { questionnaire: SIX_SECTIONS.key, answered: true },
      { questionnaire: ONE_SECTION.key, answered: true },
    ],
  });
  const server = await startChildServer(
    fileURLToPath(new URL("../servers/vendorvet-server.ts", import.meta.url)),
    [databasePath, "--trust-proxy"],
  );
  try {
    const rows: BenchRow[] = [];
    for (const [i, target] of TARGETS.entries()) {
      const secret = sent.find((s) => s.questionnaire === target.questionnaire)?.secret;
      if (!secret) throw new Error(`No assessment of ${target.questionnaire}`);
      ctx.log(`${REQUESTS} GETs of ${target.label}`);
      rows.push(await measurePage(server.url, secret, target, 1 + i * 10));
    }
    const memory = await server.memory();
    rows.push({
      label: "VendorVet server memory",
      figures: { "RSS MB": memory.rssMb, "peak RSS MB": memory.peakRssMb },
    });
    return {
      rows,
      notes: [
        `One request at a time (${WARMUP_REQUESTS} unmeasured, then ${REQUESTS}) from this process to the real server in its own process, TRUST_PROXY=true; a request's time runs from sending it to reading the whole body over keep-alive, so it is the server's time plus a fraction of a millisecond of loopback and client.`,
        "Templates generated by bench/lib/portal-template.ts: every question type, help text on a quarter, an evidence question in ten and a condition on the question after each yes/no; every answerable question answered (through saveAnswers) before the run, so the pages show filled-in values.",
        `Each page checked once for the number of question blocks it shows. Sessions are changed every ${PER_SESSION} session tokens, each opened from its own address, to stay inside the portal's rate limits (per session: 120 at once, 2/s after).`,
      ],
    };
  } finally {
    await server.stop();
  }
}

export const portalRender: BenchSuite = {
  name: "portal-render",
  description: "Server time to render the vendor portal's pages for a 300-question questionnaire",
  run: runSuite,
};
