import type { FieldIssue } from "../../shared/errors.ts";
import type { PortalAssessment } from "../portal-data.ts";
import type { PortalVisitor } from "../portal-env.ts";
import type { MissingAnswer, Progress } from "../progress.ts";
import { ErrorSummary, formatDay, PortalLayout } from "./portal-layout.tsx";

function MissingList(props: { missing: MissingAnswer[] }) {
  const bySection = new Map<string, { title: string; items: MissingAnswer[] }>();
  for (const m of props.missing) {
    const group = bySection.get(m.sectionId) ?? { title: m.sectionTitle, items: [] };
    group.items.push(m);
    bySection.set(m.sectionId, group);
  }
  return (
    <div class="missing" id="missing">
      <h2>
        {props.missing.length} required question{props.missing.length === 1 ? " needs" : "s need"} an answer
      </h2>
      <p>Answer these, then come back here to submit. Each link takes you to the question.</p>
      {[...bySection.entries()].map(([sectionId, group]) => (
        <>
          <h3>{group.title}</h3>
          <ul>
            {group.items.map((m) => (
              <li>
                <a href={`/portal/assessment/sections/${sectionId}#q-${m.questionId}`}>{m.text}</a>
              </li>
            ))}
          </ul>
        </>
      ))}
    </div>
  );
}

export interface AttestationValues {
  name: string;
  title: string;
  confirmed: boolean;
}

function issueFor(issues: readonly FieldIssue[], path: string): string | undefined {
  return issues.find((i) => i.path === path)?.message;
}

function AttestationForm(props: {
  visitor: PortalVisitor;
  values: AttestationValues;
  issues: FieldIssue[];
  today: string;
}) {
  const { values, issues } = props;
  const field = (path: "name" | "title", label: string, autocomplete: string) => {
    const error = issueFor(issues, path);
    return (
      <>
        <label for={`att-${path}`}>
          {label} <span class="required">(required)</span>
        </label>
        {error ? (
          <small class="field-error" id={`att-${path}-error`}>
            <span class="visually-hidden">Error: </span>
            {error}
          </small>
        ) : null}
        <input
          id={`att-${path}`}
          name={path}
          value={values[path]}
          autocomplete={autocomplete}
          aria-required="true"
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? `att-${path}-error` : undefined}
        />
      </>
    );
  };
  const confirmError = issueFor(issues, "confirmed");
  return (
    <form method="post" action="/portal/assessment/submit" novalidate>
      <input type="hidden" name="_csrf" value={props.visitor.csrfToken} />
      <h2>Confirm and submit</h2>
      <p>
        Submitting sends your answers and files to the organisation that asked. After that they can no longer
        be changed here; if something needs correcting, the organisation will ask you.
      </p>
      {field("name", "Your full name", "name")}
      {field("title", "Your job title", "organization-title")}
      <fieldset aria-describedby={confirmError ? "att-confirmed-error" : undefined}>
        <legend>Confirmation</legend>
        {confirmError ? (
          <small class="field-error" id="att-confirmed-error">
            <span class="visually-hidden">Error: </span>
            {confirmError}
          </small>
        ) : null}
        <label for="att-confirmed">
          <input
            type="checkbox"
            id="att-confirmed"
            name="confirmed"
            value="yes"
            checked={values.confirmed}
            aria-invalid={confirmError ? "true" : undefined}
          />
          I confirm that, to the best of my knowledge, these answers are accurate and complete, and that I may
          answer on behalf of my organisation.
        </label>
      </fieldset>
      <p class="muted">
        The date of your confirmation ({formatDay(props.today)}) is recorded with your name and job title.
      </p>
      <button type="submit">Submit answers</button>
    </form>
  );
}

export function SubmitPage(props: {
  portal: PortalAssessment;
  visitor: PortalVisitor;
  progress: Progress;
  today: string;
  values?: AttestationValues | undefined;
  issues?: FieldIssue[] | undefined;
}) {
  const { portal, visitor, progress } = props;
  const issues = props.issues ?? [];
  const values = props.values ?? { name: visitor.name, title: "", confirmed: false };
  return (
    <PortalLayout title="Review and submit" organisation={portal.organisation} csrfToken={visitor.csrfToken}>
      <p>
        <a href="/portal/assessment">← {portal.template.title}: overview</a>
      </p>
      <ErrorSummary
        problems={issues.map((i) => ({
          href: `#att-${i.path === "confirmed" ? "confirmed" : i.path}`,
          message: i.message,
        }))}
      />
      <h1>Review and submit</h1>
      <p>
        {progress.requiredAnswered} of {progress.requiredTotal} required questions answered.
      </p>
      {progress.missing.length > 0 ? (
        <MissingList missing={progress.missing} />
      ) : (
        <>
          <h2>Your answers</h2>
          <ul>
            {progress.sections
              .filter((s) => s.visible)
              .map((s) => (
                <li>
                  <a href={`/portal/assessment/sections/${s.id}`}>{s.title}</a>: {s.answered} of {s.total}{" "}
                  questions answered
                </li>
              ))}
          </ul>
          <AttestationForm visitor={visitor} values={values} issues={issues} today={props.today} />
        </>
      )}
    </PortalLayout>
  );
}
