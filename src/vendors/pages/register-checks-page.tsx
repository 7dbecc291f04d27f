import type { Db } from "../../db/connection.ts";
import type { Principal } from "../../http/hono-env.ts";
import { type Option, SelectField } from "../../web/form-fields.tsx";
import { Layout } from "../../web/layout.tsx";
import { severityRank } from "../register-check-store.ts";
import {
  CheckSeverity,
  type CheckSummary,
  REGISTER_CHECK_CODES,
  type RegisterCheck,
  type RegisterCheckCode,
} from "../register-checks.ts";
import { ChecksTable } from "./risk-panel.tsx";

export type VendorCheck = RegisterCheck & { vendor: { id: string; name: string } };

/** Rows drawn on the page; the counts above the table still cover every match. */
export const MAX_ROWS_SHOWN = 1000;

export interface CheckFilter {
  severity?: string | undefined;
  code?: string | undefined;
}

/** The stored checks matching a filter; an unknown severity matches nothing, as no check carries it. */
function matching(db: Db, filter: CheckFilter) {
  let q = db.selectFrom("register_check_results as r");
  if (filter.severity) q = q.where("r.severity_rank", "=", severityRank(filter.severity));
  if (filter.code) q = q.where("r.code", "=", filter.code);
  return q;
}

/**
 * The page's view of the stored register checks (refreshed on every register write, see register-check-store):
 * the counts of every match by severity, and the first `limit` matches, most severe first, then by vendor name
 * in the order of the vendor list, each vendor's checks in the order of the rules.
 */
export async function readRegisterChecks(
  db: Db,
  filter: CheckFilter,
  limit = MAX_ROWS_SHOWN,
): Promise<{ summary: CheckSummary; checks: VendorCheck[] }> {
  const [counts, rows] = await Promise.all([
    matching(db, filter)
      // Grouped by rank, which both indexes carry, so counting reads an index and never the rows.
      .select(["r.severity_rank", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("r.severity_rank")
      .execute(),
    matching(db, filter)
      .innerJoin("vendors as v", "v.id", "r.vendor_id")
      .select(["r.code", "r.severity", "r.path", "r.message", "r.vendor_id", "v.name"])
      .orderBy("r.severity_rank")
      .orderBy("r.vendor_name_key")
      .orderBy("r.vendor_id")
      .orderBy("r.position")
      .limit(limit)
      .execute(),
  ]);
  const summary: CheckSummary = { high: 0, medium: 0, low: 0, info: 0, total: 0 };
  for (const c of counts) {
    const severity = CheckSeverity[c.severity_rank];
    if (severity) summary[severity] += c.n;
    summary.total += c.n;
  }
  const checks = rows.map((r) => ({
    code: r.code as RegisterCheckCode,
    severity: r.severity,
    path: r.path,
    message: r.message,
    vendor: { id: r.vendor_id, name: r.name },
  }));
  return { summary, checks };
}

const SEVERITY_OPTIONS: readonly Option[] = CheckSeverity.map((s) => [
  s,
  `${s[0]?.toUpperCase()}${s.slice(1)}`,
]);
const CODE_OPTIONS: readonly Option[] = REGISTER_CHECK_CODES.map((c) => [c, c.replaceAll("_", " ")]);

/** Register checks across all vendors, most severe first, filterable by severity and code. */
export function RegisterChecksPage(props: {
  principal: Principal | undefined;
  /** The first matches, at most MAX_ROWS_SHOWN of them. */
  checks: VendorCheck[];
  /** Counts of every match, shown or not. */
  summary: CheckSummary;
  severity: string;
  code: string;
}) {
  const { summary } = props;
  const shown = props.checks.slice(0, MAX_ROWS_SHOWN);
  return (
    <Layout title="Register checks" principal={props.principal} currentPath="/register/checks">
      <h1>Register checks</h1>
      <p>
        The privacy rules run over every vendor in the register: data minimisation, Art. 9 conditions,
        transfers, retention, sub-processors and contacts.
      </p>
      <h2 class="visually-hidden">Filter register checks</h2>
      <form method="get" action="/register/checks">
        <div class="grid">
          <SelectField
            path="severity"
            label="Severity"
            value={props.severity}
            options={SEVERITY_OPTIONS}
            placeholder="Any severity"
          />
          <SelectField
            path="code"
            label="Check"
            value={props.code}
            options={CODE_OPTIONS}
            placeholder="Any check"
          />
        </div>
        <div class="actions">
          <button type="submit">Apply filters</button>
          <a href="/register/checks">Clear filters</a>
        </div>
      </form>
      <p role="status">
        {summary.total} {summary.total === 1 ? "check" : "checks"}: {summary.high} high, {summary.medium}{" "}
        medium, {summary.low} low, {summary.info} for information.
        {shown.length < summary.total
          ? ` Showing the first ${shown.length}; narrow the filters to see the rest.`
          : ""}
      </p>
      {shown.length > 0 ? (
        <ChecksTable checks={shown} caption="Register checks by vendor" withVendor />
      ) : null}
    </Layout>
  );
}
