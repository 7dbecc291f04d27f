import { utcDay } from "../assessments/reminder-schedule.ts";
import type { AuditInput } from "../audit/audit-write.ts";
import { recordAuditBatch } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { FindingRow, FindingsTable } from "../db/schema.ts";
import { SEVERITIES } from "../questionnaires/template-schema.ts";
import { findingDueDate, loadReviewPolicy } from "../scoring/review-policy.ts";
import type { RaisedFinding, ReviewPolicy } from "../scoring/score-types.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { checkTransition, hasAcceptanceExpired } from "./finding-lifecycle.ts";
import { insertFinding, listLapsedAcceptances, listRaisedRows, updateFinding } from "./finding-queries.ts";

/** The note on a finding closed because its answer no longer fails; such a finding reopens if it fails again. */
export const AUTO_RESOLVED_NOTE =
  "Resolved automatically: the answer changed and no longer raises this finding.";

/** The fields of a finding the audit trail shows before and after a change. */
export function auditSnapshot(row: FindingsTable): Record<string, unknown> {
  return {
    status: row.status,
    severity: row.severity,
    title: row.title,
    recommendation: row.recommendation,
    answer_text: row.answer_text,
    due_date: row.due_date,
    remediation_plan: row.remediation_plan,
    remediation_target_date: row.remediation_target_date,
    resolution_note: row.resolution_note,
    resolved_at: row.resolved_at,
    acceptance_justification: row.acceptance_justification,
    accepted_by: row.accepted_by,
    accepted_until: row.accepted_until,
  };
}

/** The identifying fields of a new finding; everything about its later life starts empty. */
export type NewFindingFields = Pick<
  FindingsTable,
  | "vendor_id"
  | "assessment_id"
  | "question_id"
  | "answer_text"
  | "source"
  | "severity"
  | "title"
  | "recommendation"
  | "due_date"
>;

/**
 * Who a raised finding was created by: the scoring of the answers, not whoever happened to trigger it (the
 * vendor submitting, or a reviewer overriding or completing).
 */
export const RAISED_BY = "questionnaire scoring";

/** The row of a finding that has just been raised or added: open, no plan, resolution or acceptance yet. */
export function newOpenFinding(ctx: ServiceContext, now: Date, fields: NewFindingFields): FindingsTable {
  const iso = now.toISOString();
  return {
    id: ctx.newId(),
    ...fields,
    status: "open",
    remediation_plan: null,
    remediation_target_date: null,
    resolution_note: null,
    resolved_at: null,
    acceptance_justification: null,
    accepted_by: null,
    accepted_until: null,
    created_by: fields.source === "questionnaire" ? RAISED_BY : (ctx.actor.userId ?? ctx.actor.label),
    created_at: iso,
    updated_at: iso,
  };
}

function event(action: string, before: FindingsTable | null, after: FindingsTable): AuditInput {
  return {
    action,
    entityType: "finding",
    entityId: after.id,
    before: before ? auditSnapshot(before) : null,
    after: before
      ? auditSnapshot(after)
      : {
          ...auditSnapshot(after),
          vendor_id: after.vendor_id,
          assessment_id: after.assessment_id,
          question_id: after.question_id,
          source: after.source,
        },
  };
}

/** The due date a reopened finding keeps: its own while still ahead, else a fresh one from the policy. */
export function reopenedDueDate(row: FindingRow, policy: ReviewPolicy, now: Date): string {
  return row.due_date >= utcDay(now) ? row.due_date : findingDueDate(policy, row.severity, now);
}

const rank = (s: RaisedFinding["severity"]) => SEVERITIES.indexOf(s);

/** One finding per question (the table allows no more); the most severe wins when a question raises several. */
function byQuestion(raised: readonly RaisedFinding[]): Map<string, RaisedFinding> {
  const out = new Map<string, RaisedFinding>();
  for (const f of raised) {
    const seen = out.get(f.questionId);
    if (!seen || rank(f.severity) < rank(seen.severity)) out.set(f.questionId, f);
  }
  return out;
}

/**
 * Brings an assessment's questionnaire findings in line with a fresh score: new ones open with the policy's due
 * date, ones still raised take the latest wording and answer, and unresolved ones no longer raised are resolved
 * with a note. Runs in the caller's transaction; every change is audited.
 */
export async function syncRaisedFindings(
  trx: Db,
  ctx: ServiceContext,
  now: Date,
  input: { vendorId: string; assessmentId: string; raised: RaisedFinding[]; policy: ReviewPolicy },
): Promise<{ opened: number; updated: number; closed: number }> {
  return inTransaction(trx, async (db) => {
    const iso = now.toISOString();
    const existing = new Map((await listRaisedRows(db, input.assessmentId)).map((r) => [r.question_id, r]));
    const raised = byQuestion(input.raised);
    const events: AuditInput[] = [];
    const counts = { opened: 0, updated: 0, closed: 0 };
    for (const f of raised.values()) {
      const row = existing.get(f.questionId);
      if (!row) {
        const created = newOpenFinding(ctx, now, {
          vendor_id: input.vendorId,
          assessment_id: input.assessmentId,
          question_id: f.questionId,
          answer_text: f.answerText,
          source: "questionnaire",
          severity: f.severity,
          title: f.title,
          recommendation: f.recommendation,
          due_date: findingDueDate(input.policy, f.severity, now),
        });
        await insertFinding(db, created);
        events.push(event("finding.raise", null, created));
        counts.opened += 1;
        continue;
      }
      const wording = {
        severity: f.severity,
        title: f.title,
        recommendation: f.recommendation,
        answer_text: f.answerText,
      };
      const failsAgain = row.status === "resolved" && row.resolution_note === AUTO_RESOLVED_NOTE;
      const set: Partial<FindingsTable> = failsAgain
        ? {
            ...wording,
            status: "open",
            resolution_note: null,
            resolved_at: null,
            due_date: reopenedDueDate({ ...row, severity: f.severity }, input.policy, now),
          }
        : wording;
      const after: FindingsTable = { ...row, ...set, updated_at: iso };
      if (JSON.stringify(auditSnapshot(after)) === JSON.stringify(auditSnapshot(row))) continue;
      await updateFinding(db, row.id, { ...set, updated_at: iso });
      events.push(event(failsAgain ? "finding.reraise" : "finding.refresh", row, after));
      if (failsAgain) counts.opened += 1;
      else counts.updated += 1;
    }
    for (const row of existing.values()) {
      if (row.question_id !== null && raised.has(row.question_id)) continue;
      if (!checkTransition(row.status, "auto_resolve", "system").ok) continue;
      const set = { status: "resolved" as const, resolution_note: AUTO_RESOLVED_NOTE, resolved_at: iso };
      await updateFinding(db, row.id, { ...set, updated_at: iso });
      events.push(event("finding.auto_resolve", row, { ...row, ...set, updated_at: iso }));
      counts.closed += 1;
    }
    await recordAuditBatch(db, auditContext(ctx, now), events);
    return counts;
  });
}

/**
 * The periodic job: accepted risks whose last accepted day has passed go back to open, with a fresh due date if
 * theirs has passed too. Returns how many reopened.
 */
export async function reopenExpiredAcceptances(ctx: ServiceContext): Promise<number> {
  const now = ctx.clock.now();
  const today = utcDay(now);
  return inTransaction(ctx.db, async (trx) => {
    const lapsed = (await listLapsedAcceptances(trx, today)).filter((r) =>
      hasAcceptanceExpired(r.accepted_until, today),
    );
    if (lapsed.length === 0) return 0;
    const policy = await loadReviewPolicy(trx);
    const iso = now.toISOString();
    const events: AuditInput[] = [];
    for (const row of lapsed) {
      const check = checkTransition(row.status, "expire", "system");
      if (!check.ok) continue;
      const set = {
        status: check.to,
        acceptance_justification: null,
        accepted_by: null,
        accepted_until: null,
        due_date: reopenedDueDate(row, policy, now),
        updated_at: iso,
      };
      await updateFinding(trx, row.id, set);
      events.push(event("finding.acceptance_expire", row, { ...row, ...set }));
    }
    await recordAuditBatch(trx, auditContext(ctx, now), events);
    return events.length;
  });
}
