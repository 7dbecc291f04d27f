import type { Principal } from "../../http/hono-env.ts";
import { ChoiceGroup, ErrorSummary, TextField } from "../../web/form-fields.tsx";
import { CsrfField } from "../../web/layout.tsx";
import type { BlockingFinding } from "../completion-rules.ts";
import { DECISIONS } from "../review-schemas.ts";
import type { ReviewPageState } from "./review-forms.ts";
import { DECISION_LABELS } from "./review-summary.tsx";

const LABELS: Record<string, string> = {
  decision: "Decision",
  reason: "Reason",
  conditions: "Conditions",
  acceptRisk: "Risk acceptance",
  "acceptRisk.justification": "Why the risk is accepted",
  "acceptRisk.until": "Accepted until",
};

/** The open critical findings that stand in the way of an approval, each linked to its own page. */
function Blockers(props: { findings: BlockingFinding[]; refused: boolean; reviewPath: string }) {
  return (
    <div class={`notice ${props.refused ? "notice-error" : "notice-warn"}`} id="blocking-findings">
      <p>
        {props.refused ? "Not approved: " : ""}
        The vendor has {props.findings.length} open critical finding{props.findings.length === 1 ? "" : "s"}.
        Approving needs the risk of each accepted: accept it on the finding's page, or fill in the risk
        acceptance below to accept them all in the same step.
      </p>
      <ul>
        {props.findings.map((f) => (
          <li>
            <a href={`/findings/${f.id}?returnTo=${encodeURIComponent(props.reviewPath)}#action-accept-risk`}>
              {f.title}
            </a>{" "}
            (due {f.dueDate})
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The decision on the vendor that completes the review. */
export function CompletionForm(props: {
  assessmentId: string;
  principal: Principal | undefined;
  /** Open critical findings of the vendor as the page was drawn (or as the refused approval found them). */
  blocking: BlockingFinding[];
  state: ReviewPageState | undefined;
  today: string;
}) {
  const mine = props.state?.form === "complete" ? props.state : undefined;
  const v = mine?.values ?? {};
  const issues = mine?.issues;
  const blocking = mine?.blocking ?? props.blocking;
  return (
    <form method="post" action={`/assessments/${props.assessmentId}/review/complete`} id="complete-form">
      <ErrorSummary issues={issues} labels={LABELS} />
      <CsrfField principal={props.principal} />
      <ChoiceGroup
        path="decision"
        legend="Decision"
        type="radio"
        options={DECISIONS.map((d) => [d, DECISION_LABELS[d]] as const)}
        selected={v.decision ? [v.decision] : []}
        issues={issues}
        required
      />
      <TextField
        path="reason"
        label="Reason"
        value={v.reason ?? ""}
        issues={issues}
        hint="Recorded with the decision and shown on the vendor's page."
        multiline
        required
      />
      <TextField
        path="conditions"
        label="Conditions"
        value={v.conditions ?? ""}
        issues={issues}
        hint="Only for approve with conditions, and required then: what the vendor must do or keep doing."
        multiline
      />
      {blocking.length > 0 ? (
        <>
          <Blockers
            reviewPath={`/assessments/${props.assessmentId}/review`}
            findings={blocking}
            refused={mine?.blocking !== undefined}
          />
          <fieldset>
            <legend>Risk acceptance (only to approve)</legend>
            <TextField
              path="acceptRisk.justification"
              label="Why the risk is accepted"
              value={v["acceptRisk.justification"] ?? ""}
              issues={issues}
              multiline
            />
            <TextField
              path="acceptRisk.until"
              label="Accepted until"
              type="date"
              min={props.today}
              value={v["acceptRisk.until"] ?? ""}
              issues={issues}
              hint="Each accepted finding opens again the day after this date."
            />
          </fieldset>
        </>
      ) : null}
      <button type="submit">Complete the review</button>
    </form>
  );
}
