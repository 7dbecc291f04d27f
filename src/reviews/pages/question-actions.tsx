import type { AssessmentDetail } from "../../assessments/assessment-schemas.ts";
import { shortTime } from "../../assessments/pages/assessment-tags.tsx";
import type { Principal } from "../../http/hono-env.ts";
import type { FieldIssue } from "../../shared/errors.ts";
import {
  ErrorSummary,
  errorFor,
  FieldError,
  fieldId,
  SelectField,
  TextField,
} from "../../web/form-fields.tsx";
import { CsrfField } from "../../web/layout.tsx";
import type { AssessmentComment, Clarification } from "../review-schemas.ts";
import { askField, messageField, type ReviewPageState } from "./review-forms.ts";
import { figure } from "./review-summary.tsx";

type QuestionScore = NonNullable<AssessmentDetail["score"]>["sections"][number]["questions"][number];
type Evidence = AssessmentDetail["evidence"][number];
type Answer = AssessmentDetail["answers"][string];
type Finding = AssessmentDetail["findings"][number];

/** Everything the page shows about one question, gathered once for the whole page. */
export interface QuestionItem {
  number: string;
  score: QuestionScore;
  /** The question's weight in the template (the score shows 0 when it leaves the denominator). */
  weight: number;
  answer: Answer | undefined;
  files: Evidence[];
  comments: AssessmentComment[];
  clarifications: Clarification[];
  /** Findings about this question still waiting for work (open or remediation planned). */
  openFindings: Finding[];
}

/** What every question's actions need from the page. */
export interface QuestionActions {
  assessmentId: string;
  vendorId: string;
  principal: Principal | undefined;
  /** Override, comment and ask: a privacy or admin user while the assessment is submitted. */
  canAct: boolean;
  state: ReviewPageState | undefined;
  /** The confirmation of an action on one question, shown in that question's block. */
  notice?: { questionId: string; message: string } | undefined;
}

/** The override form's issues are kept by field name; on the page each field carries the question. */
function scoped(issues: readonly FieldIssue[] | undefined, prefix: string): FieldIssue[] {
  return (issues ?? []).map((i) => ({ ...i, path: `${prefix}.${i.path}` }));
}

/** A 0..1 score as points out of the weight, as the reviewer typed it (1/3 of 3 is 1, not 0.999...). */
export function pointsOf(score: number, weight: number): number {
  return Number((score * weight).toFixed(6));
}

/** "1 point", "0.5 points". */
export function pointsText(points: number): string {
  const shown = figure(points);
  return `${shown} point${shown === "1" ? "" : "s"}`;
}

/** "Overridden to 2 points by rita@... on 2026-03-02 09:00 UTC": who changed the score to what, and when. */
export function overriddenTo(override: NonNullable<QuestionScore["override"]>, weight: number): string {
  return `Overridden to ${pointsText(pointsOf(override.score, weight))} by ${override.by} on ${shortTime(override.at)}`;
}

/** The form starts from the override in force, so changing it means editing it, not typing it again. */
function overrideValues(item: QuestionItem): Record<string, string> {
  const current = item.score.override;
  if (!current) return {};
  return item.weight > 0
    ? { score: String(pointsOf(current.score, item.weight)), scale: "points", comment: current.comment }
    : { score: String(current.score), scale: "fraction", comment: current.comment };
}

function OverrideForm(props: { item: QuestionItem; a: QuestionActions }) {
  const { item, a } = props;
  const id = item.score.questionId;
  const current = item.score.override;
  const prefix = `override.${id}`;
  const mine = a.state?.form === "override" && a.state.questionId === id ? a.state : undefined;
  const values = mine?.values ?? overrideValues(item);
  const issues = scoped(mine?.issues, prefix);
  const base = `/assessments/${a.assessmentId}/review/overrides/${encodeURIComponent(id)}`;
  const action = current ? "Change the override" : "Override the score";
  return (
    <>
      <form method="post" action={base}>
        <h5>{action}</h5>
        {current ? (
          <p class="override-current">
            {overriddenTo(current, item.weight)}: <span class="pre-line">{current.comment}</span>
          </p>
        ) : null}
        <ErrorSummary
          issues={issues}
          labels={{ [`${prefix}.score`]: "New score", [`${prefix}.comment`]: "Reason for the override" }}
        />
        <CsrfField principal={a.principal} />
        <div class="grid">
          <TextField
            path={`${prefix}.score`}
            name="score"
            label="New score"
            value={values.score ?? ""}
            issues={issues}
            required
          />
          <SelectField
            path={`${prefix}.scale`}
            name="scale"
            label="Given as"
            value={values.scale ?? "points"}
            options={[
              ["points", `Points out of ${figure(item.weight)}`],
              ["fraction", "A fraction of full marks, 0 to 1"],
            ]}
          />
        </div>
        <TextField
          path={`${prefix}.comment`}
          name="comment"
          label="Reason for the override"
          value={values.comment ?? ""}
          issues={issues}
          multiline
          required
        />
        <button type="submit" class="secondary">
          {action}
          <span class="visually-hidden"> of question {item.number}</span>
        </button>
      </form>
      {current ? (
        <form method="post" action={`${base}/delete`}>
          <CsrfField principal={a.principal} />
          <button type="submit" class="secondary outline">
            Remove the override<span class="visually-hidden"> of question {item.number}</span>
          </button>
        </form>
      ) : null}
    </>
  );
}

/** A comment form: on one question, or (no item) on the whole assessment. */
export function CommentForm(props: { item?: QuestionItem; a: QuestionActions }) {
  const { item, a } = props;
  const id = item?.score.questionId;
  const prefix = id ? `comment.${id}` : "comment";
  const mine = a.state?.form === "comment" && a.state.questionId === id ? a.state : undefined;
  const issues = scoped(
    mine?.issues?.filter((i) => i.path !== "questionId"),
    prefix,
  );
  return (
    <form method="post" action={`/assessments/${a.assessmentId}/review/comments`}>
      <ErrorSummary issues={issues} labels={{ [`${prefix}.body`]: "Comment" }} />
      <CsrfField principal={a.principal} />
      {id ? <input type="hidden" name="questionId" value={id} /> : null}
      <TextField
        path={`${prefix}.body`}
        name="body"
        label={id ? "Comment on this question" : "Comment on the assessment"}
        value={mine?.values.body ?? ""}
        issues={issues}
        hint={id ? undefined : "Staff only; the vendor never sees it."}
        multiline
        required
      />
      <button type="submit" class="secondary">
        Add comment{item ? <span class="visually-hidden"> on question {item.number}</span> : null}
      </button>
    </form>
  );
}

/** The tick box and message of one question; they belong to the page's single clarification form. */
function AskControls(props: { item: QuestionItem; state: ReviewPageState | undefined }) {
  const id = props.item.score.questionId;
  const clarify = props.state?.form === "clarify" ? props.state : undefined;
  const boxId = fieldId(askField(id));
  const msgId = fieldId(messageField(id));
  const error = errorFor(clarify?.issues, messageField(id)) ?? errorFor(clarify?.issues, askField(id));
  return (
    <fieldset>
      <legend>Clarification</legend>
      <label for={boxId}>
        <input
          id={boxId}
          type="checkbox"
          name="ask"
          value={id}
          form="clarify-form"
          checked={clarify?.ticked?.includes(id) ?? false}
        />
        Ask the vendor to clarify this answer
      </label>
      <label for={msgId}>Message to the vendor</label>
      <textarea
        id={msgId}
        name={messageField(id)}
        form="clarify-form"
        rows={2}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${msgId}-error` : undefined}
      >
        {clarify?.values[messageField(id)] ?? ""}
      </textarea>
      <FieldError id={`${msgId}-error`} message={error} />
    </fieldset>
  );
}

function isOpenFor(item: QuestionItem, state: ReviewPageState | undefined): boolean {
  if (!state) return false;
  const id = item.score.questionId;
  if (state.form === "clarify")
    return (state.ticked ?? []).includes(id) || state.values[messageField(id)] !== undefined;
  return state.questionId === id && (state.form === "override" || state.form === "comment");
}

export function QuestionActionsPanel(props: { item: QuestionItem; a: QuestionActions }) {
  const { item, a } = props;
  const q = item.score;
  const overridable = q.state !== "hidden" && q.state !== "unscored" && item.weight > 0;
  const finding = new URLSearchParams({
    vendorId: a.vendorId,
    assessmentId: a.assessmentId,
    questionId: q.questionId,
    returnTo: `/assessments/${a.assessmentId}/review#q-${q.questionId}`,
  });
  return (
    <details open={isOpenFor(item, a.state)}>
      <summary>
        Review actions<span class="visually-hidden"> for question {item.number}</span>
      </summary>
      {overridable ? <OverrideForm item={item} a={a} /> : null}
      <CommentForm item={item} a={a} />
      <AskControls item={item} state={a.state} />
      <p>
        <a href={`/findings/new?${finding.toString()}`}>
          {item.openFindings.length > 0
            ? "Add another finding about this question"
            : "Add a finding about this question"}
          <span class="visually-hidden"> ({item.number})</span>
        </a>
      </p>
    </details>
  );
}
