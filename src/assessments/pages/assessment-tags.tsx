import type { AssessmentStatus } from "../assessment-schemas.ts";

export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  sent: "Sent",
  in_progress: "In progress",
  submitted: "Submitted",
  clarification_requested: "Clarification requested",
  completed: "Completed",
  cancelled: "Cancelled",
  expired: "Expired",
};

const GOOD = new Set<AssessmentStatus>(["submitted", "completed"]);
const BAD = new Set<AssessmentStatus>(["cancelled", "expired"]);

export function AssessmentStatusTag(props: { status: AssessmentStatus; overdue?: boolean }) {
  const tone = GOOD.has(props.status) ? " tag-good" : BAD.has(props.status) ? " tag-bad" : "";
  return (
    <>
      <span class={`tag${tone}`}>{ASSESSMENT_STATUS_LABELS[props.status]}</span>
      {props.overdue ? <span class="tag tag-bad"> Overdue</span> : null}
    </>
  );
}

/** An ISO instant as a short UTC date and time for staff pages. */
export function shortTime(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "";
}
