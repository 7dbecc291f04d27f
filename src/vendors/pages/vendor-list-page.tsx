import type { Principal } from "../../http/hono-env.ts";
import { RATINGS } from "../../scoring/score-types.ts";
import type { FieldIssue } from "../../shared/errors.ts";
import {
  COUNTRY_OPTIONS,
  ErrorSummary,
  type Option,
  SelectField,
  TextField,
} from "../../web/form-fields.tsx";
import { Layout, Notice } from "../../web/layout.tsx";
import { countryName } from "../countries.ts";
import { DataCategory, dataCategoryInfo, RiskTier } from "../register-vocabulary.ts";
import { VendorStatus, type VendorSummary } from "../vendor-schemas.ts";
import { RatingTag, TierTag } from "./risk-panel.tsx";
import { STATUS_LABELS, StatusTag } from "./status-panel.tsx";

/** The list filters as typed, so the form shows them again. */
export interface VendorFilters {
  q: string;
  status: string;
  tier: string;
  country: string;
  dataCategory: string;
  needsReassessment: string;
  residual: string;
  reviewDue: string;
  sort: string;
}

export const FILTER_KEYS = [
  "q",
  "status",
  "tier",
  "country",
  "dataCategory",
  "needsReassessment",
  "residual",
  "reviewDue",
  "sort",
] as const;

const capital = (s: string) => `${s[0]?.toUpperCase() ?? ""}${s.slice(1)}`;
const STATUS_OPTIONS: readonly Option[] = VendorStatus.options.map((s) => [s, STATUS_LABELS[s]]);
const TIER_OPTIONS: readonly Option[] = RiskTier.options.map((t) => [t, capital(t)]);
const CATEGORY_OPTIONS: readonly Option[] = DataCategory.options.map((c) => [
  c,
  dataCategoryInfo[c].special ? `${dataCategoryInfo[c].label} (Art. 9)` : dataCategoryInfo[c].label,
]);
const SORT_OPTIONS: readonly Option[] = [
  ["name", "Name, A to Z"],
  ["-name", "Name, Z to A"],
  ["-created", "Newest first"],
  ["created", "Oldest first"],
];
const RESIDUAL_OPTIONS: readonly Option[] = [
  ...[...RATINGS].reverse().map((r): Option => [r, capital(r)]),
  ["none", "Not yet rated"],
];
const REASSESS_OPTIONS: readonly Option[] = [
  ["true", "Needs reassessment"],
  ["false", "Up to date"],
];

/** A link to the list with these filters and the given changes; empty values are left out. */
export function listHref(filters: VendorFilters, changes: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...changes })) {
    if (value && !(key === "sort" && value === "name")) params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `/vendors?${qs}` : "/vendors";
}

function FilterForm(props: { filters: VendorFilters; issues?: FieldIssue[] | undefined }) {
  const { filters: f, issues } = props;
  return (
    <form method="get" action="/vendors" class="filters" aria-labelledby="filters-title" novalidate>
      <h2 id="filters-title" class="visually-hidden">
        Filter vendors
      </h2>
      <div class="grid">
        <TextField path="q" label="Search names" value={f.q} issues={issues} type="text" />
        <SelectField
          path="status"
          label="Status"
          value={f.status}
          options={STATUS_OPTIONS}
          placeholder="Any status"
          issues={issues}
        />
        <SelectField
          path="tier"
          label="Tier"
          value={f.tier}
          options={TIER_OPTIONS}
          placeholder="Any tier"
          issues={issues}
        />
        <SelectField
          path="country"
          label="Country"
          value={f.country}
          options={COUNTRY_OPTIONS}
          placeholder="Any country"
          issues={issues}
        />
      </div>
      <div class="grid">
        <SelectField
          path="dataCategory"
          label="Receives data category"
          value={f.dataCategory}
          options={CATEGORY_OPTIONS}
          placeholder="Any data"
          issues={issues}
        />
        <SelectField
          path="needsReassessment"
          label="Reassessment"
          value={f.needsReassessment}
          options={REASSESS_OPTIONS}
          placeholder="Either"
          issues={issues}
        />
        <SelectField
          path="residual"
          label="Residual rating"
          value={f.residual}
          options={RESIDUAL_OPTIONS}
          placeholder="Any rating"
          issues={issues}
        />
      </div>
      <div class="grid">
        <TextField
          path="reviewDue"
          label="Review due by"
          value={f.reviewDue}
          issues={issues}
          type="date"
          hint="Next review on or before this day, overdue ones included."
        />
        <SelectField
          path="sort"
          label="Sort by"
          value={f.sort || "name"}
          options={SORT_OPTIONS}
          issues={issues}
        />
      </div>
      <div class="actions">
        <button type="submit">Apply filters</button>
        <a href="/vendors">Clear filters</a>
      </div>
    </form>
  );
}

/** Counts over the whole register, so each links to that tier alone. */
function TierCounts(props: { counts: Partial<Record<RiskTier, number>> }) {
  const tiers = [...RiskTier.options].reverse();
  return (
    <nav aria-label="All vendors by tier">
      <ul class="tier-counts">
        {tiers.map((t) => (
          <li>
            <a href={`/vendors?tier=${t}`}>
              <TierTag tier={t} /> {props.counts[t] ?? 0}
              <span class="visually-hidden"> vendors</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The vendor register: filters, a page of vendors and the link to the next page. */
export function VendorListPage(props: {
  principal: Principal | undefined;
  vendors: VendorSummary[];
  filters: VendorFilters;
  cursor: string | undefined;
  nextCursor: string | null;
  tierCounts: Partial<Record<RiskTier, number>>;
  canCreate: boolean;
  notice?: string | undefined;
  issues?: FieldIssue[] | undefined;
}) {
  const { filters } = props;
  return (
    <Layout title="Vendors" principal={props.principal} currentPath="/vendors">
      <h1>Vendors</h1>
      <Notice message={props.notice} />
      <p class="actions">
        {props.canCreate ? (
          <>
            <a href="/vendors/new" class="button-link">
              Add vendor
            </a>
            <a href="/vendors/import" class="button-link secondary">
              Import from CSV
            </a>
          </>
        ) : null}
        <a href="/api/v1/register/export.csv" download>
          Export the register (CSV)
        </a>
        <a href="/api/v1/register/ropa.csv" download>
          Export the Art. 30 record of processing (CSV)
        </a>
      </p>
      <TierCounts counts={props.tierCounts} />
      <ErrorSummary
        issues={props.issues}
        labels={{ country: "Country", q: "Search", cursor: "Page", reviewDue: "Review due by" }}
      />
      <FilterForm filters={filters} issues={props.issues} />
      {props.vendors.length === 0 ? (
        <p role="status">
          {Object.values(filters).some((v) => v && v !== "name")
            ? "No vendors match these filters."
            : "No vendors yet."}
        </p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">Vendors matching the filters</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Country</th>
                <th scope="col">Status</th>
                <th scope="col">Tier</th>
                <th scope="col">Residual</th>
                <th scope="col">Next review</th>
                <th scope="col">Criticality</th>
                <th scope="col">Added</th>
              </tr>
            </thead>
            <tbody>
              {props.vendors.map((v) => (
                <tr>
                  <td>
                    <a href={`/vendors/${v.id}`}>{v.name}</a>
                    {v.legalName && v.legalName !== v.name ? (
                      <small class="muted block">{v.legalName}</small>
                    ) : null}
                  </td>
                  <td>{countryName(v.country)}</td>
                  <td>
                    <StatusTag status={v.status} />
                  </td>
                  <td>
                    <TierTag tier={v.tier} />
                    {v.tierOverridden ? <small class="muted"> (override)</small> : null}
                    {v.needsReassessment ? <span class="tag tag-warn">Needs reassessment</span> : null}
                  </td>
                  <td>
                    {v.residualRating ? (
                      <RatingTag rating={v.residualRating} />
                    ) : (
                      <span class="muted">Not yet rated</span>
                    )}
                  </td>
                  <td>{v.nextReviewDate ?? <span class="muted">None</span>}</td>
                  <td>{v.businessCriticality}</td>
                  <td>{v.createdAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages">
        <ul>
          {props.cursor ? (
            <li>
              <a href={listHref(filters)}>First page</a>
            </li>
          ) : null}
          {props.nextCursor ? (
            <li>
              <a href={listHref(filters, { cursor: props.nextCursor })} rel="next">
                Next page
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
    </Layout>
  );
}
