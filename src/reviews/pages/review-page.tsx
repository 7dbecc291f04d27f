import type { AssessmentDetail } from "../../assessments/assessment-schemas.ts";
import { shortTime } from "../../assessments/pages/assessment-tags.tsx";
import { FindingTable } from "../../findings/pages/finding-list-page.tsx";
import { NewFindingForm } from "../../findings/pages/new-finding-form.tsx";
import type { Principal } from "../../http/hono-env.ts";
import type { Template } from "../../questionnaires/template-schema.ts";
import { Layout, Notice } from "../../web/layout.tsx";
import type { BlockingFinding } from "../completion-rules.ts";
import { CompletionForm } from "./completion-form.tsx";
import { CommentForm, type QuestionActions } from "./question-actions.tsx";
import { Breakdown, buildSections, ClarificationHistory, ClarifyForm } from "./review-breakdown.tsx";
import type { ReviewPageState } from "./review-forms.ts";
import { DecisionView, ReviewFacts, ScoreSummary } from "./review-summary.tsx";

/** The sections of the page a notice can be shown in. */
export type NoticeSection = "comments" | "findings";

export interface ReviewPageProps {
  principal: Principal | undefined;
  detail: AssessmentDetail;
  template: Template;
  tier: string | undefined;
  /** A privacy or admin user: may act on the review. */
  canReview: boolean;
  blocking: BlockingFinding[];
  today: string;
  notice?: string | undefined;
  /** The question the notice is about: shown in its block, where the browser lands. */
  noticeAt?: string | undefined;
  /** The section the notice is about, when not a question: shown there, where the browser lands. */
  noticeIn?: NoticeSection | undefined;
  state?: ReviewPageState | undefined;
}

/** The review of one assessment: the score and why, every answer beside its figures, findings and the decision. */
export function ReviewPage(props: ReviewPageProps) {
  const { detail, principal, state } = props;
  const status = detail.status;
  const canAct = props.canReview && status === "submitted";
  const canComment = props.canReview && (status === "submitted" || status === "clarification_requested");
  const score = detail.score;
  const sections = score ? buildSections(detail, props.template, score) : [];
  const texts = new Map(
    sections.flatMap((s) => s.items.map((i) => [i.score.questionId, `${i.number} ${i.score.text}`])),
  );
  const noticeAt = props.notice && props.noticeAt && texts.has(props.noticeAt) ? props.noticeAt : undefined;
  const noticeIn = props.notice && !noticeAt ? props.noticeIn : undefined;
  const sectionNotice = (section: NoticeSection) => (noticeIn === section ? props.notice : undefined);
  const a: QuestionActions = {
    assessmentId: detail.id,
    vendorId: detail.vendor.id,
    principal,
    canAct,
    state,
    notice: noticeAt && props.notice ? { questionId: noticeAt, message: props.notice } : undefined,
  };
  const general = detail.comments.filter((c) => c.questionId === null);
  const finding = state?.form === "finding" ? state : undefined;
  const title = `Review: ${detail.questionnaire.title} for ${detail.vendor.name}`;
  return (
    <Layout title={title} principal={principal} currentPath="/assessments">
      <p>
        <a href={`/assessments/${detail.id}`}>Back to the assessment</a>
      </p>
      <h1>{title}</h1>
      <Notice message={noticeAt || noticeIn ? undefined : props.notice} />
      <Notice message={state?.error} kind="error" />
      <ReviewFacts detail={detail} tier={props.tier} />
      {detail.decision ? (
        <section aria-labelledby="decision-title">
          <h2 id="decision-title">Decision</h2>
          <DecisionView decision={detail.decision} />
        </section>
      ) : null}
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">Score and rating</h2>
        {score ? (
          <ScoreSummary score={score} texts={texts} />
        ) : (
          <p>Not scored yet: the assessment is scored when the vendor submits it.</p>
        )}
      </section>
      {status === "clarification_requested" ? (
        <p class="notice notice-warn" role="status">
          Waiting for the vendor to clarify the answers marked below. The review can be completed after they
          submit again.
        </p>
      ) : null}
      {score ? (
        <section aria-labelledby="answers-title">
          <h2 id="answers-title">Answers and scores</h2>
          {canAct ? (
            <p>
              Under each question, "Review actions" lets you override its score (the reason is shown with the
              score and kept in the audit trail), comment (staff only; the vendor never sees comments), tick
              it to ask the vendor to clarify (everything ticked goes in one request with "Send clarification
              request" below the questions) or add a finding about it.
            </p>
          ) : null}
          <Breakdown sections={sections} a={a} />
        </section>
      ) : null}
      {canAct && score ? (
        <ClarifyForm assessmentId={detail.id} principal={principal} state={state} sections={sections} />
      ) : null}
      {detail.clarifications.length > 0 ? <ClarificationHistory detail={detail} sections={sections} /> : null}
      <section aria-labelledby="comments-title">
        <h2 id="comments-title">Comments on the assessment</h2>
        <Notice message={sectionNotice("comments")} />
        {general.length === 0 ? <p class="muted">No general comments.</p> : null}
        <ul class="plain-list">
          {general.map((c) => (
            <li>
              <strong>{c.author}</strong> <span class="muted">{shortTime(c.createdAt)}</span>:{" "}
              <span class="pre-line">{c.body}</span>
            </li>
          ))}
        </ul>
        {canComment ? <CommentForm a={a} /> : null}
      </section>
      <section aria-labelledby="findings-title">
        <h2 id="findings-title">Findings</h2>
        <Notice message={sectionNotice("findings")} />
        {detail.findings.length > 0 ? (
          <FindingTable
            findings={detail.findings}
            caption="Findings of this assessment"
            showVendor={false}
            returnTo={`/assessments/${detail.id}/review#findings-title`}
          />
        ) : (
          <p class="muted">No findings raised from this assessment.</p>
        )}
        {props.canReview && status !== "cancelled" ? (
          <details open={finding !== undefined}>
            <summary>Add a finding of your own</summary>
            <NewFindingForm
              principal={principal}
              vendorId={detail.vendor.id}
              assessmentId={detail.id}
              action={`/assessments/${detail.id}/review/findings`}
              values={finding?.values}
              issues={finding?.issues}
            />
          </details>
        ) : null}
      </section>
      {canAct ? (
        <section aria-labelledby="complete-title">
          <h2 id="complete-title">Complete the review</h2>
          <p>
            Completing records the decision with the score and residual rating, sets the vendor's residual
            rating and, unless rejected, the date of the next review from its tier.
          </p>
          <CompletionForm
            assessmentId={detail.id}
            principal={principal}
            blocking={props.blocking}
            state={state}
            today={props.today}
          />
        </section>
      ) : null}
    </Layout>
  );
}
