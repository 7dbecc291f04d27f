import { shortTime } from "../../assessments/pages/assessment-tags.tsx";
import type { Principal } from "../../http/hono-env.ts";
import type { FieldIssue } from "../../shared/errors.ts";
import { ErrorSummary, TextField } from "../../web/form-fields.tsx";
import { CsrfField, Layout, Notice } from "../../web/layout.tsx";
import { allowedActions, type FindingAction } from "../finding-lifecycle.ts";
import type { Finding } from "../finding-schemas.ts";
import { FindingHistory, type HistoryEntry } from "./finding-history.tsx";
import { FindingStatusTag, SeverityTag } from "./finding-tags.tsx";

/** The URL segment of each action's form. */
export type ActionPath = "remediation-plan" | "resolve" | "accept-risk" | "reopen";

export const ACTION_PATHS: Partial<Record<FindingAction, ActionPath>> = {
  plan: "remediation-plan",
  resolve: "resolve",
  accept_risk: "accept-risk",
  reopen: "reopen",
};

/** A form on the page that came back with a problem. */
export interface FindingFormState {
  form: ActionPath;
  values: Record<string, string>;
  issues?: FieldIssue[] | undefined;
  error?: string | undefined;
}

interface FormSpec {
  title: string;
  button: string;
  intro: string;
  fields: { path: string; label: string; type?: "date"; multiline?: boolean; hint?: string }[];
}

const FORMS: Record<ActionPath, FormSpec> = {
  "remediation-plan": {
    title: "Remediation plan",
    button: "Save the plan",
    intro: "Record what the vendor will do and by when. A plan can be revised until the finding is resolved.",
    fields: [
      { path: "plan", label: "The vendor's plan", multiline: true },
      { path: "targetDate", label: "Target date", type: "date", hint: "Today or later." },
    ],
  },
  resolve: {
    title: "Resolve",
    button: "Resolve the finding",
    intro: "Once the remediation is done and checked, say how it was verified.",
    fields: [{ path: "note", label: "How it was fixed or verified", multiline: true }],
  },
  "accept-risk": {
    title: "Accept the risk",
    button: "Accept the risk",
    intro: "The organisation lives with this finding until the date given; the day after, it opens again.",
    fields: [
      { path: "justification", label: "Justification", multiline: true },
      { path: "until", label: "Accepted until", type: "date", hint: "After today, at most 3 years ahead." },
    ],
  },
  reopen: {
    title: "Reopen",
    button: "Reopen the finding",
    intro:
      "Open the finding again, for example when the fix did not hold or an accepted risk must end early.",
    fields: [{ path: "reason", label: "Reason", multiline: true }],
  },
};

function ActionForm(props: {
  finding: Finding;
  path: ActionPath;
  principal: Principal | undefined;
  state?: FindingFormState | undefined;
  returnTo?: string | undefined;
}) {
  const spec = FORMS[props.path];
  const mine = props.state?.form === props.path ? props.state : undefined;
  const labels = Object.fromEntries(spec.fields.map((f) => [f.path, f.label]));
  const id = `action-${props.path}`;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{spec.title}</h3>
      <p>{spec.intro}</p>
      <form method="post" action={`/findings/${props.finding.id}/${props.path}`}>
        <CsrfField principal={props.principal} />
        {props.returnTo ? <input type="hidden" name="returnTo" value={props.returnTo} /> : null}
        <ErrorSummary issues={mine?.issues} labels={labels} />
        {spec.fields.map((f) => (
          <TextField
            path={f.path}
            label={f.label}
            value={mine?.values[f.path] ?? ""}
            issues={mine?.issues}
            required
            {...(f.type ? { type: f.type } : {})}
            {...(f.multiline ? { multiline: true } : {})}
            {...(f.hint ? { hint: f.hint } : {})}
          />
        ))}
        <button type="submit" class={props.path === "remediation-plan" ? undefined : "secondary"}>
          {spec.button}
        </button>
      </form>
    </section>
  );
}

function Facts(props: { finding: Finding }) {
  const f = props.finding;
  return (
    <dl class="details">
      <dt>Status</dt>
      <dd>
        <FindingStatusTag status={f.status} overdue={f.overdue} />
      </dd>
      <dt>Severity</dt>
      <dd>
        <SeverityTag severity={f.severity} />
      </dd>
      <dt>Vendor</dt>
      <dd>
        <a href={`/vendors/${f.vendor.id}`}>{f.vendor.name}</a>
      </dd>
      {f.assessmentId ? (
        <>
          <dt>Assessment</dt>
          <dd>
            <a href={`/assessments/${f.assessmentId}`}>Open the assessment</a>
          </dd>
        </>
      ) : null}
      {f.questionId ? (
        <>
          <dt>Question</dt>
          <dd>
            {f.question ?? ""} <small class="muted">({f.questionId})</small>
          </dd>
          <dt>Answer that raised it</dt>
          <dd class="pre-line">{f.answer ?? <span class="muted">not recorded</span>}</dd>
        </>
      ) : null}
      <dt>Recommendation</dt>
      <dd class="pre-line">{f.recommendation}</dd>
      <dt>Due date</dt>
      <dd>{f.dueDate}</dd>
      <dt>Source</dt>
      <dd>{f.source === "questionnaire" ? "Raised by the questionnaire" : "Added by a reviewer"}</dd>
      {f.remediation ? (
        <>
          <dt>Remediation plan</dt>
          <dd class="pre-line">{f.remediation.plan}</dd>
          <dt>Target date</dt>
          <dd>{f.remediation.targetDate}</dd>
        </>
      ) : null}
      {f.riskAcceptance ? (
        <>
          <dt>Risk accepted</dt>
          <dd>
            by {f.riskAcceptance.acceptedBy} until {f.riskAcceptance.until}
          </dd>
          <dt>Justification</dt>
          <dd class="pre-line">{f.riskAcceptance.justification}</dd>
        </>
      ) : null}
      {f.resolution ? (
        <>
          <dt>Resolved</dt>
          <dd>{shortTime(f.resolution.at)}</dd>
          <dt>Resolution</dt>
          <dd class="pre-line">{f.resolution.note}</dd>
        </>
      ) : null}
      <dt>Created</dt>
      <dd>{shortTime(f.createdAt)}</dd>
    </dl>
  );
}

/** One finding: the answer that raised it, where it stands, its history, and a form for each allowed step. */
export function FindingDetailPage(props: {
  principal: Principal | undefined;
  finding: Finding;
  history: HistoryEntry[];
  notice?: string | undefined;
  state?: FindingFormState | undefined;
  /** Where the page was opened from (the review page): shown as the way back, and where a step returns to. */
  returnTo?: string | undefined;
}) {
  const { finding } = props;
  const forms = allowedActions(finding.status, props.principal?.user.role).flatMap((a) => {
    const path = ACTION_PATHS[a];
    return path ? [path] : [];
  });
  return (
    <Layout title={finding.title} principal={props.principal} currentPath="/findings">
      <p>{props.returnTo ? <a href={props.returnTo}>Back</a> : <a href="/findings">All findings</a>}</p>
      <h1>{finding.title}</h1>
      <Notice message={props.notice} />
      <Notice message={props.state?.error} kind="error" />
      <Facts finding={finding} />
      {forms.length > 0 ? (
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">Next steps</h2>
          {forms.map((path) => (
            <ActionForm
              finding={finding}
              path={path}
              principal={props.principal}
              state={props.state}
              returnTo={props.returnTo}
            />
          ))}
        </section>
      ) : null}
      <FindingHistory entries={props.history} />
    </Layout>
  );
}
