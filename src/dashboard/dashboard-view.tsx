import type { Principal } from "../http/hono-env.ts";
import { Layout } from "../web/layout.tsx";
import { AttentionList, EvidenceTable, FindingsTable } from "./dashboard-panels.tsx";
import type { DashboardFigures } from "./dashboard-queries.ts";
import { figure, HeatMapTable } from "./heat-map.tsx";

/** The staff home page: what needs attention, where the risk sits, and what lapses soon. */
export function DashboardView(props: { principal: Principal; figures: DashboardFigures }) {
  const { principal, figures: f } = props;
  const more = f.evidence.total - f.evidence.files.length;
  return (
    <Layout title="Dashboard" principal={principal} currentPath="/">
      <h1>Dashboard</h1>
      <p>
        Welcome, {principal.user.name}. You are signed in as <strong>{principal.user.role}</strong>. Figures
        as of {f.today} (UTC).
      </p>
      <section aria-labelledby="attention-title">
        <h2 id="attention-title">Needs attention</h2>
        <AttentionList figures={f} />
      </section>
      <section aria-labelledby="heat-title">
        <h2 id="heat-title">Vendors by inherent tier and residual rating</h2>
        <HeatMapTable map={f.heatMap} />
      </section>
      <section aria-labelledby="findings-title">
        <h2 id="findings-title">Findings by severity</h2>
        <FindingsTable counts={f.findings} />
      </section>
      <section aria-labelledby="evidence-title">
        <h2 id="evidence-title">Evidence expiring by {f.horizon}</h2>
        {f.evidence.total === 0 ? (
          <p>No evidence on file lapses in the next 30 days.</p>
        ) : (
          <>
            <EvidenceTable
              files={f.evidence.files}
              caption={`The ${figure(f.evidence.files.length)} files that lapse first`}
            />
            {more > 0 ? (
              <p>
                <a href="/evidence/expiring">
                  All {figure(f.evidence.total)} expiring files
                  <span class="visually-hidden"> ({figure(more)} more)</span>
                </a>
              </p>
            ) : null}
          </>
        )}
      </section>
    </Layout>
  );
}

/** Every evidence file that lapses within the dashboard's horizon. */
export function ExpiringEvidencePage(props: {
  principal: Principal;
  today: string;
  horizon: string;
  evidence: DashboardFigures["evidence"];
}) {
  const { evidence } = props;
  return (
    <Layout title="Evidence expiring soon" principal={props.principal} currentPath="/">
      <h1>Evidence expiring by {props.horizon}</h1>
      <p>
        <a href="/">Back to the dashboard</a>
      </p>
      <p>
        Files vendors sent that lapse between {props.today} and {props.horizon}, soonest first. Files of
        cancelled or expired assessments, of vendors being offboarded, and files a later answered
        questionnaire replaced are left out. The sender and the vendor's security contacts are reminded by
        email before each file lapses.
      </p>
      {evidence.total === 0 ? (
        <p role="status">No evidence on file lapses in this period.</p>
      ) : (
        <EvidenceTable
          files={evidence.files}
          caption={
            evidence.total > evidence.files.length
              ? `The first ${figure(evidence.files.length)} of ${figure(evidence.total)} expiring files`
              : `${figure(evidence.total)} expiring ${evidence.total === 1 ? "file" : "files"}`
          }
        />
      )}
    </Layout>
  );
}
