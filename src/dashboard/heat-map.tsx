import type { Tier } from "../questionnaires/template-schema.ts";
import { type HeatMap, RATING_COLUMNS, type RatingColumn, TIER_ROWS } from "./dashboard-queries.ts";

const capital = (s: string) => `${s[0]?.toUpperCase() ?? ""}${s.slice(1)}`;

export const COLUMN_LABELS: Record<RatingColumn, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  none: "Not yet rated",
};

/** A count as people read it: 10,000. */
export function figure(n: number): string {
  return n.toLocaleString("en");
}

/** A number that is a link to the list it counts; `what` completes the link's name for screen readers. */
export function CountLink(props: { n: number; href: string; what: string }) {
  return (
    <a href={props.href}>
      {figure(props.n)}
      <span class="visually-hidden"> {props.what}</span>
    </a>
  );
}

function vendorsHref(tier: Tier | null, rating: RatingColumn | null): string {
  const params = new URLSearchParams();
  if (tier) params.set("tier", tier);
  if (rating) params.set("residual", rating);
  const qs = params.toString();
  return qs ? `/vendors?${qs}` : "/vendors";
}

function vendorsWord(n: number): string {
  return n === 1 ? "vendor" : "vendors";
}

function ratingPhrase(rating: RatingColumn): string {
  return rating === "none" ? "not yet rated" : `residual rating ${rating}`;
}

/**
 * Vendors by inherent tier (rows) and residual rating (columns) as a table. Cells are tinted by the column's
 * rating, but the rating is always named in the heading, so the colour is never the only signal.
 */
export function HeatMapTable(props: { map: HeatMap }) {
  const { map } = props;
  const rowTotal = (t: Tier) => RATING_COLUMNS.reduce((sum, r) => sum + map[t][r], 0);
  const columnTotal = (r: RatingColumn) => TIER_ROWS.reduce((sum, t) => sum + map[t][r], 0);
  const total = TIER_ROWS.reduce((sum, t) => sum + rowTotal(t), 0);
  return (
    <div class="table-scroll">
      <table class="heat-map">
        <caption>
          Vendors by inherent tier (rows) and residual rating from the latest review (columns). Each number
          opens the list of those vendors.
        </caption>
        <colgroup>
          <col />
        </colgroup>
        <colgroup span={RATING_COLUMNS.length} />
        <colgroup>
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" rowspan={2}>
              Inherent tier
            </th>
            <th scope="colgroup" colspan={RATING_COLUMNS.length}>
              Residual rating
            </th>
            <th scope="col" rowspan={2} class="numeric">
              All
            </th>
          </tr>
          <tr>
            {RATING_COLUMNS.map((r) => (
              <th scope="col" class={`numeric heat-head heat-${r}`}>
                {COLUMN_LABELS[r]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {TIER_ROWS.map((t) => (
            <tr>
              <th scope="row">{capital(t)}</th>
              {RATING_COLUMNS.map((r) => {
                const n = map[t][r];
                return (
                  <td class={`numeric heat heat-${r}${n === 0 ? " heat-zero" : ""}`}>
                    <CountLink
                      n={n}
                      href={vendorsHref(t, r)}
                      what={`${vendorsWord(n)} of inherent tier ${t}, ${ratingPhrase(r)}`}
                    />
                  </td>
                );
              })}
              <td class="numeric">
                <CountLink
                  n={rowTotal(t)}
                  href={vendorsHref(t, null)}
                  what={`${vendorsWord(rowTotal(t))} of inherent tier ${t}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All tiers</th>
            {RATING_COLUMNS.map((r) => (
              <td class="numeric">
                <CountLink
                  n={columnTotal(r)}
                  href={vendorsHref(null, r)}
                  what={`${vendorsWord(columnTotal(r))}, ${ratingPhrase(r)}`}
                />
              </td>
            ))}
            <td class="numeric">
              <CountLink n={total} href="/vendors" what={`${vendorsWord(total)} in the register`} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
