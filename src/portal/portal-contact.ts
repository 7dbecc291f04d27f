import type { Db } from "../db/connection.ts";
import { organisationName } from "../settings/settings-service.ts";
import type { PortalContact } from "./pages/link-pages.tsx";

/**
 * The staff member who sent an assessment. `created_by` holds the sender as the audit trail names them (a user
 * id, an email, or "email (API token)"), so each form is tried.
 */
export async function findAssessmentCreator(
  db: Db,
  createdBy: string,
): Promise<{ name: string; email: string } | undefined> {
  const email = createdBy.replace(/ \(API token\)$/, "").toLowerCase();
  return db
    .selectFrom("users")
    .select(["name", "email"])
    .where((eb) => eb.or([eb("id", "=", createdBy), eb("email", "=", email)]))
    .where("disabled_at", "is", null)
    .executeTakeFirst();
}

/** Who a vendor with a closed link should contact: the organisation and the person who sent the questionnaire. */
export async function loadPortalContact(
  db: Db,
  assessmentId: string,
  inviteExpiresAt?: string,
): Promise<PortalContact> {
  const assessment = await db
    .selectFrom("assessments")
    .select("created_by")
    .where("id", "=", assessmentId)
    .executeTakeFirst();
  const sender = assessment ? await findAssessmentCreator(db, assessment.created_by) : undefined;
  return {
    organisation: await organisationName(db),
    senderName: sender?.name,
    senderEmail: sender?.email,
    expiresAt: inviteExpiresAt,
  };
}
