import {
  FINDING_STATUS_LABELS,
  type FindingSeverity,
  type FindingStatus,
  SEVERITY_LABELS,
} from "../finding-schemas.ts";

/** Severity with the same colours as the inherent risk tiers (critical red to low green). */
export function SeverityTag(props: { severity: FindingSeverity }) {
  return <span class={`tag tier-${props.severity}`}>{SEVERITY_LABELS[props.severity]}</span>;
}

const TONE: Record<FindingStatus, string> = {
  open: "",
  remediation_planned: "",
  resolved: " tag-good",
  risk_accepted: " tag-special",
};

export function FindingStatusTag(props: { status: FindingStatus; overdue?: boolean }) {
  return (
    <>
      <span class={`tag${TONE[props.status]}`}>{FINDING_STATUS_LABELS[props.status]}</span>
      {props.overdue ? <span class="tag tag-bad"> Overdue</span> : null}
    </>
  );
}
