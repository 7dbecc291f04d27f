import { sql } from "kysely";
import { AWAITING_ANSWERS } from "../assessments/assessment-schemas.ts";
import { addDays, utcDay } from "../assessments/reminder-schedule.ts";
import type { Db } from "../db/connection.ts";
import { expiringEvidenceQuery } from "../evidence/evidence-expiry.ts";
import { ACTIVE_STATUSES } from "../findings/finding-lifecycle.ts";
import { TIERS, type Tier } from "../questionnaires/template-schema.ts";
import { RATINGS, type Rating } from "../scoring/score-types.ts";

// Every figure here is one aggregate over an index (see the EXPLAIN QUERY PLAN notes in the dashboard test),
// so the page costs the same few milliseconds at 10,000 vendors as at 10.

/** The days ahead the dashboard looks for reviews and evidence falling due. */
export const DASHBOARD_HORIZON_DAYS = 30;
/** Expiring evidence shown on the dashboard itself; the rest is one link away. */
export const EVIDENCE_ON_DASHBOARD = 8;

export type RatingColumn = Rating | "none";
export const RATING_COLUMNS: readonly RatingColumn[] = [...[...RATINGS].reverse(), "none"];
export const TIER_ROWS: readonly Tier[] = TIERS;

/** Vendors counted by inherent tier and residual rating ("none": not yet rated). */
export type HeatMap = Record<Tier, Record<RatingColumn, number>>;

export interface FindingCounts {
  open: number;
  remediationPlanned: number;
  overdue: number;
}

export interface ExpiringFile {
  fileId: string;
  fileName: string;
  kind: string | null;
  expiresOn: string;
  assessmentId: string;
  vendor: { id: string; name: string };
}

export interface DashboardFigures {
  today: string;
  horizon: string;
  heatMap: HeatMap;
  awaitingReview: number;
  overdueQuestionnaires: number;
  findings: Record<Rating, FindingCounts>;
  reviewsDue: { total: number; overdue: number };
  evidence: { total: number; files: ExpiringFile[] };
}

function emptyRow(): Record<RatingColumn, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, none: 0 };
}

/** One pass over the (tier, residual_rating) index. */
export async function countHeatMap(db: Db): Promise<HeatMap> {
  const rows = await db
    .selectFrom("vendors")
    .select(["tier", "residual_rating", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy(["tier", "residual_rating"])
    .execute();
  const map = Object.fromEntries(TIER_ROWS.map((t) => [t, emptyRow()])) as HeatMap;
  for (const r of rows) map[r.tier][r.residual_rating ?? "none"] = Number(r.n);
  return map;
}

async function countAssessments(db: Db, today: string) {
  const submitted = await db
    .selectFrom("assessments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "submitted")
    .executeTakeFirstOrThrow();
  // The same rule as the assessment list's overdue filter: still awaiting answers after the due date.
  const overdue = await db
    .selectFrom("assessments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "in", AWAITING_ANSWERS)
    .where("due_date", "<", today)
    .executeTakeFirstOrThrow();
  return { awaitingReview: Number(submitted.n), overdueQuestionnaires: Number(overdue.n) };
}

/** Active findings by severity and status, with how many are overdue, from the (status, severity, due_date) index. */
export async function countFindings(db: Db, today: string): Promise<Record<Rating, FindingCounts>> {
  const rows = await db
    .selectFrom("findings")
    .select([
      "status",
      "severity",
      (eb) => eb.fn.countAll<number>().as("n"),
      sql<number>`sum(due_date < ${today})`.as("overdue"),
    ])
    .where("status", "in", ACTIVE_STATUSES)
    .groupBy(["status", "severity"])
    .execute();
  const counts = Object.fromEntries(
    RATINGS.map((r) => [r, { open: 0, remediationPlanned: 0, overdue: 0 }]),
  ) as Record<Rating, FindingCounts>;
  for (const r of rows) {
    const c = counts[r.severity];
    if (r.status === "open") c.open = Number(r.n);
    else c.remediationPlanned = Number(r.n);
    c.overdue += Number(r.overdue ?? 0);
  }
  return counts;
}

/** Vendors due for review by `horizon`, overdue ones included, from the next_review_date index. */
async function countReviewsDue(db: Db, today: string, horizon: string) {
  const row = await db
    .selectFrom("vendors")
    .select([
      (eb) => eb.fn.countAll<number>().as("total"),
      sql<number>`sum(next_review_date < ${today})`.as("overdue"),
    ])
    .where("next_review_date", "<=", horizon)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), overdue: Number(row.overdue ?? 0) };
}

/** Evidence lapsing between `from` and `to`, soonest first; `limit` files, and how many there are in all. */
export async function listExpiringEvidence(
  db: Db,
  from: string,
  to: string,
  limit: number,
): Promise<{ total: number; files: ExpiringFile[] }> {
  const counted = await expiringEvidenceQuery(db, from, to)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const rows = await expiringEvidenceQuery(db, from, to)
    .select([
      "e.id",
      "e.original_name",
      "e.kind",
      "e.expires_on",
      "e.assessment_id",
      "v.id as vendor_id",
      "v.name as vendor_name",
    ])
    .orderBy("e.expires_on")
    .orderBy("v.name_key")
    .orderBy("e.id")
    .limit(limit)
    .execute();
  return {
    total: Number(counted.n),
    files: rows.map((r) => ({
      fileId: r.id,
      fileName: r.original_name,
      kind: r.kind,
      expiresOn: r.expires_on ?? from,
      assessmentId: r.assessment_id,
      vendor: { id: r.vendor_id, name: r.vendor_name },
    })),
  };
}

/** Everything the dashboard shows, as of `now`. */
export async function loadDashboard(db: Db, now: Date): Promise<DashboardFigures> {
  const today = utcDay(now);
  const horizon = addDays(today, DASHBOARD_HORIZON_DAYS);
  return {
    today,
    horizon,
    heatMap: await countHeatMap(db),
    ...(await countAssessments(db, today)),
    findings: await countFindings(db, today),
    reviewsDue: await countReviewsDue(db, today, horizon),
    evidence: await listExpiringEvidence(db, today, horizon, EVIDENCE_ON_DASHBOARD),
  };
}
