import type { Principal } from "../../http/hono-env.ts";
import type { FieldIssue } from "../../shared/errors.ts";
import { ErrorSummary, SelectField, TextField } from "../../web/form-fields.tsx";
import { CsrfField } from "../../web/layout.tsx";
import { FindingSeverity, SEVERITY_LABELS } from "../finding-schemas.ts";

const SEVERITY_OPTIONS = FindingSeverity.options.map((s) => [s, SEVERITY_LABELS[s]] as const);

const LABELS: Record<string, string> = {
  vendorId: "Vendor",
  assessmentId: "Assessment",
  questionId: "Question",
  severity: "Severity",
  title: "Title",
  recommendation: "Recommendation",
  dueDate: "Due date",
};

export interface NewFindingFormProps {
  /** The signed-in reviewer: the form carries their CSRF token. */
  principal: Principal | undefined;
  vendorId: string;
  assessmentId?: string | undefined;
  questionId?: string | undefined;
  /** A local path ("/..."): where the reviewer lands after adding the finding; absent, on the finding. */
  returnTo?: string | undefined;
  /** Where the form posts: POST /findings unless the embedding page handles it (and shows errors itself). */
  action?: string | undefined;
  /** As typed, when the form comes back with errors. */
  values?: Partial<Record<"severity" | "title" | "recommendation" | "dueDate", string>> | undefined;
  issues?: readonly FieldIssue[] | undefined;
}

/**
 * The form for a reviewer's own finding, posting to POST /findings or the embedding page's own route. Field
 * ids carry the question so several forms could share a page.
 */
export function NewFindingForm(props: NewFindingFormProps) {
  const scope = `new-finding${props.questionId ? `-${props.questionId}` : ""}.`;
  const at = (name: string) => `${scope}${name}`;
  const issues = (props.issues ?? []).map((i) => ({ ...i, path: at(i.path) }));
  const labels = Object.fromEntries(Object.entries(LABELS).map(([k, v]) => [at(k), v]));
  const v = props.values ?? {};
  return (
    <form method="post" action={props.action ?? "/findings"} class="new-finding">
      <CsrfField principal={props.principal} />
      <input type="hidden" name="vendorId" value={props.vendorId} />
      {props.assessmentId ? <input type="hidden" name="assessmentId" value={props.assessmentId} /> : null}
      {props.questionId ? <input type="hidden" name="questionId" value={props.questionId} /> : null}
      {props.returnTo ? <input type="hidden" name="returnTo" value={props.returnTo} /> : null}
      <ErrorSummary issues={issues} labels={labels} />
      <SelectField
        path={at("severity")}
        name="severity"
        label="Severity"
        value={v.severity ?? ""}
        options={SEVERITY_OPTIONS}
        placeholder="Choose a severity"
        issues={issues}
        required
      />
      <TextField
        path={at("title")}
        name="title"
        label="Title"
        value={v.title ?? ""}
        issues={issues}
        required
      />
      <TextField
        path={at("recommendation")}
        name="recommendation"
        label="Recommendation"
        value={v.recommendation ?? ""}
        issues={issues}
        hint="What the vendor should do, or what to ask them for."
        multiline
        required
      />
      <TextField
        path={at("dueDate")}
        name="dueDate"
        label="Due date"
        type="date"
        value={v.dueDate ?? ""}
        issues={issues}
        hint="Leave empty to use the review policy's default for the severity."
      />
      <button type="submit">Add finding</button>
    </form>
  );
}
