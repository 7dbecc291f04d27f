import { sql } from "kysely";
import type { Db } from "../db/connection.ts";
import type { AssessmentInviteRow, AssessmentRow, QuestionnaireVersionRow } from "../db/schema.ts";
import {
  findLatestVersion,
  findVersion,
  listQuestionnaireVersionMeta,
  type QuestionnaireVersionMetaRow,
} from "../questionnaires/questionnaire-queries.ts";
import { decodeCursor, encodeCursor } from "../shared/cursor.ts";
import { type AssessmentListQuery, AWAITING_ANSWERS } from "./assessment-schemas.ts";
import { utcDay } from "./reminder-schedule.ts";

export function findAssessment(db: Db, id: string): Promise<AssessmentRow | undefined> {
  return db.selectFrom("assessments").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listInvites(db: Db, assessmentId: string): Promise<AssessmentInviteRow[]> {
  return (
    db
      .selectFrom("assessment_invites")
      .selectAll()
      .where("assessment_id", "=", assessmentId)
      // rowid: invites made in one transaction share created_at, and they should list in the order they were named.
      .orderBy("created_at")
      .orderBy(sql`rowid`)
      .execute()
  );
}

export function findInvite(db: Db, assessmentId: string, inviteId: string) {
  return db
    .selectFrom("assessment_invites")
    .selectAll()
    .where("id", "=", inviteId)
    .where("assessment_id", "=", assessmentId)
    .executeTakeFirst();
}

/** Whether an invite's links still open the portal at `now`. */
export function isInviteActive(invite: AssessmentInviteRow, now: Date): boolean {
  return invite.revoked_at === null && invite.expires_at > now.toISOString();
}

/** A published questionnaire version: the given one, or the latest of the key. */
export function findPublishedVersion(
  db: Db,
  key: string,
  version?: number,
): Promise<QuestionnaireVersionRow | undefined> {
  return version === undefined ? findLatestVersion(db, key) : findVersion(db, key, version);
}

/** The newest version of every questionnaire, for choosing what to send, by title. */
export async function listLatestQuestionnaires(db: Db): Promise<QuestionnaireVersionMetaRow[]> {
  const latest = new Map<string, QuestionnaireVersionMetaRow>();
  for (const row of await listQuestionnaireVersionMeta(db)) latest.set(row.key, row);
  return [...latest.values()].sort((a, b) => a.title.localeCompare(b.title, "en"));
}

const SUMMARY_COLUMNS = [
  "a.id",
  "a.vendor_id",
  "a.status",
  "a.due_date",
  "a.created_at",
  "a.submitted_at",
  "a.last_reminder_at",
  "v.name as vendor_name",
  "q.key as questionnaire_key",
  "q.version as questionnaire_version",
  "q.title as questionnaire_title",
] as const;

function summaryQuery(db: Db) {
  return db
    .selectFrom("assessments as a")
    .innerJoin("vendors as v", "v.id", "a.vendor_id")
    .innerJoin("questionnaire_versions as q", "q.id", "a.questionnaire_version_id")
    .select(SUMMARY_COLUMNS);
}
export type AssessmentSummaryRow = Awaited<
  ReturnType<ReturnType<typeof summaryQuery>["executeTakeFirstOrThrow"]>
>;

export function findAssessmentSummary(db: Db, id: string): Promise<AssessmentSummaryRow | undefined> {
  return summaryQuery(db).where("a.id", "=", id).executeTakeFirst();
}

/** A page of assessments, newest first, keyset-paginated on (created_at, id). */
export async function listAssessments(
  db: Db,
  query: AssessmentListQuery,
  now: Date,
): Promise<{ rows: AssessmentSummaryRow[]; nextCursor: string | null }> {
  let q = summaryQuery(db);
  if (query.vendorId) q = q.where("a.vendor_id", "=", query.vendorId);
  if (query.status) q = q.where("a.status", "=", query.status);
  if (query.overdue === "true")
    q = q.where("a.status", "in", AWAITING_ANSWERS).where("a.due_date", "<", utcDay(now));
  if (query.overdue === "false")
    q = q.where((eb) =>
      eb.or([eb("a.status", "not in", AWAITING_ANSWERS), eb("a.due_date", ">=", utcDay(now))]),
    );
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor);
    q = q.where((eb) =>
      eb.or([
        eb("a.created_at", "<", createdAt),
        eb.and([eb("a.created_at", "=", createdAt), eb("a.id", "<", id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy("a.created_at", "desc")
    .orderBy("a.id", "desc")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
}
