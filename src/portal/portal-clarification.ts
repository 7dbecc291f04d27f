import type { Db } from "../db/connection.ts";
import type { AssessmentStatus, ClarificationRequestRow } from "../db/schema.ts";
import type { Template } from "../questionnaires/template-schema.ts";
import { clarificationScope } from "../reviews/clarification-scope.ts";
import { listOpenClarifications } from "../reviews/review-read.ts";
import { ConflictError } from "../shared/errors.ts";

/** What the vendor was asked to clarify and which questions they may change meanwhile. */
export interface ClarificationState {
  /** The open requests, in questionnaire order. */
  requests: ClarificationRequestRow[];
  /** The reviewer's messages by question id. */
  messages: Map<string, string[]>;
  /** Questions the vendor may change: the asked ones and the follow-ups they reveal. */
  editable: Set<string>;
}

/** The open clarification of an assessment; undefined when it is not awaiting one (every answer then behaves as before). */
export async function loadClarificationState(
  db: Db,
  assessment: { id: string; status: AssessmentStatus },
  template: Template,
): Promise<ClarificationState | undefined> {
  if (assessment.status !== "clarification_requested") return undefined;
  const rows = await listOpenClarifications(db, assessment.id);
  const order = new Map(template.sections.flatMap((s) => s.questions).map((q, i) => [q.id, i]));
  const requests = [...rows].sort(
    (a, b) => (order.get(a.question_id) ?? Infinity) - (order.get(b.question_id) ?? Infinity),
  );
  const messages = new Map<string, string[]>();
  for (const r of requests) messages.set(r.question_id, [...(messages.get(r.question_id) ?? []), r.message]);
  return {
    requests,
    messages,
    editable: clarificationScope(
      template,
      requests.map((r) => r.question_id),
    ),
  };
}

export class NotAskedError extends ConflictError {
  constructor(questionIds: string[]) {
    super(
      "Only the answers you were asked to clarify can be changed now. The other answers stay as you submitted them.",
      { questionIds },
    );
  }
}

/** Refuses a change to a question outside the open clarification. */
export function requireAsked(state: ClarificationState | undefined, questionIds: readonly string[]): void {
  if (!state) return;
  const outside = questionIds.filter((id) => !state.editable.has(id));
  if (outside.length > 0) throw new NotAskedError(outside);
}

/** Marks the open requests answered at resubmission; returns how many. */
export async function markClarificationsAnswered(trx: Db, assessmentId: string, now: Date): Promise<number> {
  const result = await trx
    .updateTable("clarification_requests")
    .set({ answered_at: now.toISOString() })
    .where("assessment_id", "=", assessmentId)
    .where("answered_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
