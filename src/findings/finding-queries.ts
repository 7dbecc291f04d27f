import type { ExpressionBuilder, SelectQueryBuilder } from "kysely";
import type { Db } from "../db/connection.ts";
import type { Database, FindingRow, FindingsTable } from "../db/schema.ts";
import { decodeCursor, encodeCursor } from "../shared/cursor.ts";
import { ACTIVE_STATUSES } from "./finding-lifecycle.ts";
import type { FindingCounts, FindingFilters, FindingListQuery } from "./finding-schemas.ts";

// Every SQL statement about findings lives here. The filters lean on the indexes of migration 0005:
// findings_status (status, severity, due_date), findings_vendor (vendor_id, status) and
// findings_accepted_until (status, accepted_until).

export type FindingWithVendor = FindingRow & { vendor_name: string };

type Scope = { f: FindingsTable; v: Database["vendors"] };

function withVendor(db: Db) {
  return db
    .selectFrom("findings as f")
    .innerJoin("vendors as v", "v.id", "f.vendor_id")
    .selectAll("f")
    .select("v.name as vendor_name");
}

function applyFilters<O>(
  q: SelectQueryBuilder<Database & Scope, "f" | "v", O>,
  filters: FindingFilters,
  today: string,
): SelectQueryBuilder<Database & Scope, "f" | "v", O> {
  let out = q;
  if (filters.status === "active") out = out.where("f.status", "in", ACTIVE_STATUSES);
  else if (filters.status) out = out.where("f.status", "=", filters.status);
  if (filters.severity) out = out.where("f.severity", "=", filters.severity);
  if (filters.vendorId) out = out.where("f.vendor_id", "=", filters.vendorId);
  if (filters.assessmentId) out = out.where("f.assessment_id", "=", filters.assessmentId);
  if (filters.overdue === "true")
    out = out.where("f.status", "in", ACTIVE_STATUSES).where("f.due_date", "<", today);
  if (filters.overdue === "false")
    out = out.where((eb: ExpressionBuilder<Database & Scope, "f" | "v">) =>
      eb.or([eb("f.status", "not in", ACTIVE_STATUSES), eb("f.due_date", ">=", today)]),
    );
  return out;
}

export function findFinding(db: Db, id: string): Promise<FindingWithVendor | undefined> {
  return withVendor(db).where("f.id", "=", id).executeTakeFirst();
}

/** A page of findings, soonest due first, keyset-paginated on (due_date, id). */
export async function listFindings(
  db: Db,
  query: FindingListQuery,
  today: string,
): Promise<{ rows: FindingWithVendor[]; nextCursor: string | null }> {
  let q = applyFilters(withVendor(db), query, today);
  if (query.cursor) {
    const [dueDate, id] = decodeCursor(query.cursor);
    q = q.where((eb) =>
      eb.or([eb("f.due_date", ">", dueDate), eb.and([eb("f.due_date", "=", dueDate), eb("f.id", ">", id)])]),
    );
  }
  const rows = await q
    .orderBy("f.due_date")
    .orderBy("f.id")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.due_date, last.id) : null,
  };
}

/** How many findings match the filters: in all, overdue, and by severity. */
export async function countFindings(db: Db, filters: FindingFilters, today: string): Promise<FindingCounts> {
  const base = db.selectFrom("findings as f").innerJoin("vendors as v", "v.id", "f.vendor_id");
  const rows = await applyFilters(base, filters, today)
    .select((eb) => [
      "f.severity",
      eb.fn.countAll<number>().as("n"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb("f.status", "in", ACTIVE_STATUSES), eb("f.due_date", "<", today)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("overdue"),
    ])
    .groupBy("f.severity")
    .execute();
  const counts: FindingCounts = {
    total: 0,
    overdue: 0,
    bySeverity: { critical: 0, high: 0, medium: 0, low: 0 },
  };
  for (const r of rows) {
    counts.total += Number(r.n);
    counts.overdue += Number(r.overdue ?? 0);
    counts.bySeverity[r.severity] = Number(r.n);
  }
  return counts;
}

/** A vendor's findings that still wait for work (open or remediation planned), soonest due first. */
export function listActiveFindingRows(db: Db, vendorId: string): Promise<FindingWithVendor[]> {
  return withVendor(db)
    .where("f.vendor_id", "=", vendorId)
    .where("f.status", "in", ACTIVE_STATUSES)
    .orderBy("f.due_date")
    .orderBy("f.id")
    .execute();
}

/** Every finding of an assessment, whatever its status, soonest due first. */
export function listAssessmentFindingRows(db: Db, assessmentId: string): Promise<FindingWithVendor[]> {
  return withVendor(db)
    .where("f.assessment_id", "=", assessmentId)
    .orderBy("f.due_date")
    .orderBy("f.id")
    .execute();
}

/** The findings the questionnaire raised for an assessment, by question. */
export function listRaisedRows(db: Db, assessmentId: string): Promise<FindingRow[]> {
  return db
    .selectFrom("findings")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .where("source", "=", "questionnaire")
    .execute();
}

/** Accepted risks whose last accepted day is before `today`. */
export function listLapsedAcceptances(db: Db, today: string): Promise<FindingRow[]> {
  return db
    .selectFrom("findings")
    .selectAll()
    .where("status", "=", "risk_accepted")
    .where("accepted_until", "<", today)
    .orderBy("accepted_until")
    .orderBy("id")
    .execute();
}

/**
 * The findings still waiting for work that share a new finding's vendor, assessment and question (each may be
 * absent: absent matches absent); the caller compares titles.
 */
export function listActiveFindingsAbout(
  db: Db,
  about: { vendorId: string; assessmentId: string | null; questionId: string | null },
): Promise<FindingRow[]> {
  let q = db
    .selectFrom("findings")
    .selectAll()
    .where("vendor_id", "=", about.vendorId)
    .where("status", "in", ACTIVE_STATUSES);
  q =
    about.assessmentId === null
      ? q.where("assessment_id", "is", null)
      : q.where("assessment_id", "=", about.assessmentId);
  q =
    about.questionId === null
      ? q.where("question_id", "is", null)
      : q.where("question_id", "=", about.questionId);
  return q.orderBy("created_at").orderBy("id").execute();
}

export async function insertFinding(db: Db, row: FindingsTable): Promise<void> {
  await db.insertInto("findings").values(row).execute();
}

export async function updateFinding(db: Db, id: string, set: Partial<FindingsTable>): Promise<void> {
  await db.updateTable("findings").set(set).where("id", "=", id).execute();
}

/** Vendors that have at least one finding, by name: the vendor choices of the list's filter. */
export function listVendorsWithFindings(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom("vendors as v")
    .select(["v.id", "v.name"])
    .where((eb) =>
      eb.exists(eb.selectFrom("findings as f").select("f.id").whereRef("f.vendor_id", "=", "v.id")),
    )
    .orderBy("v.name_key")
    .orderBy("v.id")
    .execute();
}

/** The questionnaire content each assessment was sent with, by assessment id. */
export async function loadAssessmentContents(
  db: Db,
  assessmentIds: readonly string[],
): Promise<{ assessmentId: string; versionId: string; content: string }[]> {
  if (assessmentIds.length === 0) return [];
  return db
    .selectFrom("assessments as a")
    .innerJoin("questionnaire_versions as q", "q.id", "a.questionnaire_version_id")
    .select(["a.id as assessmentId", "q.id as versionId", "q.content"])
    .where("a.id", "in", [...new Set(assessmentIds)])
    .execute();
}

/** The stored score result of an assessment (JSON), for the answer a reviewer's finding points at. */
export async function findScoreResult(db: Db, assessmentId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("assessment_scores")
    .select("result")
    .where("assessment_id", "=", assessmentId)
    .executeTakeFirst();
  return row?.result;
}
