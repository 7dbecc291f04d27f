import type { Principal } from "../../http/hono-env.ts";
import { type Option, SelectField } from "../../web/form-fields.tsx";
import { Layout, Notice } from "../../web/layout.tsx";
import {
  FINDING_STATUS_LABELS,
  FINDING_STATUSES,
  type Finding,
  type FindingCounts,
  FindingSeverity,
  SEVERITY_LABELS,
} from "../finding-schemas.ts";
import { FindingStatusTag, SeverityTag } from "./finding-tags.tsx";

/** The filters as they appear in the query string ("" when not set). */
export interface FindingListFilters {
  severity: string;
  status: string;
  vendorId: string;
  overdue: string;
}

const SEVERITY_OPTIONS: readonly Option[] = FindingSeverity.options.map((s) => [s, SEVERITY_LABELS[s]]);
const STATUS_OPTIONS: readonly Option[] = [
  ["active", "Open or remediation planned"],
  ...FINDING_STATUSES.map((s): Option => [s, FINDING_STATUS_LABELS[s]]),
];

/** The query string of the filters, plus any extra parameters, leaving out empty ones. */
export function filterQuery(filters: FindingListFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : "";
}

function Counts(props: { counts: FindingCounts; filters: FindingListFilters }) {
  const { counts, filters } = props;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return (
    <section aria-labelledby="counts-title">
      <h2 id="counts-title" class="visually-hidden">
        Counts
      </h2>
      <p>
        <strong>{plural(counts.total, "finding")}</strong>
        {counts.total === 1 ? " matches" : " match"} these filters
        {counts.overdue > 0 ? (
          <>
            , <a href={`/findings${filterQuery(filters, { overdue: "true" })}`}>{counts.overdue} overdue</a>
          </>
        ) : (
          ", none overdue"
        )}
        .
      </p>
      <ul class="tier-counts" aria-label="By severity">
        {FindingSeverity.options.map((s) => (
          <li>
            <a href={`/findings${filterQuery(filters, { severity: s })}`}>
              {SEVERITY_LABELS[s]}: {counts.bySeverity[s]}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function FindingTable(props: {
  findings: Finding[];
  caption: string;
  showVendor?: boolean;
  /** A local path: the finding page's "Back" and its steps lead there (the review page passes itself). */
  returnTo?: string | undefined;
}) {
  const query = props.returnTo ? `?${new URLSearchParams({ returnTo: props.returnTo })}` : "";
  return (
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Finding</th>
            {props.showVendor === false ? null : <th scope="col">Vendor</th>}
            <th scope="col">Status</th>
            <th scope="col">Due date</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {props.findings.map((f) => (
            <tr>
              <td>
                <SeverityTag severity={f.severity} />
              </td>
              <td>
                <a href={`/findings/${f.id}${query}`}>{f.title}</a>
              </td>
              {props.showVendor === false ? null : (
                <td>
                  <a href={`/vendors/${f.vendor.id}`}>{f.vendor.name}</a>
                </td>
              )}
              <td>
                <FindingStatusTag status={f.status} overdue={f.overdue} />
              </td>
              <td>{f.dueDate}</td>
              <td>{f.source === "questionnaire" ? "Questionnaire" : "Reviewer"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Findings across vendors, with filters kept in the address so a filtered list can be shared or bookmarked. */
export function FindingListPage(props: {
  principal: Principal | undefined;
  findings: Finding[];
  counts: FindingCounts;
  nextCursor: string | null;
  filters: FindingListFilters;
  vendors: readonly { id: string; name: string }[];
  notice?: string | undefined;
}) {
  const { filters } = props;
  const vendorOptions: Option[] = props.vendors.map((v) => [v.id, v.name]);
  return (
    <Layout title="Findings" principal={props.principal} currentPath="/findings">
      <h1>Findings</h1>
      <Notice message={props.notice} />
      <form method="get" action="/findings" class="filters" aria-label="Filter findings">
        <div class="grid">
          <SelectField
            path="severity"
            label="Severity"
            value={filters.severity}
            options={SEVERITY_OPTIONS}
            placeholder="Any severity"
          />
          <SelectField
            path="status"
            label="Status"
            value={filters.status}
            options={STATUS_OPTIONS}
            placeholder="Any status"
          />
          <SelectField
            path="vendorId"
            label="Vendor"
            value={filters.vendorId}
            options={vendorOptions}
            placeholder="Any vendor"
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
        <div class="actions">
          <button type="submit" class="secondary">
            Apply filters
          </button>
          <a href={`/api/v1/findings/export.csv${filterQuery(filters)}`} download>
            Download CSV
          </a>
        </div>
      </form>
      <Counts counts={props.counts} filters={filters} />
      {props.findings.length === 0 ? (
        <p>No findings match.</p>
      ) : (
        <FindingTable findings={props.findings} caption="Findings, soonest due first" />
      )}
      {props.nextCursor ? (
        <p>
          <a href={`/findings${filterQuery(filters, { cursor: props.nextCursor })}`}>Next page</a>
        </p>
      ) : null}
    </Layout>
  );
}
