import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import { Answer, type Answers } from "../questionnaires/template-schema.ts";
import { auditContext, type ServiceContext } from "../shared/service-context.ts";

/** One stored answer with what a save needs to detect a concurrent change. */
export interface StoredAnswer {
  value: Answer | null;
  comment: string | null;
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export const EMPTY_ANSWER: StoredAnswer = {
  value: null,
  comment: null,
  revision: 0,
  updatedAt: null,
  updatedBy: null,
};

function parseValue(text: string | null): Answer | null {
  if (text === null) return null;
  try {
    const parsed = Answer.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** All stored answers of an assessment by question id (answers of hidden questions included). */
export async function loadAnswers(db: Db, assessmentId: string): Promise<Map<string, StoredAnswer>> {
  const rows = await db.selectFrom("answers").selectAll().where("assessment_id", "=", assessmentId).execute();
  return new Map(
    rows.map((r) => [
      r.question_id,
      {
        value: parseValue(r.value),
        comment: r.comment,
        revision: r.revision,
        updatedAt: r.updated_at,
        updatedBy: r.updated_by,
      },
    ]),
  );
}

/** The answer values alone, as visibility and progress read them. */
export function answerValues(stored: ReadonlyMap<string, StoredAnswer>): Answers {
  const out: Answers = {};
  for (const [id, a] of stored) if (a.value !== null) out[id] = a.value;
  return out;
}

/** Writes one answer as the next revision after `current`. */
export async function writeAnswer(
  trx: Db,
  input: {
    assessmentId: string;
    questionId: string;
    current: StoredAnswer;
    value: Answer | null;
    comment: string | null;
    at: string;
    by: string;
  },
): Promise<number> {
  const revision = input.current.revision + 1;
  const values = {
    value: input.value === null ? null : JSON.stringify(input.value),
    comment: input.comment,
    revision,
    updated_at: input.at,
    updated_by: input.by,
  };
  await trx
    .insertInto("answers")
    .values({ assessment_id: input.assessmentId, question_id: input.questionId, ...values })
    .onConflict((oc) => oc.columns(["assessment_id", "question_id"]).doUpdateSet(values))
    .execute();
  return revision;
}

/** The first change by the vendor moves a freshly sent assessment to in progress, audited with it. */
export async function markStarted(
  trx: Db,
  ctx: ServiceContext,
  assessmentId: string,
  now: Date,
): Promise<void> {
  const result = await trx
    .updateTable("assessments")
    .set({ status: "in_progress", updated_at: now.toISOString() })
    .where("id", "=", assessmentId)
    .where("status", "=", "sent")
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return;
  await recordAudit(trx, auditContext(ctx, now), {
    action: "assessment.start",
    entityType: "assessment",
    entityId: assessmentId,
    changes: { status: { before: "sent", after: "in_progress" } },
  });
}
