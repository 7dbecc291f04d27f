import { join } from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { startChildServer } from "../lib/child-server.ts";
import { percentile } from "../lib/load.ts";
import {
  type AutosaveReply,
  autosave,
  baseTokenOf,
  openPortalLink,
  type PortalVisit,
  vendorAddress,
} from "../lib/portal-client.ts";
import { generatePortalTemplate } from "../lib/portal-template.ts";
import { seedPortalDatabase } from "../lib/seed-portal.ts";
import type { BenchContext, BenchRow, BenchSuite, SuiteResult } from "../lib/suite.ts";

const VENDORS = 50;
/** Saves per vendor, back to back, in the unpaced phase: with the page load, inside a session's burst of 120. */
const BURST_SAVES = 100;
/** The paced phase saves once per this many ms per vendor, just under a session's refill of 2 a second. */
const PACE_MS = 550;
const TEMPLATE = generatePortalTemplate("bench-portal-300", 6, 50);
const SECTION = TEMPLATE.sections[0];
const TEXT_TYPES = new Set(["short_text", "long_text", "number"]);
/** The questions every vendor keeps editing: typed answers always shown (no condition), as autosave sends them. */
const QUESTIONS = (SECTION?.questions ?? [])
  .filter((q) => TEXT_TYPES.has(q.type) && q.showIf === undefined)
  .map((q) => ({ id: q.id, type: q.type }));

interface Vendor {
  assessmentId: string;
  visit: PortalVisit;
  bases: Map<string, string>;
  /** The last value the server acknowledged for each question, and how many saves it acknowledged. */
  acked: Map<string, { value: string | number; saves: number }>;
  seq: number;
}

interface Tally {
  latencies: number[];
  errors: number;
  firstError?: string;
}

async function saveOnce(baseUrl: string, vendor: Vendor, n: number, tally: Tally): Promise<void> {
  const q = QUESTIONS[vendor.seq % QUESTIONS.length];
  if (!q) throw new Error("The template has no typed questions to save");
  vendor.seq += 1;
  const value = q.type === "number" ? vendor.seq : `Vendor ${n}, ${q.id}, edit ${vendor.seq}`;
  const started = performance.now();
  const reply: AutosaveReply = await autosave(baseUrl, vendor.visit, {
    questionId: q.id,
    base: vendor.bases.get(q.id) ?? "",
    values: [String(value)],
    comment: null,
  }).catch(
    (error: unknown): AutosaveReply => ({
      status: 0,
      body: { error: { code: "network", message: String(error) } },
    }),
  );
  const ms = performance.now() - started;
  if (reply.status === 200 && reply.body.status === "saved" && reply.body.base) {
    tally.latencies.push(ms);
    vendor.bases.set(q.id, reply.body.base);
    vendor.acked.set(q.id, { value, saves: (vendor.acked.get(q.id)?.saves ?? 0) + 1 });
  } else {
    tally.errors += 1;
    tally.firstError ??= `${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`;
  }
}

function phaseRow(label: string, tally: Tally, seconds: number): BenchRow {
  const sorted = Float64Array.from(tally.latencies).sort();
  return {
    label,
    figures: {
      "saves/s": sorted.length / seconds,
      "median ms": percentile(sorted, 0.5),
      "p99 ms": percentile(sorted, 0.99),
      saves: sorted.length,
      errors: tally.errors,
    },
  };
}

/** Compares every acknowledged answer with the database: the last value, at the revision its save count gives. */
function countLostAnswers(databasePath: string, vendors: Vendor[]): { checked: number; lost: number } {
  const sqlite = new SQLite(databasePath, { readonly: true });
  try {
    const read = sqlite.prepare(
      "select value, revision from answers where assessment_id = ? and question_id = ?",
    );
    let checked = 0;
    let lost = 0;
    for (const vendor of vendors)
      for (const [questionId, want] of vendor.acked) {
        checked += 1;
        const row = read.get(vendor.assessmentId, questionId) as
          | { value: string | null; revision: number }
          | undefined;
        if (!row || row.value !== JSON.stringify(want.value) || row.revision !== want.saves) lost += 1;
      }
    return { checked, lost };
  } finally {
    sqlite.close();
  }
}

async function runSuite(ctx: BenchContext): Promise<SuiteResult> {
  const databasePath = join(ctx.workDir, "portal-saves.db");
  ctx.log(`sending the 300-question questionnaire to ${VENDORS} vendors`);
  const sent = await seedPortalDatabase(databasePath, {
    templates: [TEMPLATE],
    assessments: Array.from({ length: VENDORS }, () => ({ questionnaire: TEMPLATE.key, answered: false })),
  });
  const server = await startChildServer(
    fileURLToPath(new URL("../servers/vendorvet-server.ts", import.meta.url)),
    [databasePath, "--trust-proxy"],
  );
  let vendors: Vendor[] = [];
  const burst: Tally = { latencies: [], errors: 0 };
  const paced: Tally = { latencies: [], errors: 0 };
  let burstSeconds = 0;
  let pacedSeconds = 0;
  try {
    vendors = await Promise.all(
      sent.map(async (s, i) => {
        const { visit, html } = await openPortalLink(
          server.url,
          s.secret,
          vendorAddress(i + 1),
          `/portal/assessment/sections/${SECTION?.id}`,
        );
        const bases = new Map(QUESTIONS.map((q) => [q.id, baseTokenOf(html, q.id)]));
        return { assessmentId: s.assessmentId, visit, bases, acked: new Map(), seq: 0 };
      }),
    );
    ctx.log(`${VENDORS} vendors saving ${BURST_SAVES} answers each, back to back`);
    let started = performance.now();
    await Promise.all(
      vendors.map(async (v, i) => {
        for (let k = 0; k < BURST_SAVES; k++) await saveOnce(server.url, v, i + 1, burst);
      }),
    );
    burstSeconds = (performance.now() - started) / 1000;

    ctx.log(`${VENDORS} vendors saving every ${PACE_MS} ms for ${ctx.durationSeconds} s`);
    started = performance.now();
    const end = started + ctx.durationSeconds * 1000;
    await Promise.all(
      vendors.map(async (v, i) => {
        // Vendors start spread over one interval, as people do, rather than all on the same millisecond.
        let next = started + (PACE_MS * i) / VENDORS;
        while (next < end) {
          const wait = next - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          await saveOnce(server.url, v, i + 1, paced);
          next += PACE_MS;
        }
      }),
    );
    pacedSeconds = (performance.now() - started) / 1000;
  } finally {
    await server.stop();
  }
  const { checked, lost } = countLostAnswers(databasePath, vendors);
  const errors = burst.errors + paced.errors;
  const rows: BenchRow[] = [
    phaseRow(`${VENDORS} vendors, back to back (${BURST_SAVES} saves each)`, burst, burstSeconds),
    phaseRow(`${VENDORS} vendors, one save per ${PACE_MS} ms each`, paced, pacedSeconds),
    { label: "acknowledged answers checked in the database", figures: { answers: checked, lost } },
  ];
  const notes = [
    `POST /portal/assessment/answers exactly as the portal's script sends it (JSON, X-CSRF-Token, the question's revision token from the section page, then the one each save returns); ${VENDORS} assessments of a 300-question questionnaire, one vendor each with its own session and X-Forwarded-For address (TRUST_PROXY=true), each editing ${QUESTIONS.length} typed questions of section 1 in turn.`,
    `Back to back: each vendor sends its next save as soon as the last is answered (${VENDORS} requests in flight), bounded by a session's burst of 120 requests. Paced: one save per ${PACE_MS} ms per vendor, under a session's sustained limit of 2 requests/s, which caps one vendor at 2 saves/s and 50 at 100/s whatever the server could do.`,
    'An error is any answer other than 200 with status "saved" (a 429 from the rate limit counts). Afterwards every acknowledged answer was read from the database: lost counts those whose stored value is not the last acknowledged one or whose revision is not the number of acknowledged saves.',
  ];
  if (burst.firstError || paced.firstError)
    notes.push(`First error: ${burst.firstError ?? paced.firstError}.`);
  if (errors > 0 || lost > 0) notes.push(`FAILED: ${errors} errors, ${lost} lost answers (both must be 0).`);
  return { rows, notes };
}

export const portalSaves: BenchSuite = {
  name: "portal-saves",
  description: "Answer autosaves from 50 vendors at once: throughput, latency, errors and lost answers",
  run: runSuite,
};
