import { recordAudit } from "../audit/audit-write.ts";
import type { Answer, Template } from "../questionnaires/template-schema.ts";
import { ConflictError } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { EMPTY_ANSWER, loadAnswers, markStarted, type StoredAnswer, writeAnswer } from "./answer-store.ts";
import { type BaseToken, baseToken, fingerprint } from "./answer-values.ts";
import { loadClarificationState, requireAsked } from "./portal-clarification.ts";
import { isEditable } from "./portal-data.ts";

/** One question's change as the vendor made it, with the state of the answer they started from. */
export interface AnswerChange {
  questionId: string;
  base: BaseToken;
  /** undefined: the form did not carry a value (evidence questions), so only the comment can change. */
  value: Answer | null | undefined;
  comment: string | null;
}

export type SaveOutcome =
  | { questionId: string; status: "saved"; base: string }
  | { questionId: string; status: "unchanged"; base: string }
  | {
      questionId: string;
      status: "conflict";
      /** The token for the answer as it now stands; saving "mine" again with it overwrites knowingly. */
      base: string;
      theirs: StoredAnswer;
      mine: { value: Answer | null | undefined; comment: string | null };
    };

export class ReadOnlyError extends ConflictError {
  constructor() {
    super("These answers have been submitted and can no longer be changed.");
  }
}

const differs = (a: unknown, hash: string) => fingerprint(a) !== hash;

/**
 * Decides what to write for one question by comparing three states: what the vendor started from (base),
 * what they sent (mine) and what is stored now. Parts only one side changed merge; the same part changed
 * differently by both is a conflict, and then nothing is written: their answer stays until the vendor chooses.
 */
export function mergeAnswer(
  change: AnswerChange,
  current: StoredAnswer,
):
  | { kind: "unchanged" }
  | { kind: "conflict" }
  | { kind: "write"; value: Answer | null; comment: string | null } {
  const { base } = change;
  const myValue = change.value !== undefined && differs(change.value, base.valueHash);
  const myComment = differs(change.comment, base.commentHash);
  if (!myValue && !myComment) return { kind: "unchanged" };
  if (current.revision !== base.revision) {
    const clash = (mine: boolean, mineNow: unknown, theirs: unknown, baseHash: string) =>
      mine && differs(theirs, baseHash) && fingerprint(mineNow) !== fingerprint(theirs);
    if (
      clash(myValue, change.value, current.value, base.valueHash) ||
      clash(myComment, change.comment, current.comment, base.commentHash)
    )
      return { kind: "conflict" };
  }
  const value = myValue ? (change.value ?? null) : current.value;
  const comment = myComment ? change.comment : current.comment;
  if (
    fingerprint(value) === fingerprint(current.value) &&
    fingerprint(comment) === fingerprint(current.comment)
  )
    return { kind: "unchanged" };
  return { kind: "write", value, comment };
}

/**
 * Saves answers question by question in one transaction, audited as `assessment.answers.save`. Two people
 * answering at once lose nothing: each question is merged on its own and clashes are reported, not overwritten.
 * While a clarification is open, a change to any question outside it is refused (409) and nothing is saved.
 */
export async function saveAnswers(
  ctx: ServiceContext,
  assessmentId: string,
  changes: readonly AnswerChange[],
): Promise<SaveOutcome[]> {
  return inTransaction(ctx.db, async (trx) => {
    const assessment = await trx
      .selectFrom("assessments as a")
      .innerJoin("questionnaire_versions as q", "q.id", "a.questionnaire_version_id")
      .select(["a.id", "a.status", "q.content"])
      .where("a.id", "=", assessmentId)
      .executeTakeFirstOrThrow();
    if (!isEditable(assessment.status)) throw new ReadOnlyError();
    const clarification =
      assessment.status === "clarification_requested"
        ? await loadClarificationState(trx, assessment, JSON.parse(assessment.content) as Template)
        : undefined;
    const now = ctx.clock.now();
    const stored = await loadAnswers(trx, assessmentId);
    const outcomes: SaveOutcome[] = [];
    const audit: Record<string, { before: unknown; after: unknown }> = {};
    for (const change of changes) {
      const current = stored.get(change.questionId) ?? EMPTY_ANSWER;
      const merge = mergeAnswer(change, current);
      const { questionId } = change;
      if (merge.kind === "unchanged") {
        outcomes.push({
          questionId,
          status: "unchanged",
          base: baseToken(current.revision, current.value, current.comment),
        });
      } else if (merge.kind === "conflict") {
        outcomes.push({
          questionId,
          status: "conflict",
          base: baseToken(current.revision, current.value, current.comment),
          theirs: current,
          mine: { value: change.value, comment: change.comment },
        });
      } else {
        requireAsked(clarification, [questionId]);
        const revision = await writeAnswer(trx, {
          assessmentId,
          questionId,
          current,
          value: merge.value,
          comment: merge.comment,
          at: now.toISOString(),
          by: ctx.actor.label,
        });
        if (fingerprint(merge.value) !== fingerprint(current.value))
          audit[`answers.${questionId}`] = { before: current.value, after: merge.value };
        if (merge.comment !== current.comment)
          audit[`comments.${questionId}`] = { before: current.comment, after: merge.comment };
        outcomes.push({ questionId, status: "saved", base: baseToken(revision, merge.value, merge.comment) });
      }
    }
    if (Object.keys(audit).length > 0) {
      await markStarted(trx, ctx, assessmentId, now);
      await recordAudit(trx, auditContext(ctx, now), {
        action: "assessment.answers.save",
        entityType: "assessment",
        entityId: assessmentId,
        changes: audit,
      });
    }
    return outcomes;
  });
}
