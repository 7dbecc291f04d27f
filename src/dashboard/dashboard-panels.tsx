import { addDays } from "../assessments/reminder-schedule.ts";
import { EVIDENCE_KIND_LABELS } from "../questionnaires/questionnaire-preview.tsx";
import { RATINGS, type Rating } from "../scoring/score-types.ts";
import { RatingTag } from "../vendors/pages/risk-panel.tsx";
import type { DashboardFigures, ExpiringFile, FindingCounts } from "./dashboard-queries.ts";
import { CountLink, figure } from "./heat-map.tsx";

const SEVERITY_ROWS: readonly Rating[] = [...RATINGS].reverse();

interface Stat {
  n: number;
  href: string;
  /** The words after the number: singular, then plural. */
  label: readonly [string, string];
}

/** The figures that ask for action today, each a link to the list behind it. */
export function AttentionList(props: { figures: DashboardFigures }) {
  const f = props.figures;
  const overdueFindings = SEVERITY_ROWS.reduce((sum, s) => sum + f.findings[s].overdue, 0);
  const stats: Stat[] = [
    {
      n: f.awaitingReview,
      href: "/assessments?status=submitted",
      label: ["assessment awaiting review", "assessments awaiting review"],
    },
    {
      n: f.overdueQuestionnaires,
      href: "/assessments?overdue=true",
      label: ["overdue questionnaire", "overdue questionnaires"],
    },
    { n: overdueFindings, href: "/findings?overdue=true", label: ["overdue finding", "overdue findings"] },
    {
      n: f.reviewsDue.total,
      href: `/vendors?reviewDue=${f.horizon}`,
      label: [`vendor review due by ${f.horizon}`, `vendor reviews due by ${f.horizon}`],
    },
    {
      n: f.reviewsDue.overdue,
      href: `/vendors?reviewDue=${addDays(f.today, -1)}`,
      label: ["vendor review overdue", "vendor reviews overdue"],
    },
    {
      n: f.evidence.total,
      href: "/evidence/expiring",
      label: [`evidence file expiring by ${f.horizon}`, `evidence files expiring by ${f.horizon}`],
    },
  ];
  return (
    <ul class="dash-stats">
      {stats.map((s) => (
        <li class={s.n > 0 ? "dash-stat dash-stat-active" : "dash-stat"}>
          <a href={s.href}>
            <span class="dash-figure">{figure(s.n)}</span>{" "}
            <span class="dash-label">{s.n === 1 ? s.label[0] : s.label[1]}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

const sum = (counts: Record<Rating, FindingCounts>, key: keyof FindingCounts) =>
  SEVERITY_ROWS.reduce((total, s) => total + counts[s][key], 0);

/** Findings still waiting for work, by severity: open, remediation planned, and overdue among them. */
export function FindingsTable(props: { counts: Record<Rating, FindingCounts> }) {
  const { counts } = props;
  const word = (n: number) => (n === 1 ? "finding" : "findings");
  return (
    <table>
      <caption>
        Findings still waiting for work, by severity. Each number opens the list of those findings.
      </caption>
      <thead>
        <tr>
          <th scope="col">Severity</th>
          <th scope="col" class="numeric">
            Open
          </th>
          <th scope="col" class="numeric">
            Remediation planned
          </th>
          <th scope="col" class="numeric">
            Overdue
          </th>
        </tr>
      </thead>
      <tbody>
        {SEVERITY_ROWS.map((s) => {
          const c = counts[s];
          return (
            <tr>
              <th scope="row">
                <RatingTag rating={s} />
              </th>
              <td class="numeric">
                <CountLink
                  n={c.open}
                  href={`/findings?status=open&severity=${s}`}
                  what={`open ${s} ${word(c.open)}`}
                />
              </td>
              <td class="numeric">
                <CountLink
                  n={c.remediationPlanned}
                  href={`/findings?status=remediation_planned&severity=${s}`}
                  what={`${s} ${word(c.remediationPlanned)} with remediation planned`}
                />
              </td>
              <td class="numeric">
                <CountLink
                  n={c.overdue}
                  href={`/findings?overdue=true&severity=${s}`}
                  what={`overdue ${s} ${word(c.overdue)}`}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All severities</th>
          <td class="numeric">
            <CountLink n={sum(counts, "open")} href="/findings?status=open" what="open findings" />
          </td>
          <td class="numeric">
            <CountLink
              n={sum(counts, "remediationPlanned")}
              href="/findings?status=remediation_planned"
              what="findings with remediation planned"
            />
          </td>
          <td class="numeric">
            <CountLink n={sum(counts, "overdue")} href="/findings?overdue=true" what="overdue findings" />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function kindLabel(kind: string | null): string | null {
  return kind && Object.hasOwn(EVIDENCE_KIND_LABELS, kind)
    ? EVIDENCE_KIND_LABELS[kind as keyof typeof EVIDENCE_KIND_LABELS]
    : null;
}

/** Evidence files lapsing soon: which vendor, which file, when, and the assessment it belongs to. */
export function EvidenceTable(props: { files: readonly ExpiringFile[]; caption: string }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Expires on</th>
            <th scope="col">Vendor</th>
            <th scope="col">File</th>
            <th scope="col">Assessment</th>
          </tr>
        </thead>
        <tbody>
          {props.files.map((f) => (
            <tr>
              <td>{f.expiresOn}</td>
              <td>
                <a href={`/vendors/${f.vendor.id}`}>{f.vendor.name}</a>
              </td>
              <td>
                {f.fileName}
                {kindLabel(f.kind) ? <small class="muted block">{kindLabel(f.kind)}</small> : null}
              </td>
              <td>
                <a href={`/assessments/${f.assessmentId}`}>
                  Open the assessment<span class="visually-hidden"> of {f.vendor.name}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
