import type { Principal } from "../../http/hono-env.ts";
import type { FieldIssue } from "../../shared/errors.ts";
import { ErrorSummary, type Option, SelectField, TextField } from "../../web/form-fields.tsx";
import { CsrfField } from "../../web/layout.tsx";
import type { RegisterCheck } from "../register-checks.ts";
import { RiskTier } from "../register-vocabulary.ts";
import type { VendorRisk } from "../vendor-read.ts";
import type { VendorDecisionRef } from "../vendor-schemas.ts";

const capital = (s: string) => (s ? `${s[0]?.toUpperCase()}${s.slice(1)}` : s);

export function TierTag(props: { tier: string }) {
  return <span class={`tag tier tier-${props.tier}`}>{capital(props.tier)}</span>;
}

/** A residual rating; the word is always shown, so the colour is never the only signal. */
export function RatingTag(props: { rating: string }) {
  return <span class={`tag rating rating-${props.rating}`}>{capital(props.rating)}</span>;
}

const DECISION_LABELS: Record<VendorDecisionRef["decision"], string> = {
  approved: "Approved",
  approved_with_conditions: "Approved with conditions",
  rejected: "Rejected",
};

/** The outcome of the latest completed review: residual rating, decision and when to look again. */
function ResidualSummary(props: { risk: VendorRisk }) {
  const { risk } = props;
  const decision = risk.latestDecision;
  if (!risk.residualRating) {
    return (
      <p>
        Not yet rated. The residual rating is set when a reviewer completes the review of a submitted
        assessment.
      </p>
    );
  }
  return (
    <dl class="details">
      <dt>Residual rating</dt>
      <dd>
        <RatingTag rating={risk.residualRating} />
      </dd>
      <dt>Next review</dt>
      <dd>{risk.nextReviewDate ?? "Not scheduled"}</dd>
      {decision ? (
        <>
          <dt>Decision</dt>
          <dd>
            {DECISION_LABELS[decision.decision]} on {decision.decidedAt.slice(0, 10)}
            {decision.score !== null ? `, score ${decision.score}` : ""}.{" "}
            <a href={`/assessments/${decision.assessmentId}`}>Open the reviewed assessment</a>
          </dd>
          <dt>Reason</dt>
          <dd class="pre-line">{decision.reason}</dd>
          {decision.conditions ? (
            <>
              <dt>Conditions</dt>
              <dd class="pre-line">{decision.conditions}</dd>
            </>
          ) : null}
        </>
      ) : null}
    </dl>
  );
}

export function SeverityTag(props: { severity: string }) {
  return <span class={`tag severity severity-${props.severity}`}>{capital(props.severity)}</span>;
}

/** Register checks as a table; the vendor column appears on the register-wide page. */
export function ChecksTable(props: {
  checks: readonly (RegisterCheck & { vendor?: { id: string; name: string } })[];
  caption: string;
  withVendor?: boolean;
}) {
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Severity</th>
          {props.withVendor ? <th scope="col">Vendor</th> : null}
          <th scope="col">Check</th>
          <th scope="col">What to look at</th>
        </tr>
      </thead>
      <tbody>
        {props.checks.map((c) => (
          <tr>
            <td>
              <SeverityTag severity={c.severity} />
            </td>
            {props.withVendor ? (
              <td>{c.vendor ? <a href={`/vendors/${c.vendor.id}`}>{c.vendor.name}</a> : null}</td>
            ) : null}
            <td>
              <code>{c.code}</code>
            </td>
            <td>{c.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const OVERRIDE_OPTIONS: readonly Option[] = RiskTier.options.map((t) => [t, capital(t)]);

function OverrideForm(props: {
  principal: Principal | undefined;
  vendorId: string;
  risk: VendorRisk;
  values?: { tier: string; reason: string } | undefined;
  issues?: FieldIssue[] | undefined;
}) {
  const values = props.values ?? { tier: props.risk.override?.tier ?? "", reason: "" };
  return (
    <form method="post" action={`/vendors/${props.vendorId}/override`} id="override" novalidate>
      <h3>Override the tier</h3>
      <ErrorSummary issues={props.issues} labels={{ tier: "Tier", reason: "Reason" }} />
      <CsrfField principal={props.principal} />
      <div class="grid">
        <SelectField
          path="tier"
          label="Tier to use"
          value={values.tier}
          options={OVERRIDE_OPTIONS}
          placeholder={`Remove the override (use the computed tier, ${props.risk.computedTier})`}
          issues={props.issues}
        />
        <TextField
          path="reason"
          label="Reason"
          value={values.reason}
          issues={props.issues}
          multiline
          required
          hint="At least 10 characters; kept in the tier history."
        />
      </div>
      <button type="submit" class="secondary">
        Save override
      </button>
    </form>
  );
}

/**
 * The residual rating from the latest review, then inherent risk: the tier and why, what to send, when to
 * reassess, and the history of tier changes.
 */
export function RiskPanel(props: {
  principal: Principal | undefined;
  vendorId: string;
  risk: VendorRisk;
  canOverride: boolean;
  overrideValues?: { tier: string; reason: string } | undefined;
  overrideIssues?: FieldIssue[] | undefined;
}) {
  const { risk } = props;
  return (
    <>
      <section id="residual" aria-labelledby="residual-title">
        <h2 id="residual-title">Residual risk</h2>
        <ResidualSummary risk={risk} />
      </section>
      <section id="risk" aria-labelledby="risk-title">
        <h2 id="risk-title">Inherent risk</h2>
        <p class="risk-tier">
          Tier: <TierTag tier={risk.tier} />{" "}
          {risk.override ? (
            <span>
              Computed {risk.computedTier}, overridden to {risk.override.tier} because “{risk.override.reason}
              ”.
            </span>
          ) : (
            <span>Computed from the register ({risk.points} points).</span>
          )}
        </p>
        {risk.needsReassessment ? (
          <p class="notice notice-warn">
            Needs reassessment: a register change raised the tier since the last assessment.
          </p>
        ) : null}
        <dl class="details">
          <dt>Recommended questionnaire</dt>
          <dd>
            <code>{risk.recommendedQuestionnaire}</code>
            {risk.additionalQuestionnaires.map((q) => (
              <>
                {" "}
                and <code>{q}</code>
              </>
            ))}
          </dd>
          <dt>Reassess every</dt>
          <dd>{risk.reassessmentMonths} months</dd>
        </dl>
        <table>
          <caption>Reasons for the computed tier</caption>
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col" class="numeric">
                Points
              </th>
            </tr>
          </thead>
          <tbody>
            {risk.reasons.map((r) => (
              <tr>
                <td>{r.text}</td>
                <td class="numeric">{r.points}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td class="numeric">{risk.points}</td>
            </tr>
          </tfoot>
        </table>
        {props.canOverride ? (
          <OverrideForm
            principal={props.principal}
            vendorId={props.vendorId}
            risk={risk}
            values={props.overrideValues}
            issues={props.overrideIssues}
          />
        ) : null}
        <h3 id="checks">Register checks</h3>
        {risk.checks.length === 0 ? (
          <p>No register checks raised.</p>
        ) : (
          <ChecksTable
            checks={risk.checks}
            caption={`${risk.checks.length} ${risk.checks.length === 1 ? "check" : "checks"} on this vendor`}
          />
        )}
        <h3 id="history">Tier history</h3>
        {risk.history.length === 0 ? (
          <p>No tier changes yet.</p>
        ) : (
          <table>
            <caption class="visually-hidden">Tier history, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Tier</th>
                <th scope="col">Computed</th>
                <th scope="col">Why</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {risk.history.map((h) => (
                <tr>
                  <td>{h.at.slice(0, 16).replace("T", " ")}</td>
                  <td>
                    {h.previousTier ? `${h.previousTier} → ` : ""}
                    {h.tier}
                    {h.overrideTier ? " (override)" : ""}
                  </td>
                  <td>{h.computedTier}</td>
                  <td>{h.reason}</td>
                  <td>{h.by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
