import type { Principal } from "../../http/hono-env.ts";
import { type Option, SelectField } from "../../web/form-fields.tsx";
import { Layout } from "../../web/layout.tsx";
import { AssessmentStatus, type AssessmentSummary } from "../assessment-schemas.ts";
import { ASSESSMENT_STATUS_LABELS, AssessmentStatusTag, shortTime } from "./assessment-tags.tsx";

export interface AssessmentFilters {
  vendorId: string;
  status: string;
  overdue: string;
}

const STATUS_OPTIONS: readonly Option[] = AssessmentStatus.options.map((s) => [
  s,
  ASSESSMENT_STATUS_LABELS[s],
]);

function pageHref(filters: AssessmentFilters, cursor: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, cursor })) if (v) params.set(k, v);
  return `/assessments?${params.toString()}`;
}

/** The table of assessments, reused by the vendor page's panel. */
export function AssessmentTable(props: {
  rows: AssessmentSummary[];
  showVendor?: boolean;
  showReminders?: boolean;
  caption: string;
}) {
  return (
    <table>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.showVendor === false ? null : <th scope="col">Vendor</th>}
          <th scope="col">Questionnaire</th>
          <th scope="col">Status</th>
          <th scope="col">Due date</th>
          <th scope="col">Sent</th>
          {props.showReminders ? <th scope="col">Last reminder</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((a) => (
          <tr>
            {props.showVendor === false ? null : <td>{a.vendor.name}</td>}
            <td>
              <a href={`/assessments/${a.id}`}>{a.questionnaire.title}</a>{" "}
              <span class="muted">v{a.questionnaire.version}</span>
            </td>
            <td>
              <AssessmentStatusTag status={a.status} overdue={a.overdue} />
            </td>
            <td>{a.dueDate}</td>
            <td>{shortTime(a.createdAt)}</td>
            {props.showReminders ? <td>{a.lastReminderAt ? shortTime(a.lastReminderAt) : "none"}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every assessment, newest first, with status and overdue filters that work without JavaScript. */
export function AssessmentListPage(props: {
  principal: Principal | undefined;
  rows: AssessmentSummary[];
  nextCursor: string | null;
  filters: AssessmentFilters;
  vendorName?: string | undefined;
  notice?: string | undefined;
}) {
  const { filters } = props;
  return (
    <Layout title="Assessments" principal={props.principal} currentPath="/assessments">
      <h1>Assessments{props.vendorName ? ` for ${props.vendorName}` : ""}</h1>
      <p>
        To send a questionnaire, open the vendor from the <a href="/vendors">vendor register</a> and choose
        "Send questionnaire".
      </p>
      <form method="get" action="/assessments" class="filters" aria-label="Filter assessments">
        {filters.vendorId ? <input type="hidden" name="vendorId" value={filters.vendorId} /> : null}
        <div class="grid">
          <SelectField
            path="status"
            label="Status"
            value={filters.status}
            options={STATUS_OPTIONS}
            placeholder="Any status"
          />
          <SelectField
            path="overdue"
            label="Due date"
            value={filters.overdue}
            options={[
              ["true", "Overdue only"],
              ["false", "Not overdue"],
            ]}
            placeholder="Any"
          />
        </div>
        <button type="submit" class="secondary">
          Apply filters
        </button>
      </form>
      {props.rows.length === 0 ? (
        <p>No assessments match.</p>
      ) : (
        <AssessmentTable rows={props.rows} caption="Assessments" />
      )}
      {props.nextCursor ? (
        <p>
          <a href={pageHref(filters, props.nextCursor)}>Next page</a>
        </p>
      ) : null}
    </Layout>
  );
}
