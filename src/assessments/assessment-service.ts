import { recordAudit } from "../audit/audit-write.ts";
import type { AssessmentRow } from "../db/schema.ts";
import { ConflictError, type FieldIssue, ValidationError } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { findVendor } from "../vendors/vendor-queries.ts";
import { loadMailFacts } from "./assessment-mail.tsx";
import { findPublishedVersion } from "./assessment-queries.ts";
import type { CreateAssessment } from "./assessment-schemas.ts";
import { createInvite, mailNewLink } from "./invite-links.ts";
import { utcDay } from "./reminder-schedule.ts";

/** Vendors that no longer get questionnaires. */
const CLOSED_VENDOR_STATUSES = new Set(["rejected", "offboarded"]);

/**
 * Sends a questionnaire: stores the assessment with the exact published version, one invite and link per
 * recipient, and queues one invitation email each, all in one transaction.
 */
export async function createAssessment(ctx: ServiceContext, input: CreateAssessment): Promise<AssessmentRow> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const issues: FieldIssue[] = [];
    const vendor = await findVendor(trx, input.vendorId);
    if (!vendor) issues.push({ path: "vendorId", message: "no such vendor" });
    const version = await findPublishedVersion(trx, input.questionnaire, input.version);
    if (!version) {
      const anyVersion =
        input.version === undefined ? undefined : await findPublishedVersion(trx, input.questionnaire);
      issues.push(
        anyVersion
          ? {
              path: "version",
              message: `version ${input.version} of ${input.questionnaire} is not published`,
            }
          : { path: "questionnaire", message: "no published questionnaire has this key" },
      );
    }
    if (input.dueDate < utcDay(now)) issues.push({ path: "dueDate", message: "must be today or later" });
    if (issues.length > 0 || !vendor || !version)
      throw new ValidationError("The assessment cannot be sent", issues);
    if (CLOSED_VENDOR_STATUSES.has(vendor.status)) {
      throw new ConflictError(`Questionnaires cannot be sent to a vendor that is ${vendor.status}`, {
        vendorStatus: vendor.status,
      });
    }

    const iso = now.toISOString();
    const row: AssessmentRow = {
      id: ctx.newId(),
      vendor_id: vendor.id,
      questionnaire_version_id: version.id,
      status: "sent",
      due_date: input.dueDate,
      message: input.message ? input.message : null,
      // The user id when there is one: it survives an email change; the portal resolves either form.
      created_by: ctx.actor.userId ?? ctx.actor.label,
      created_at: iso,
      updated_at: iso,
      submitted_at: null,
      attested_name: null,
      attested_title: null,
      cancelled_at: null,
      last_reminder_at: null,
      completed_at: null,
      completed_by: null,
    };
    await trx.insertInto("assessments").values(row).execute();
    const audit = auditContext(ctx, now);
    await recordAudit(trx, audit, {
      action: "assessment.create",
      entityType: "assessment",
      entityId: row.id,
      after: {
        vendor_id: row.vendor_id,
        questionnaire: `${version.key}@${version.version}`,
        questionnaire_version_id: version.id,
        due_date: row.due_date,
        message: row.message,
        recipients: input.recipients.length,
      },
    });
    const facts = await loadMailFacts(trx, row);
    for (const recipient of input.recipients) {
      const invite = await createInvite(trx, ctx, audit, row, recipient);
      await mailNewLink(trx, ctx, now, facts, invite, "assessment.invite");
    }
    return row;
  });
}
