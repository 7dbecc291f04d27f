import type { AssessmentDetail } from "../../assessments/assessment-schemas.ts";
import { shortTime } from "../../assessments/pages/assessment-tags.tsx";
import { ACTIVE_STATUSES } from "../../findings/finding-lifecycle.ts";
import type { Principal } from "../../http/hono-env.ts";
import { numberQuestions } from "../../questionnaires/question-numbers.ts";
import type { Template } from "../../questionnaires/template-schema.ts";
import { ErrorSummary } from "../../web/form-fields.tsx";
import { CsrfField } from "../../web/layout.tsx";
import type { QuestionActions, QuestionItem } from "./question-actions.tsx";
import { QuestionReview } from "./question-review.tsx";
import { askField, messageField, type ReviewPageState } from "./review-forms.ts";
import { figure } from "./review-summary.tsx";

type Score = NonNullable<AssessmentDetail["score"]>;
type Finding = AssessmentDetail["findings"][number];

function groupBy<T>(list: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    if (k === null) continue;
    const bucket = out.get(k);
    if (bucket) bucket.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const stillOpen = (f: Finding) => (ACTIVE_STATUSES as readonly string[]).includes(f.status);

/**
 * The breakdown as the page lists it: shown sections, their shown questions with the numbers of
 * numberQuestions (the numbers vendors are told), and the numbers of the questions left out.
 */
export function buildSections(detail: AssessmentDetail, template: Template, score: Score) {
  const weights = new Map(
    template.sections.flatMap((s) => s.questions.map((q) => [q.id, q.weight] as const)),
  );
  const numbers = numberQuestions(template);
  const files = groupBy(detail.evidence, (f) => f.question);
  const comments = groupBy(detail.comments, (c) => c.questionId);
  const clarifications = groupBy(detail.clarifications, (c) => c.questionId);
  const findings = groupBy(detail.findings.filter(stillOpen), (f) => f.questionId);
  return score.sections.map((section, si) => {
    const items: QuestionItem[] = [];
    const hidden: string[] = [];
    section.questions
      .filter((q) => q.type !== "notice")
      .forEach((q, qi) => {
        // The template the score was computed from numbers every question; the place is the same scheme.
        const number = numbers.get(q.questionId) ?? `${si + 1}.${qi + 1}`;
        if (q.state === "hidden") {
          hidden.push(number);
          return;
        }
        items.push({
          number,
          score: q,
          weight: weights.get(q.questionId) ?? q.weight,
          answer: detail.answers[q.questionId],
          files: files.get(q.questionId) ?? [],
          comments: comments.get(q.questionId) ?? [],
          clarifications: clarifications.get(q.questionId) ?? [],
          openFindings: findings.get(q.questionId) ?? [],
        });
      });
    return { section, number: si + 1, items, hidden };
  });
}

export type BreakdownSections = ReturnType<typeof buildSections>;

/** "Question 1.3 was" / "Questions 1.3 and 1.5 were": the left-out questions by the numbers the gap skips. */
function leftOut(numbers: readonly string[]): string {
  if (numbers.length === 1) return `Question ${numbers[0]} was`;
  return `Questions ${numbers.slice(0, -1).join(", ")} and ${numbers.at(-1)} were`;
}

export function Breakdown(props: { sections: BreakdownSections; a: QuestionActions }) {
  const shown = props.sections.filter((s) => s.section.visible);
  const notShown = props.sections.filter((s) => !s.section.visible);
  return (
    <>
      {shown.map(({ section, number, items, hidden }) => (
        <section aria-labelledby={`sec-${section.sectionId}`}>
          <h3 id={`sec-${section.sectionId}`}>
            {number}. {section.title}
          </h3>
          <p>
            Section score:{" "}
            <strong>{section.score === null ? "not scored" : `${figure(section.score)} / 100`}</strong>,
            weight {figure(section.weight)}, points {figure(section.points)} of {figure(section.maxPoints)}.
          </p>
          {items.map((item) => (
            <QuestionReview item={item} a={props.a} />
          ))}
          {hidden.length > 0 ? (
            <p class="muted">
              {leftOut(hidden)} not shown to the vendor for these answers and{" "}
              {hidden.length === 1 ? "is" : "are"} left out of the score.
            </p>
          ) : null}
        </section>
      ))}
      {notShown.length > 0 ? (
        <p class="muted">
          Sections not shown to the vendor for these answers, left out of the score:{" "}
          {notShown.map((s) => `${s.number}. ${s.section.title}`).join(", ")}.
        </p>
      ) : null}
    </>
  );
}

/** The one form that sends every ticked question back to the vendor. */
export function ClarifyForm(props: {
  assessmentId: string;
  principal: Principal | undefined;
  state: ReviewPageState | undefined;
  sections: BreakdownSections;
}) {
  const mine = props.state?.form === "clarify" ? props.state : undefined;
  const labels: Record<string, string> = { ask: "Questions to clarify" };
  for (const { items } of props.sections)
    for (const item of items) {
      labels[messageField(item.score.questionId)] = `Message for question ${item.number}`;
      labels[askField(item.score.questionId)] = `Question ${item.number}`;
    }
  return (
    <section aria-labelledby="clarify-title">
      <h2 id="clarify-title">Ask the vendor to clarify</h2>
      <form
        method="post"
        action={`/assessments/${props.assessmentId}/review/clarifications`}
        id="clarify-form"
      >
        <ErrorSummary issues={mine?.issues} labels={labels} />
        <CsrfField principal={props.principal} />
        <p id="f-ask">
          Tick "Ask the vendor to clarify this answer" under each question you want to send back, with a
          message for each. The vendor gets an email with a link, can change only those answers (and follow-up
          questions they bring up), and submits again. Until then the review cannot be completed.
        </p>
        <button type="submit" class="secondary">
          Send clarification request
        </button>
      </form>
    </section>
  );
}

export function ClarificationHistory(props: { detail: AssessmentDetail; sections: BreakdownSections }) {
  const numbers = new Map(props.sections.flatMap((s) => s.items.map((i) => [i.score.questionId, i.number])));
  return (
    <section aria-labelledby="clarifications-title">
      <h2 id="clarifications-title">Clarification requests</h2>
      <ul>
        {props.detail.clarifications.map((c) => (
          <li>
            Round {c.round}, {shortTime(c.requestedAt)} by {c.requestedBy}:{" "}
            <a href={`#q-${c.questionId}`}>
              {numbers.get(c.questionId) ?? ""} {c.question ?? c.questionId}
            </a>
            : <span class="pre-line">{c.message}</span>{" "}
            {c.answeredAt ? (
              <span class="tag tag-good">Answered {shortTime(c.answeredAt)}</span>
            ) : (
              <span class="tag tag-warn">Waiting for the vendor</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
