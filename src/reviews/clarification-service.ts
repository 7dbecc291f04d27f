import { loadMailFacts } from "../assessments/assessment-mail.tsx";
import { listInvites } from "../assessments/assessment-queries.ts";
import { issueLink } from "../assessments/invite-links.ts";
import { addDays, inviteExpiry, utcDay } from "../assessments/reminder-schedule.ts";
import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { ClarificationRequestRow } from "../db/schema.ts";
import { numberQuestions } from "../questionnaires/question-numbers.ts";
import { findVersionById } from "../questionnaires/questionnaire-queries.ts";
import { Template } from "../questionnaires/template-schema.ts";
import { computeVisibility } from "../questionnaires/visibility.ts";
import { ConflictError, type FieldIssue, NotFoundError, ValidationError } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { loadScoredAnswers } from "./assessment-scoring.ts";
import { queueClarificationMail } from "./clarification-mail.tsx";
import type { ClarificationInput } from "./review-schemas.ts";

/** Days the vendor gets to answer a clarification: a link that would lapse sooner is extended to cover them. */
export const CLARIFICATION_REPLY_DAYS = 14;

/** Checks each asked question exists, has an answer to clarify and is shown for the vendor's answers. */
async function checkQuestions(trx: Db, assessmentId: string, template: Template, input: ClarificationInput) {
  const visibility = computeVisibility(template, await loadScoredAnswers(trx, assessmentId));
  const order = template.sections.flatMap((s) => s.questions);
  const issues: FieldIssue[] = [];
  input.questions.forEach((asked, i) => {
    const question = order.find((q) => q.id === asked.questionId);
    const path = `questions[${i}].questionId`;
    if (!question) issues.push({ path, message: "no such question in the assessment's questionnaire" });
    else if (question.type === "notice") issues.push({ path, message: "a notice has no answer to clarify" });
    else if (!visibility.questions.has(question.id))
      issues.push({ path, message: "not shown to the vendor for their answers" });
  });
  if (issues.length > 0) throw new ValidationError("The clarification was not sent", issues);
  const messages = new Map(input.questions.map((q) => [q.questionId, q.message]));
  const numbers = numberQuestions(template);
  return order.flatMap((q) => {
    const message = messages.get(q.id);
    return message === undefined
      ? []
      : [{ questionId: q.id, number: numbers.get(q.id), text: q.text, message }];
  });
}

/**
 * Sends chosen questions back to the vendor: a new round of requests, the assessment back to
 * clarification_requested (the vendor may change only those answers), and an email with a fresh link to every
 * recipient whose invite is not revoked. One transaction, audited. Returns the round number.
 */
export async function requestClarification(
  ctx: ServiceContext,
  assessmentId: string,
  input: ClarificationInput,
): Promise<number> {
  return inTransaction(ctx.db, async (trx) => {
    const assessment = await trx
      .selectFrom("assessments")
      .selectAll()
      .where("id", "=", assessmentId)
      .executeTakeFirst();
    if (!assessment) throw new NotFoundError("Assessment");
    if (assessment.status !== "submitted")
      throw new ConflictError(
        assessment.status === "clarification_requested"
          ? "The vendor has not answered the open clarification yet"
          : `Clarification can be asked only of a submitted assessment; this one is ${assessment.status}`,
        { status: assessment.status },
      );
    const version = await findVersionById(trx, assessment.questionnaire_version_id);
    if (!version) throw new NotFoundError("Questionnaire version");
    const asked = await checkQuestions(trx, assessmentId, Template.parse(JSON.parse(version.content)), input);
    const invites = (await listInvites(trx, assessmentId)).filter((i) => i.revoked_at === null);
    if (invites.length === 0)
      throw new ConflictError("No one at the vendor has a link that is not revoked, so no one could answer");

    const now = ctx.clock.now();
    const iso = now.toISOString();
    const audit = auditContext(ctx, now);
    const last = await trx
      .selectFrom("clarification_requests")
      .select((eb) => eb.fn.max("round").as("round"))
      .where("assessment_id", "=", assessmentId)
      .executeTakeFirst();
    const round = (last?.round ?? 0) + 1;
    for (const a of asked) {
      const row: ClarificationRequestRow = {
        id: ctx.newId(),
        assessment_id: assessmentId,
        question_id: a.questionId,
        round,
        message: a.message,
        requested_by: ctx.actor.label,
        requested_at: iso,
        answered_at: null,
      };
      await trx.insertInto("clarification_requests").values(row).execute();
    }
    await trx
      .updateTable("assessments")
      .set({ status: "clarification_requested", updated_at: iso })
      .where("id", "=", assessmentId)
      .execute();
    await recordAudit(trx, audit, {
      action: "assessment.clarification_request",
      entityType: "assessment",
      entityId: assessmentId,
      changes: {
        status: { before: assessment.status, after: "clarification_requested" },
        round: { after: round },
        questions: { after: asked.map((a) => ({ questionId: a.questionId, message: a.message })) },
        recipients: { after: invites.map((i) => i.email) },
      },
    });

    const facts = await loadMailFacts(trx, { ...assessment, status: "clarification_requested" });
    const until = inviteExpiry(
      addDays(utcDay(now), CLARIFICATION_REPLY_DAYS),
      ctx.config.inviteValidDaysAfterDue,
    );
    for (const invite of invites) {
      let expiresAt = invite.expires_at;
      if (expiresAt < until) {
        await trx
          .updateTable("assessment_invites")
          .set({ expires_at: until })
          .where("id", "=", invite.id)
          .execute();
        await recordAudit(trx, audit, {
          action: "assessment_invite.extend",
          entityType: "assessment_invite",
          entityId: invite.id,
          changes: {
            expires_at: { before: expiresAt, after: until },
            reason: { after: "clarification requested" },
          },
        });
        expiresAt = until;
      }
      const link = await issueLink(trx, ctx, invite.id, now);
      await queueClarificationMail(trx, ctx, facts, {
        inviteId: invite.id,
        recipient: { name: invite.name, email: invite.email },
        link,
        expiresAt,
        asked: asked.map((a) => ({ number: a.number, text: a.text, message: a.message })),
      });
    }
    return round;
  });
}
