import { z } from "zod";
import { recordAudit } from "../audit/audit-write.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { rescoreAssessment } from "../reviews/assessment-scoring.ts";
import { ConflictError, ValidationError, zodIssuesToFields } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { ReadOnlyError } from "./answer-service.ts";
import { answerValues, loadAnswers } from "./answer-store.ts";
import { markClarificationsAnswered } from "./portal-clarification.ts";
import { findAssessmentCreator } from "./portal-contact.ts";
import { isEditable, type PortalAssessment } from "./portal-data.ts";
import { computeProgress, type MissingAnswer } from "./progress.ts";

/** The vendor's statement that the answers are accurate, as the submit form sends it. */
export const Attestation = z.object({
  name: z.string().trim().min(1, "Enter your full name").max(200, "Keep your name under 200 characters"),
  title: z
    .string()
    .trim()
    .min(1, "Enter your job title")
    .max(200, "Keep your job title under 200 characters"),
  confirmed: z.literal(true, { error: "Tick the box to confirm the answers are accurate" }),
});
export type Attestation = z.infer<typeof Attestation>;

export class IncompleteError extends ConflictError {
  constructor(readonly missing: MissingAnswer[]) {
    super(`${missing.length} required question${missing.length === 1 ? " is" : "s are"} not answered yet`, {
      missing: missing.map((m) => m.questionId),
    });
  }
}

function parseAttestation(input: unknown): Attestation {
  const parsed = Attestation.safeParse(input);
  if (!parsed.success)
    throw new ValidationError("The confirmation is not complete", zodIssuesToFields(parsed.error.issues));
  return parsed.data;
}

/**
 * Submits the answers: every required visible question must be answered, the vendor attests to them (name,
 * job title, and the time recorded here), the answers become read-only, and the person who sent the
 * questionnaire is told by email. A resubmission after a clarification marks the round's requests answered.
 * The answers are scored in the same transaction, audited as `assessment.submit` (or `assessment.resubmit`).
 */
export async function submitAssessment(
  ctx: ServiceContext,
  portal: PortalAssessment,
  input: unknown,
): Promise<void> {
  const attestation = parseAttestation(input);
  const { assessment, template } = portal;
  await inTransaction(ctx.db, async (trx) => {
    const current = await trx
      .selectFrom("assessments")
      .select(["status", "created_by", "submitted_at", "attested_name", "attested_title"])
      .where("id", "=", assessment.id)
      .executeTakeFirstOrThrow();
    if (!isEditable(current.status)) throw new ReadOnlyError();
    const progress = computeProgress(template, answerValues(await loadAnswers(trx, assessment.id)));
    if (progress.missing.length > 0) throw new IncompleteError(progress.missing);

    const now = ctx.clock.now();
    const resubmit = current.status === "clarification_requested";
    await trx
      .updateTable("assessments")
      .set({
        status: "submitted",
        submitted_at: now.toISOString(),
        attested_name: attestation.name,
        attested_title: attestation.title,
        updated_at: now.toISOString(),
      })
      .where("id", "=", assessment.id)
      .execute();
    const answered = resubmit ? await markClarificationsAnswered(trx, assessment.id, now) : 0;
    await recordAudit(trx, auditContext(ctx, now), {
      action: resubmit ? "assessment.resubmit" : "assessment.submit",
      entityType: "assessment",
      entityId: assessment.id,
      changes: {
        status: { before: current.status, after: "submitted" },
        submittedAt: { before: current.submitted_at, after: now.toISOString() },
        attestedName: { before: current.attested_name, after: attestation.name },
        attestedTitle: { before: current.attested_title, after: attestation.title },
        ...(resubmit ? { clarificationsAnswered: { after: answered } } : {}),
      },
    });
    await rescoreAssessment(trx, ctx, now, assessment.id);

    const creator = await findAssessmentCreator(trx, current.created_by);
    if (!creator) return;
    const link = `${ctx.config.publicUrl}/assessments/${assessment.id}`;
    await enqueueMail(trx, ctx, {
      kind: "assessment.submitted",
      to: { email: creator.email, name: creator.name },
      subject: resubmit
        ? `${portal.vendorName} answered your clarification on "${portal.version.title}"`
        : `${portal.vendorName} submitted "${portal.version.title}"`,
      text: [
        `Hello ${creator.name},`,
        "",
        resubmit
          ? `${portal.vendorName} has answered the clarification you asked for and submitted "${portal.version.title}" again.`
          : `${portal.vendorName} has submitted its answers to "${portal.version.title}".`,
        `${attestation.name} (${attestation.title}) confirmed on ${now.toISOString().slice(0, 10)} that the answers are accurate.`,
        "",
        `Review the answers: ${link}`,
      ].join("\n"),
      assessmentId: assessment.id,
    });
  });
}
