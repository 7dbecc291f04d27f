import type { Db } from "../../db/connection.ts";
import { listAssessments } from "../assessment-queries.ts";
import { toAssessmentSummary } from "../assessment-read.ts";
import type { AssessmentSummary } from "../assessment-schemas.ts";
import { AssessmentTable } from "./assessment-list-page.tsx";

/** The vendor's most recent assessments, for the panel on the vendor page. */
export async function listVendorAssessments(db: Db, vendorId: string, now: Date, limit = 10) {
  const { rows, nextCursor } = await listAssessments(db, { vendorId, limit }, now);
  return { rows: rows.map((r) => toAssessmentSummary(r, now)), more: nextCursor !== null };
}

/**
 * The "Assessments" panel of a vendor page: recent assessments with their status and reminders, and the
 * link to send a questionnaire when the viewer may.
 */
export function VendorAssessmentsPanel(props: {
  vendorId: string;
  rows: AssessmentSummary[];
  more: boolean;
  canSend: boolean;
}) {
  return (
    <section aria-labelledby="vendor-assessments-title">
      <h2 id="vendor-assessments-title">Assessments</h2>
      {props.rows.length === 0 ? (
        <p>No questionnaire has been sent to this vendor yet.</p>
      ) : (
        <AssessmentTable
          rows={props.rows}
          showVendor={false}
          showReminders
          caption="Assessments of this vendor"
        />
      )}
      <p class="actions">
        {props.canSend ? (
          <a href={`/assessments/new?vendorId=${encodeURIComponent(props.vendorId)}`}>Send questionnaire</a>
        ) : null}
        {props.more ? (
          <a href={`/assessments?vendorId=${encodeURIComponent(props.vendorId)}`}>
            All assessments of this vendor
          </a>
        ) : null}
      </p>
    </section>
  );
}
