import type { AppDeps } from "../app-deps.ts";
import { addDays, utcDay } from "../assessments/reminder-schedule.ts";
import { recordAudit } from "../audit/audit-write.ts";
import { systemActor } from "../auth/roles.ts";
import type { Db } from "../db/connection.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { loadReviewPolicy } from "../scoring/review-policy.ts";
import { organisationName } from "../settings/settings-service.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { type ExpiryFacts, type ExpiryRecipient, renderExpiryMail } from "./evidence-expiry-mail.tsx";

export type EvidenceJobDeps = Pick<AppDeps, "db" | "config" | "clock" | "newId" | "logger">;

/** Assessments whose evidence nobody relies on any more. */
const DROPPED_ASSESSMENTS = ["cancelled", "expired"] as const;
/** Vendors we no longer work with, or are leaving: their evidence needs no renewal. */
const INACTIVE_VENDORS = ["rejected", "offboarding", "offboarded"] as const;
/** A later assessment in one of these statuses carries newer answers, and so newer evidence. */
const ANSWERED = ["submitted", "clarification_requested", "completed"] as const;

/**
 * Evidence still on file that lapses between `from` and `to` (YYYY-MM-DD, both included), from vendors still
 * in play. Files of an assessment that a later answered assessment of the same questionnaire has replaced are
 * left out: the vendor has already sent what came next. The `deleted_at is null` term lets SQLite use the
 * partial index evidence_files_expiry.
 */
export function expiringEvidenceQuery(db: Db, from: string, to: string) {
  return db
    .selectFrom("evidence_files as e")
    .innerJoin("assessments as a", "a.id", "e.assessment_id")
    .innerJoin("vendors as v", "v.id", "a.vendor_id")
    .innerJoin("questionnaire_versions as q", "q.id", "a.questionnaire_version_id")
    .where("e.deleted_at", "is", null)
    .where("e.expires_on", ">=", from)
    .where("e.expires_on", "<=", to)
    .where("a.status", "not in", DROPPED_ASSESSMENTS)
    .where("v.status", "not in", INACTIVE_VENDORS)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("assessments as later")
            .innerJoin("questionnaire_versions as lq", "lq.id", "later.questionnaire_version_id")
            .select("later.id")
            .whereRef("later.vendor_id", "=", "a.vendor_id")
            .whereRef("later.created_at", ">", "a.created_at")
            .whereRef("lq.key", "=", "q.key")
            .where("later.status", "in", ANSWERED),
        ),
      ),
    );
}

/** The question's text in the stored template content; null when the content has no such question. */
export function questionTextIn(content: string, questionId: string): string | null {
  const parsed: unknown = JSON.parse(content);
  const sections = (parsed as { sections?: unknown }).sections;
  if (!Array.isArray(sections)) return null;
  for (const section of sections) {
    const questions = (section as { questions?: unknown }).questions;
    if (!Array.isArray(questions)) continue;
    for (const q of questions as { id?: unknown; text?: unknown }[])
      if (q.id === questionId && typeof q.text === "string") return q.text;
  }
  return null;
}

/** Who hears about one file: the staff member who sent the questionnaire and the vendor's security contacts. */
async function recipientsFor(
  trx: Db,
  createdBy: string,
  vendorId: string,
): Promise<{ sender: ExpiryFacts["sender"]; recipients: ExpiryRecipient[] }> {
  const staff = await trx
    .selectFrom("users")
    .select(["name", "email"])
    .where("id", "=", createdBy)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  const contacts = await trx
    .selectFrom("vendor_contacts")
    .select(["name", "email"])
    .where("vendor_id", "=", vendorId)
    .where("role", "=", "security")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const recipients: ExpiryRecipient[] = [];
  const seen = new Set<string>();
  const add = (person: { name: string; email: string }, audience: ExpiryRecipient["audience"]) => {
    const key = person.email.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    recipients.push({ ...person, audience });
  };
  if (staff) add(staff, "staff");
  for (const contact of contacts) add(contact, "vendor");
  return { sender: staff ?? null, recipients };
}

/** Reminds about one file in one transaction; false when there was nothing (left) to do. */
async function remindOne(ctx: ServiceContext, fileId: string): Promise<boolean> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .selectFrom("evidence_files as e")
      .innerJoin("assessments as a", "a.id", "e.assessment_id")
      .innerJoin("vendors as v", "v.id", "a.vendor_id")
      .innerJoin("questionnaire_versions as q", "q.id", "a.questionnaire_version_id")
      .select([
        "e.id",
        "e.assessment_id",
        "e.question_id",
        "e.original_name",
        "e.kind",
        "e.expires_on",
        "a.created_by",
        "a.vendor_id",
        "v.name as vendor_name",
        "q.title",
        "q.content",
      ])
      .where("e.id", "=", fileId)
      .where("e.deleted_at", "is", null)
      .where("e.expiry_reminded_at", "is", null)
      .executeTakeFirst();
    if (!row?.expires_on) return false;
    const { sender, recipients } = await recipientsFor(trx, row.created_by, row.vendor_id);
    // Left unmarked, so the reminder still goes out once someone is on record to receive it.
    if (recipients.length === 0) return false;
    const now = ctx.clock.now();
    await trx
      .updateTable("evidence_files")
      .set({ expiry_reminded_at: now.toISOString() })
      .where("id", "=", row.id)
      .execute();
    const facts: ExpiryFacts = {
      organisation: await organisationName(trx),
      vendorName: row.vendor_name,
      questionnaireTitle: row.title,
      questionText: questionTextIn(row.content, row.question_id),
      fileName: row.original_name,
      kind: row.kind,
      expiresOn: row.expires_on,
      assessmentUrl: `${ctx.config.publicUrl}/assessments/${row.assessment_id}`,
      sender,
    };
    for (const to of recipients) {
      await enqueueMail(trx, ctx, {
        kind: "evidence.expiry_reminder",
        to: { email: to.email, name: to.name },
        assessmentId: row.assessment_id,
        ...renderExpiryMail(facts, to),
      });
    }
    await recordAudit(trx, auditContext(ctx, now), {
      action: "evidence.expiry_reminder",
      entityType: "assessment",
      entityId: row.assessment_id,
      after: {
        fileId: row.id,
        name: row.original_name,
        kind: row.kind,
        expiresOn: row.expires_on,
        recipients: recipients.map((r) => r.email),
      },
    });
    return true;
  });
}

/**
 * One pass of the evidence expiry job: every file that lapses within the review policy's reminder window
 * (today included) and has not been reminded about gets one email per recipient, is marked as reminded and
 * audited, each file in its own transaction. Running it again sends nothing new. Returns the files reminded.
 */
export async function remindExpiringEvidence(deps: EvidenceJobDeps): Promise<number> {
  const ctx: ServiceContext = {
    db: deps.db,
    config: deps.config,
    clock: deps.clock,
    newId: deps.newId,
    actor: systemActor,
  };
  const policy = await loadReviewPolicy(deps.db);
  const today = utcDay(deps.clock.now());
  const due = await expiringEvidenceQuery(deps.db, today, addDays(today, policy.evidenceReminderDays))
    .where("e.expiry_reminded_at", "is", null)
    .select("e.id")
    .orderBy("e.expires_on")
    .orderBy("e.id")
    .execute();
  let reminded = 0;
  for (const { id } of due) {
    try {
      if (await remindOne(ctx, id)) reminded += 1;
    } catch (err) {
      deps.logger.error("evidence expiry reminder failed", {
        fileId: id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return reminded;
}
