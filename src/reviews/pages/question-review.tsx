import type { AssessmentDetail } from "../../assessments/assessment-schemas.ts";
import { shortTime } from "../../assessments/pages/assessment-tags.tsx";
import { FindingStatusTag, SeverityTag } from "../../findings/pages/finding-tags.tsx";
import { Notice } from "../../web/layout.tsx";
import {
  overriddenTo,
  pointsOf,
  pointsText,
  type QuestionActions,
  QuestionActionsPanel,
  type QuestionItem,
} from "./question-actions.tsx";
import { figure } from "./review-summary.tsx";

type QuestionScore = QuestionItem["score"];
type Evidence = AssessmentDetail["evidence"][number];

const STATE_TAGS: Partial<Record<QuestionScore["state"], string>> = {
  not_applicable: "Not applicable",
  unanswered: "Unanswered",
  unscored: "Not scored",
};

function Files(props: { files: Evidence[] }) {
  if (props.files.length === 0) return null;
  return (
    <ul class="plain-list">
      {props.files.map((f) => (
        <li>
          {/* The staff page download, twin of the API path, so a problem shows as a page. */}
          <a href={f.href.replace(/^\/api\/v1/, "")} download>
            {f.name}
          </a>{" "}
          <span class="muted">({Math.max(1, Math.round(f.size / 1024))} KB)</span>
        </li>
      ))}
    </ul>
  );
}

function Figures(props: { q: QuestionScore }) {
  const { q } = props;
  return (
    <dl class="details">
      <dt>Weight</dt>
      <dd>{figure(q.weight)}</dd>
      <dt>Points</dt>
      <dd>
        {q.points === null ? (
          <span class="muted">not counted</span>
        ) : (
          `${figure(q.points)} / ${figure(q.maxPoints)}`
        )}
      </dd>
      <dt>Passed</dt>
      <dd>
        {q.passed === null ? <span class="muted">not scored</span> : q.passed ? "Yes" : <strong>No</strong>}
      </dd>
      <dt>Why</dt>
      <dd>{q.why}</dd>
    </dl>
  );
}

/** Findings about the question still waiting for work, so a reviewer sees them before adding another. */
function OpenFindings(props: { item: QuestionItem; assessmentId: string }) {
  const { openFindings, score } = props.item;
  if (openFindings.length === 0) return null;
  const back = new URLSearchParams({
    returnTo: `/assessments/${props.assessmentId}/review#q-${score.questionId}`,
  });
  return (
    <div class="question-findings">
      <p>
        <strong>
          Open finding{openFindings.length === 1 ? "" : "s"} about this question
          <span class="visually-hidden"> ({props.item.number})</span>:
        </strong>
      </p>
      <ul class="plain-list">
        {openFindings.map((f) => (
          <li>
            <SeverityTag severity={f.severity} /> <a href={`/findings/${f.id}?${back}`}>{f.title}</a>{" "}
            <FindingStatusTag status={f.status} overdue={f.overdue} />{" "}
            <span class="muted">
              {f.source === "questionnaire" ? "raised by the answer" : "added by a reviewer"}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One question side by side: the vendor's answer and evidence, the figures, and what reviewers did about it. */
export function QuestionReview(props: { item: QuestionItem; a: QuestionActions }) {
  const { item, a } = props;
  const q = item.score;
  const open = item.clarifications.filter((c) => c.answeredAt === null);
  const answered = item.clarifications.filter((c) => c.answeredAt !== null);
  const titleId = `q-${q.questionId}-title`;
  return (
    <article id={`q-${q.questionId}`} aria-labelledby={titleId}>
      <h4 id={titleId}>
        {item.number} {q.text}
        {q.critical ? <span class="tag tag-bad"> Critical</span> : null}
        {STATE_TAGS[q.state] ? <span class="tag"> {STATE_TAGS[q.state]}</span> : null}
        {q.override ? <span class="tag tag-special"> Overridden</span> : null}
        {open.length > 0 ? <span class="tag tag-warn"> Clarification asked</span> : null}
      </h4>
      <Notice message={a.notice?.questionId === q.questionId ? a.notice.message : undefined} />
      <div class="grid">
        <div>
          <p>
            <strong>Answer:</strong> {q.answer ?? <span class="muted">Not answered</span>}
          </p>
          {item.answer?.comment ? (
            <p class="pre-line">
              <em>Vendor's comment:</em> {item.answer.comment}
            </p>
          ) : null}
          <Files files={item.files} />
        </div>
        <Figures q={q} />
      </div>
      {q.override ? (
        <p class="notice notice-warn">
          {overriddenTo(q.override, item.weight)} (computed from the answer:{" "}
          {q.computedScore === null ? "none" : pointsText(pointsOf(q.computedScore, item.weight))}):{" "}
          <span class="pre-line">{q.override.comment}</span>
        </p>
      ) : null}
      <OpenFindings item={item} assessmentId={a.assessmentId} />
      {open.map((c) => (
        <p class="notice notice-warn">
          Asked the vendor in round {c.round} ({c.requestedBy}, {shortTime(c.requestedAt)}):{" "}
          <span class="pre-line">{c.message}</span>
        </p>
      ))}
      {answered.map((c) => (
        <p class="muted">
          Clarified in round {c.round} ({shortTime(c.answeredAt)}): {c.message}
        </p>
      ))}
      {item.comments.length > 0 ? (
        <ul class="plain-list">
          {item.comments.map((c) => (
            <li>
              <strong>{c.author}</strong> <span class="muted">{shortTime(c.createdAt)}</span>:{" "}
              <span class="pre-line">{c.body}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {a.canAct ? <QuestionActionsPanel item={item} a={a} /> : null}
    </article>
  );
}
