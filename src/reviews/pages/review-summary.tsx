import type { AssessmentDetail } from "../../assessments/assessment-schemas.ts";
import { AssessmentStatusTag, shortTime } from "../../assessments/pages/assessment-tags.tsx";
import { RatingTag, TierTag } from "../../vendors/pages/risk-panel.tsx";
import type { AssessmentScore, VendorDecision } from "../review-schemas.ts";

const capital = (s: string) => (s ? `${s[0]?.toUpperCase()}${s.slice(1)}` : s);

/** A figure with at most two decimals and no trailing zeros: 1, 0.5, 0.33. */
export function figure(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export const DECISION_LABELS: Record<VendorDecision["decision"], string> = {
  approved: "Approve",
  approved_with_conditions: "Approve with conditions",
  rejected: "Reject",
};

const DECIDED_LABELS: Record<VendorDecision["decision"], string> = {
  approved: "Approved",
  approved_with_conditions: "Approved with conditions",
  rejected: "Rejected",
};

/** Where the review stands: vendor, tier, questionnaire, status, submission and attestation. */
export function ReviewFacts(props: { detail: AssessmentDetail; tier: string | undefined }) {
  const d = props.detail;
  return (
    <dl class="details">
      <dt>Vendor</dt>
      <dd>
        <a href={`/vendors/${d.vendor.id}`}>{d.vendor.name}</a>
      </dd>
      <dt>Inherent tier</dt>
      <dd>{props.tier ? <TierTag tier={props.tier} /> : <span class="muted">unknown</span>}</dd>
      <dt>Questionnaire</dt>
      <dd>
        {d.questionnaire.title} (<code>{d.questionnaire.key}</code>, version {d.questionnaire.version})
      </dd>
      <dt>Status</dt>
      <dd>
        <AssessmentStatusTag status={d.status} overdue={d.overdue} />
      </dd>
      <dt>Submitted</dt>
      <dd>{d.submittedAt ? shortTime(d.submittedAt) : <span class="muted">not yet</span>}</dd>
      <dt>Attestation</dt>
      <dd>
        {d.attestation ? (
          <>
            {d.attestation.name}
            {d.attestation.title ? ` (${d.attestation.title})` : ""} attested on {shortTime(d.attestation.at)}{" "}
            that the answers are accurate.
          </>
        ) : (
          <span class="muted">none yet</span>
        )}
      </dd>
      {d.completedAt ? (
        <>
          <dt>Completed</dt>
          <dd>
            {shortTime(d.completedAt)}
            {d.completedBy ? ` by ${d.completedBy}` : ""}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function QuestionLinks(props: { ids: string[]; texts: Map<string, string> }) {
  return (
    <ul>
      {props.ids.map((id) => (
        <li>
          <a href={`#q-${id}`}>{props.texts.get(id) ?? id}</a>
        </li>
      ))}
    </ul>
  );
}

/** The bands, the rating matrix row of the tier and the N/A rule the score was computed with. */
function SettingsUsed(props: { score: AssessmentScore }) {
  const { settings, computedAt } = props.score;
  const { bands, matrix } = settings.policy;
  const row = matrix[settings.tier];
  return (
    <details>
      <summary>Scoring settings used</summary>
      <dl class="details">
        <dt>Questionnaire version</dt>
        <dd>
          <code>{settings.questionnaire.key}</code> version {settings.questionnaire.version}
        </dd>
        <dt>Method</dt>
        <dd>
          {props.score.method === "weighted" ? "Weighted answers" : "VSAQ warnings by severity and count"}
        </dd>
        <dt>"Not applicable" answers</dt>
        <dd>{settings.notApplicable === "exclude" ? "Left out of the score" : "Counted as a pass"}</dd>
        <dt>Tier when scored</dt>
        <dd>
          <TierTag tier={settings.tier} />
        </dd>
        <dt>Bands</dt>
        <dd>
          Strong from {bands.strong}, good from {bands.good}, fair from {bands.fair}, poor below {bands.fair}
        </dd>
        <dt>Residual rating for this tier</dt>
        <dd>
          Strong: {row.strong}, good: {row.good}, fair: {row.fair}, poor: {row.poor}
        </dd>
        <dt>Scored on</dt>
        <dd>
          {settings.scoredOn} (computed {shortTime(computedAt)})
        </dd>
      </dl>
    </details>
  );
}

/** The overall figures and what drove the rating, with links down to the questions behind them. */
export function ScoreSummary(props: { score: AssessmentScore; texts: Map<string, string> }) {
  const s = props.score;
  return (
    <>
      <dl class="details" id="score-summary">
        <dt>Overall score</dt>
        <dd>
          {s.score !== null ? (
            <strong>{figure(s.score)} / 100</strong>
          ) : s.method === "vsaq_warnings" ? (
            "Rated by its warnings, not by points"
          ) : (
            "Nothing scorable was answered"
          )}
        </dd>
        <dt>Band</dt>
        <dd>{capital(s.band)}</dd>
        <dt>Residual rating</dt>
        <dd>
          <RatingTag rating={s.residualRating} />
        </dd>
        <dt>Capped</dt>
        <dd>
          {s.capped ? (
            <>
              Yes: a failed critical question sets the worst band whatever the score.
              <QuestionLinks ids={s.criticalFailures} texts={props.texts} />
            </>
          ) : (
            "No"
          )}
        </dd>
        {s.unansweredOptional.length > 0 ? (
          <>
            <dt>Optional questions left unanswered (scored 0)</dt>
            <dd>
              <QuestionLinks ids={s.unansweredOptional} texts={props.texts} />
            </dd>
          </>
        ) : null}
      </dl>
      <h3>What set the rating</h3>
      <ul>
        {s.drivers.map((d) => (
          <li>{d}</li>
        ))}
      </ul>
      <SettingsUsed score={s} />
    </>
  );
}

/** The decision a completed review recorded, read-only. */
export function DecisionView(props: { decision: VendorDecision }) {
  const d = props.decision;
  return (
    <dl class="details" id="decision">
      <dt>Decision</dt>
      <dd>
        <strong>{DECIDED_LABELS[d.decision]}</strong> by {d.decidedBy} on {shortTime(d.decidedAt)}
      </dd>
      <dt>Reason</dt>
      <dd class="pre-line">{d.reason}</dd>
      {d.conditions ? (
        <>
          <dt>Conditions</dt>
          <dd class="pre-line">{d.conditions}</dd>
        </>
      ) : null}
      <dt>Score</dt>
      <dd>{d.score !== null ? `${figure(d.score)} / 100` : "none"}</dd>
      <dt>Residual rating</dt>
      <dd>
        <RatingTag rating={d.residualRating} />
      </dd>
      <dt>Next review</dt>
      <dd>{d.nextReviewDate ?? "Not scheduled (the vendor was rejected)"}</dd>
    </dl>
  );
}
