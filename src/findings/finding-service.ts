import { utcDay } from "../assessments/reminder-schedule.ts";
import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { FindingRow, FindingsTable } from "../db/schema.ts";
import { findingDueDate, loadReviewPolicy } from "../scoring/review-policy.ts";
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { findVendor } from "../vendors/vendor-queries.ts";
import {
  checkAcceptanceUntil,
  checkDueDate,
  checkTargetDate,
  checkTransition,
  type FindingAction,
} from "./finding-lifecycle.ts";
import {
  countFindings,
  type FindingWithVendor,
  findFinding,
  insertFinding,
  listActiveFindingRows,
  listActiveFindingsAbout,
  listAssessmentFindingRows,
  listFindings,
  loadAssessmentContents,
  updateFinding,
} from "./finding-queries.ts";
import { questionTextsOf, readScoredAnswer, toFindings } from "./finding-read.ts";
import type {
  AcceptRiskInput,
  CreateFinding,
  Finding,
  FindingListQuery,
  FindingPage,
  RemediationPlanInput,
  ReopenInput,
  ResolveInput,
} from "./finding-schemas.ts";
import { auditSnapshot, newOpenFinding, reopenedDueDate } from "./finding-sync.ts";

export { reopenExpiredAcceptances, syncRaisedFindings } from "./finding-sync.ts";

/** A vendor's findings that still wait for work (open or remediation planned), soonest due first. */
export async function listOpenFindings(db: Db, vendorId: string, now: Date = new Date()): Promise<Finding[]> {
  return toFindings(db, await listActiveFindingRows(db, vendorId), utcDay(now));
}

/** Every finding of one assessment, whatever its status, soonest due first. */
export async function listFindingsForAssessment(
  db: Db,
  assessmentId: string,
  now: Date = new Date(),
): Promise<Finding[]> {
  return toFindings(db, await listAssessmentFindingRows(db, assessmentId), utcDay(now));
}

/** A page of findings across vendors with the counts for the same filters. */
export async function listFindingPage(db: Db, query: FindingListQuery, now: Date): Promise<FindingPage> {
  const today = utcDay(now);
  const [{ rows, nextCursor }, counts] = await Promise.all([
    listFindings(db, query, today),
    countFindings(db, query, today),
  ]);
  return { data: await toFindings(db, rows, today), nextCursor, counts };
}

export async function getFinding(db: Db, id: string, now: Date): Promise<Finding> {
  const row = await findFinding(db, id);
  if (!row) throw new NotFoundError("Finding");
  const [finding] = await toFindings(db, [row], utcDay(now));
  if (!finding) throw new NotFoundError("Finding");
  return finding;
}

/** Checks what a reviewer's finding points at; returns the issues and the answer it is about. */
async function checkReferences(
  trx: Db,
  input: CreateFinding,
  today: string,
): Promise<{ issues: FieldIssue[]; answer: string | null }> {
  const issues: FieldIssue[] = [];
  if (!(await findVendor(trx, input.vendorId))) issues.push({ path: "vendorId", message: "no such vendor" });
  if (input.dueDate) issues.push(...checkDueDate(input.dueDate, today));
  if (input.questionId && !input.assessmentId)
    issues.push({ path: "questionId", message: "a question needs the assessment it belongs to" });
  if (!input.assessmentId) return { issues, answer: null };
  const assessment = await trx
    .selectFrom("assessments")
    .select("vendor_id")
    .where("id", "=", input.assessmentId)
    .executeTakeFirst();
  if (!assessment || assessment.vendor_id !== input.vendorId) {
    issues.push({ path: "assessmentId", message: "no such assessment for this vendor" });
    return { issues, answer: null };
  }
  if (!input.questionId) return { issues, answer: null };
  const [content] = await loadAssessmentContents(trx, [input.assessmentId]);
  if (!content || !questionTextsOf(content.content).has(input.questionId))
    issues.push({ path: "questionId", message: "no such question in the assessment's questionnaire" });
  return { issues, answer: await readScoredAnswer(trx, input.assessmentId, input.questionId) };
}

/** Titles compare as a reader would: case and runs of spaces do not make a different finding. */
const titleKey = (title: string) => title.trim().replace(/\s+/g, " ").toLocaleLowerCase("en");

/** Refused with 409: the same finding is already open about the same vendor, assessment and question. */
export class DuplicateFindingError extends ConflictError {
  constructor(existing: FindingRow) {
    const about = existing.question_id
      ? "the same question"
      : existing.assessment_id
        ? "the same assessment"
        : "the same vendor";
    super(
      `An open finding with this title already exists about ${about}: "${existing.title}". Work on that finding instead of adding a copy, or give this one a title that says how it differs.`,
      { findingId: existing.id, status: existing.status },
    );
  }
}

/** A finding still waiting for work with the same vendor, assessment, question and title, if there is one. */
async function findDuplicate(trx: Db, input: CreateFinding): Promise<FindingRow | undefined> {
  const about = {
    vendorId: input.vendorId,
    assessmentId: input.assessmentId ?? null,
    questionId: input.questionId ?? null,
  };
  const key = titleKey(input.title);
  return (await listActiveFindingsAbout(trx, about)).find((row) => titleKey(row.title) === key);
}

/**
 * A finding a reviewer adds by hand; its due date defaults from the review policy. An exact copy of a finding
 * still open about the same question (raised by the questionnaire or added by a reviewer) is refused.
 */
export async function createReviewerFinding(ctx: ServiceContext, input: CreateFinding): Promise<Finding> {
  const id = await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const { issues, answer } = await checkReferences(trx, input, utcDay(now));
    if (issues.length > 0) throw new ValidationError("The finding cannot be added", issues);
    const duplicate = await findDuplicate(trx, input);
    if (duplicate) throw new DuplicateFindingError(duplicate);
    const row = newOpenFinding(ctx, now, {
      vendor_id: input.vendorId,
      assessment_id: input.assessmentId ?? null,
      question_id: input.questionId ?? null,
      answer_text: answer,
      source: "reviewer",
      severity: input.severity,
      title: input.title,
      recommendation: input.recommendation,
      due_date: input.dueDate ?? findingDueDate(await loadReviewPolicy(trx), input.severity, now),
    });
    await insertFinding(trx, row);
    await recordAudit(trx, auditContext(ctx, now), {
      action: "finding.create",
      entityType: "finding",
      entityId: row.id,
      after: {
        ...auditSnapshot(row),
        vendor_id: row.vendor_id,
        assessment_id: row.assessment_id,
        question_id: row.question_id,
        source: row.source,
      },
    });
    return row.id;
  });
  return getFinding(ctx.db, id, ctx.clock.now());
}

type Change = (
  row: FindingWithVendor,
  now: Date,
  trx: Db,
) => Promise<{ set: Partial<FindingsTable>; issues?: FieldIssue[]; note?: Record<string, unknown> }>;

/** One lifecycle step in one transaction: 404, then who and from which status (403/409), then the input (400). */
async function changeFinding(ctx: ServiceContext, id: string, action: FindingAction, change: Change) {
  await inTransaction(ctx.db, async (trx) => {
    const row = await findFinding(trx, id);
    if (!row) throw new NotFoundError("Finding");
    const check = checkTransition(row.status, action, ctx.actor.role ?? "system");
    if (!check.ok) {
      if (check.reason === "role") throw new ForbiddenError(check.message);
      throw new ConflictError(check.message, { status: row.status });
    }
    const now = ctx.clock.now();
    const { set, issues = [], note } = await change(row, now, trx);
    if (issues.length > 0) throw new ValidationError("The finding was not changed", issues);
    const { vendor_name: _name, ...before } = row;
    const after: FindingsTable = { ...before, ...set, status: check.to, updated_at: now.toISOString() };
    await updateFinding(trx, id, { ...set, status: check.to, updated_at: after.updated_at });
    await recordAudit(trx, auditContext(ctx, now), {
      action: `finding.${action}`,
      entityType: "finding",
      entityId: id,
      before: auditSnapshot(before),
      after: { ...auditSnapshot(after), ...note },
    });
  });
  return getFinding(ctx.db, id, ctx.clock.now());
}

/** The vendor's plan and its target date: open (or planned) -> remediation_planned. */
export function planRemediation(ctx: ServiceContext, id: string, input: RemediationPlanInput) {
  return changeFinding(ctx, id, "plan", async (_row, now) => ({
    set: { remediation_plan: input.plan, remediation_target_date: input.targetDate },
    issues: checkTargetDate(input.targetDate, utcDay(now)),
  }));
}

/** remediation_planned -> resolved, with how it was fixed. */
export function resolveFinding(ctx: ServiceContext, id: string, input: ResolveInput) {
  return changeFinding(ctx, id, "resolve", async (_row, now) => ({
    set: { resolution_note: input.note, resolved_at: now.toISOString() },
  }));
}

/** Accepts the risk until a date, with a justification (privacy or admin only). */
export function acceptRisk(ctx: ServiceContext, id: string, input: AcceptRiskInput) {
  return changeFinding(ctx, id, "accept_risk", async (_row, now) => ({
    set: {
      acceptance_justification: input.justification,
      accepted_by: ctx.actor.label,
      accepted_until: input.until,
    },
    issues: checkAcceptanceUntil(input.until, utcDay(now)),
  }));
}

/** resolved or risk_accepted -> open, with the reason; a passed due date is renewed from the policy. */
export function reopenFinding(ctx: ServiceContext, id: string, input: ReopenInput) {
  return changeFinding(ctx, id, "reopen", async (row, now, trx) => ({
    set: {
      resolution_note: null,
      resolved_at: null,
      acceptance_justification: null,
      accepted_by: null,
      accepted_until: null,
      remediation_plan: null,
      remediation_target_date: null,
      due_date: reopenedDueDate(row, await loadReviewPolicy(trx), now),
    },
    note: { reopen_reason: input.reason },
  }));
}
