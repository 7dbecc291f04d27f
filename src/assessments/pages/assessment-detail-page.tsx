import type { Principal } from "../../http/hono-env.ts";
import type { Template } from "../../questionnaires/template-schema.ts";
import type { FieldIssue } from "../../shared/errors.ts";
import { RatingTag } from "../../vendors/pages/risk-panel.tsx";
import { CheckboxField, ErrorSummary, TextField } from "../../web/form-fields.tsx";
import { CsrfField, Layout, Notice } from "../../web/layout.tsx";
import { humanDate } from "../assessment-mail.tsx";
import { type AssessmentDetail, type Invite, OPEN_STATUSES } from "../assessment-schemas.ts";
import { AnswersView } from "./answers-view.tsx";
import { AssessmentStatusTag, shortTime } from "./assessment-tags.tsx";

/** A form on the page that came back with a problem. */
export interface DetailPageState {
  error?: string | undefined;
  recipient?: { values: { name: string; email: string }; issues?: FieldIssue[] | undefined };
}

function inviteState(invite: Invite): string {
  if (invite.revokedAt) return `Revoked ${shortTime(invite.revokedAt)}`;
  return invite.active ? "Active" : "Expired";
}

function Invites(props: { detail: AssessmentDetail; principal: Principal | undefined; canAct: boolean }) {
  const { detail, principal } = props;
  const base = `/assessments/${detail.id}/invites`;
  return (
    <table>
      <caption class="visually-hidden">Recipients and their links</caption>
      <thead>
        <tr>
          <th scope="col">Recipient</th>
          <th scope="col">Link</th>
          <th scope="col">Works until</th>
          <th scope="col">Last opened</th>
          {props.canAct ? <th scope="col">Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {detail.invites.map((i) => (
          <tr>
            <td>
              {i.name}
              <br />
              <small>{i.email}</small>
            </td>
            <td>{inviteState(i)}</td>
            <td>{shortTime(i.expiresAt)}</td>
            <td>{i.lastUsedAt ? shortTime(i.lastUsedAt) : <span class="muted">never</span>}</td>
            {props.canAct ? (
              <td>
                <div class="actions">
                  {i.revokedAt === null ? (
                    <form method="post" action={`${base}/${i.id}/revoke`}>
                      <CsrfField principal={principal} />
                      <button type="submit" class="secondary">
                        Revoke<span class="visually-hidden"> the link of {i.email}</span>
                      </button>
                    </form>
                  ) : null}
                  <form method="post" action={`${base}/${i.id}/reissue`}>
                    <CsrfField principal={principal} />
                    <button type="submit" class="secondary">
                      Re-issue<span class="visually-hidden"> a link to {i.email}</span>
                    </button>
                  </form>
                </div>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Overview(props: { detail: AssessmentDetail }) {
  const d = props.detail;
  const p = d.progress;
  return (
    <dl class="details">
      <dt>Status</dt>
      <dd>
        <AssessmentStatusTag status={d.status} overdue={d.overdue} />
      </dd>
      <dt>Vendor</dt>
      <dd>
        <a href={`/vendors/${d.vendor.id}`}>{d.vendor.name}</a>
      </dd>
      <dt>Questionnaire</dt>
      <dd>
        {d.questionnaire.title} (<code>{d.questionnaire.key}</code>, version {d.questionnaire.version})
      </dd>
      <dt>Due date</dt>
      <dd>{humanDate(d.dueDate)}</dd>
      <dt>Sent</dt>
      <dd>{shortTime(d.createdAt)}</dd>
      {d.submittedAt ? (
        <>
          <dt>Submitted</dt>
          <dd>{shortTime(d.submittedAt)}</dd>
        </>
      ) : null}
      {d.cancelledAt ? (
        <>
          <dt>Cancelled</dt>
          <dd>{shortTime(d.cancelledAt)}</dd>
        </>
      ) : null}
      <dt id="progress-label">Progress</dt>
      <dd>
        <progress
          value={p.requiredAnswered}
          max={Math.max(p.requiredTotal, 1)}
          aria-labelledby="progress-label"
        />
        {p.requiredAnswered} of {p.requiredTotal} required questions answered ({p.answered} of {p.visible}{" "}
        shown questions in all)
      </dd>
      {d.message ? (
        <>
          <dt>Message sent</dt>
          <dd class="pre-line">{d.message}</dd>
        </>
      ) : null}
    </dl>
  );
}

function Reminders(props: { detail: AssessmentDetail; principal: Principal | undefined; canAct: boolean }) {
  const { detail } = props;
  return (
    <section aria-labelledby="reminders-title">
      <h2 id="reminders-title">Reminders</h2>
      <p>
        Last reminder: {detail.reminders.last ? shortTime(detail.reminders.last) : "none yet"}. Next automatic
        reminder:{" "}
        {detail.reminders.nextAutomatic ? humanDate(detail.reminders.nextAutomatic) : "none planned"}.
      </p>
      {props.canAct ? (
        <form method="post" action={`/assessments/${detail.id}/remind`}>
          <CsrfField principal={props.principal} />
          <CheckboxField
            path="force"
            label="Send even if a reminder already went out today"
            checked={false}
            hint="Every recipient with a working link gets an email with a new link."
          />
          <button type="submit" class="secondary">
            Remind now
          </button>
        </form>
      ) : null}
    </section>
  );
}

const REVIEWABLE: readonly string[] = ["submitted", "clarification_requested", "completed"];

/** The way into the review once the vendor has submitted, with the score and rating at a glance. */
function ReviewPanel(props: { detail: AssessmentDetail }) {
  const { detail } = props;
  if (!REVIEWABLE.includes(detail.status)) return null;
  const s = detail.score;
  const open = detail.findings.filter((f) => f.status === "open" || f.status === "remediation_planned");
  const label =
    detail.status === "completed"
      ? "Open the completed review"
      : detail.status === "clarification_requested"
        ? "Open the review (waiting for the vendor's clarification)"
        : "Review the answers";
  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">Review</h2>
      {s ? (
        <dl class="details">
          <dt>Score</dt>
          <dd>
            {s.score === null ? "Rated by warnings" : `${Math.round(s.score * 10) / 10} / 100`} (band {s.band}
            ){s.capped ? ", capped by a failed critical question" : ""}
          </dd>
          <dt>Residual rating</dt>
          <dd>
            <RatingTag rating={s.residualRating} />
          </dd>
          <dt>Findings still open</dt>
          <dd>{open.length}</dd>
        </dl>
      ) : null}
      <p>
        <a class="button-link" href={`/assessments/${detail.id}/review`}>
          {label}
        </a>
      </p>
    </section>
  );
}

/** One assessment for staff: where it stands, who has a link, what the vendor answered. */
export function AssessmentDetailPage(props: {
  principal: Principal | undefined;
  detail: AssessmentDetail;
  template: Template;
  canEdit: boolean;
  notice?: string | undefined;
  state?: DetailPageState | undefined;
}) {
  const { detail, principal, state } = props;
  const open = (OPEN_STATUSES as readonly string[]).includes(detail.status);
  const canAct = props.canEdit && open;
  const title = `${detail.questionnaire.title}: ${detail.vendor.name}`;
  const recipient = state?.recipient;
  return (
    <Layout title={title} principal={principal} currentPath="/assessments">
      <p>
        <a href="/assessments">All assessments</a>
      </p>
      <h1>{title}</h1>
      <Notice message={props.notice} />
      <Notice message={state?.error} kind="error" />
      <ReviewPanel detail={detail} />
      <Overview detail={detail} />
      {detail.attestation ? (
        <section aria-labelledby="attestation-title">
          <h2 id="attestation-title">Attestation</h2>
          <p>
            {detail.attestation.name}
            {detail.attestation.title ? `, ${detail.attestation.title},` : ""} attested on{" "}
            {humanDate(detail.attestation.at)} that the answers are accurate.
          </p>
        </section>
      ) : null}
      <section aria-labelledby="recipients-title">
        <h2 id="recipients-title">Recipients</h2>
        <Invites detail={detail} principal={principal} canAct={props.canEdit && open} />
        {canAct ? (
          <form method="post" action={`/assessments/${detail.id}/invites`}>
            <h3>Add a recipient</h3>
            <ErrorSummary issues={recipient?.issues} labels={{ name: "Name", email: "Email" }} />
            <CsrfField principal={principal} />
            <div class="grid">
              <TextField
                path="name"
                label="Name"
                value={recipient?.values.name ?? ""}
                issues={recipient?.issues}
                required
              />
              <TextField
                path="email"
                label="Email"
                type="email"
                value={recipient?.values.email ?? ""}
                issues={recipient?.issues}
                required
              />
            </div>
            <button type="submit" class="secondary">
              Send them a link
            </button>
          </form>
        ) : null}
      </section>
      {(["sent", "in_progress"] as string[]).includes(detail.status) ? (
        <Reminders detail={detail} principal={principal} canAct={props.canEdit} />
      ) : null}
      <section aria-labelledby="answers-title">
        <h2 id="answers-title">Answers</h2>
        <AnswersView template={props.template} detail={detail} />
      </section>
      {props.canEdit && !["cancelled", "completed", "expired"].includes(detail.status) ? (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">Cancel this assessment</h2>
          <form method="post" action={`/assessments/${detail.id}/cancel`}>
            <CsrfField principal={principal} />
            <TextField
              path="reason"
              label="Reason"
              value=""
              multiline
              hint="Recorded in the audit trail. Every link stops working at once."
            />
            <button type="submit" class="contrast">
              Cancel assessment
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
