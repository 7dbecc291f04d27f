import type { Db } from "../../db/connection.ts";
import type { Principal } from "../../http/hono-env.ts";
import { Layout } from "../../web/layout.tsx";
import {
  CheckSeverity,
  checkRegister,
  REGISTER_CHECK_CODES,
  type RegisterCheck,
  summariseChecks,
} from "../register-checks.ts";
import { toRegisterVendor } from "../vendor-mappers.ts";
import { type Option, SelectField } from "./form-fields.tsx";
import { ChecksTable } from "./risk-panel.tsx";

export type VendorCheck = RegisterCheck & { vendor: { id: string; name: string } };

/** Vendors read per batch: four queries per batch instead of four per vendor. */
const BATCH = 500;
/** Rows drawn on the page; the counts above the table still cover every match. */
export const MAX_ROWS_SHOWN = 1000;

function groupBy<T extends { vendor_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.vendor_id);
    if (list) list.push(row);
    else map.set(row.vendor_id, [row]);
  }
  return map;
}

/**
 * Runs the pure register checks over every vendor, in batches. The cost grows with the register: at 100,000
 * vendors this reads the whole register on each request, so it belongs in a stored table refreshed on writes.
 */
export async function checkWholeRegister(
  db: Db,
  filter: { severity?: string | undefined; code?: string | undefined },
): Promise<VendorCheck[]> {
  const found: VendorCheck[] = [];
  let after = "";
  for (;;) {
    const vendors = await db
      .selectFrom("vendors")
      .selectAll()
      .where("id", ">", after)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (vendors.length === 0) break;
    after = vendors.at(-1)?.id ?? after;
    const ids = vendors.map((v) => v.id);
    const [contacts, processing, subprocessors] = await Promise.all([
      db
        .selectFrom("vendor_contacts")
        .selectAll()
        .where("vendor_id", "in", ids)
        .orderBy("created_at")
        .execute(),
      db
        .selectFrom("processing_records")
        .selectAll()
        .where("vendor_id", "in", ids)
        .orderBy("created_at")
        .orderBy("id")
        .execute(),
      db.selectFrom("subprocessors").selectAll().where("vendor_id", "in", ids).orderBy("name").execute(),
    ]);
    const byVendor = {
      contacts: groupBy(contacts),
      processing: groupBy(processing),
      subs: groupBy(subprocessors),
    };
    for (const vendor of vendors) {
      const model = toRegisterVendor({
        vendor,
        contacts: byVendor.contacts.get(vendor.id) ?? [],
        processing: byVendor.processing.get(vendor.id) ?? [],
        subprocessors: byVendor.subs.get(vendor.id) ?? [],
      });
      for (const check of checkRegister(model)) {
        if (filter.severity && check.severity !== filter.severity) continue;
        if (filter.code && check.code !== filter.code) continue;
        found.push({ ...check, vendor: { id: vendor.id, name: vendor.name } });
      }
    }
  }
  const rank = (s: string) => CheckSeverity.indexOf(s as CheckSeverity);
  return found.sort(
    (a, b) => rank(a.severity) - rank(b.severity) || a.vendor.name.localeCompare(b.vendor.name),
  );
}

const SEVERITY_OPTIONS: readonly Option[] = CheckSeverity.map((s) => [
  s,
  `${s[0]?.toUpperCase()}${s.slice(1)}`,
]);
const CODE_OPTIONS: readonly Option[] = REGISTER_CHECK_CODES.map((c) => [c, c.replaceAll("_", " ")]);

/** Register checks across all vendors, most severe first, filterable by severity and code. */
export function RegisterChecksPage(props: {
  principal: Principal | undefined;
  checks: VendorCheck[];
  severity: string;
  code: string;
}) {
  const summary = summariseChecks(props.checks);
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
        {shown.length < props.checks.length
          ? ` Showing the first ${shown.length}; narrow the filters to see the rest.`
          : ""}
      </p>
      {shown.length > 0 ? (
        <ChecksTable checks={shown} caption="Register checks by vendor" withVendor />
      ) : null}
    </Layout>
  );
}
