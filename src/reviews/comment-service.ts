import { recordAudit } from "../audit/audit-write.ts";
import type { AssessmentCommentRow } from "../db/schema.ts";
import { findVersionById } from "../questionnaires/questionnaire-queries.ts";
import type { Template } from "../questionnaires/template-schema.ts";
import { NotFoundError, ValidationError } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { toComment } from "./review-read.ts";
import type { AssessmentComment, CommentInput } from "./review-schemas.ts";

function hasQuestion(template: Template, questionId: string): boolean {
  return template.sections.some((s) => s.questions.some((q) => q.id === questionId));
}

/** A reviewer's comment on an assessment, or on one of its questions; staff only, never shown to the vendor. */
export async function addComment(
  ctx: ServiceContext,
  assessmentId: string,
  input: CommentInput,
): Promise<AssessmentComment> {
  return inTransaction(ctx.db, async (trx) => {
    const assessment = await trx
      .selectFrom("assessments")
      .select(["id", "questionnaire_version_id"])
      .where("id", "=", assessmentId)
      .executeTakeFirst();
    if (!assessment) throw new NotFoundError("Assessment");
    if (input.questionId !== undefined) {
      const version = await findVersionById(trx, assessment.questionnaire_version_id);
      const template = version ? (JSON.parse(version.content) as Template) : undefined;
      if (!template || !hasQuestion(template, input.questionId))
        throw new ValidationError("The comment was not added", [
          { path: "questionId", message: "no such question in the assessment's questionnaire" },
        ]);
    }
    const now = ctx.clock.now();
    const row: AssessmentCommentRow = {
      id: ctx.newId(),
      assessment_id: assessmentId,
      question_id: input.questionId ?? null,
      author_id: ctx.actor.userId ?? ctx.actor.id ?? ctx.actor.label,
      author_label: ctx.actor.label,
      body: input.body,
      created_at: now.toISOString(),
    };
    await trx.insertInto("assessment_comments").values(row).execute();
    await recordAudit(trx, auditContext(ctx, now), {
      action: "assessment.comment",
      entityType: "assessment",
      entityId: assessmentId,
      after: { comment_id: row.id, question_id: row.question_id, body: row.body },
    });
    return toComment(row);
  });
}
