import type { EvidenceFileRow } from "../../db/schema.ts";
import { type Answer, NOT_APPLICABLE, type Question } from "../../questionnaires/template-schema.ts";
import type { StoredAnswer } from "../answer-store.ts";
import { answerToControlValues, describeAnswer, yesNoLabels } from "../answer-values.ts";
import { FileList, UploadControls } from "./evidence-controls.tsx";
import { formatMoment } from "./portal-layout.tsx";

/** What one question shows: the values in its controls and anything to tell the vendor about it. */
export interface QuestionState {
  question: Question;
  /** "1.3": the number the reviewer's page and emails use for this question. */
  number?: string | undefined;
  stored: StoredAnswer;
  visible: boolean;
  hiddenOptions: ReadonlySet<string>;
  /** The strings the controls hold (the stored answer, or what was sent when it could not be saved). */
  values: string[];
  comment: string;
  base: string;
  files: EvidenceFileRow[];
  error?: string | undefined;
  uploadError?: string | undefined;
  conflict?:
    | { theirs: StoredAnswer; mine: { value: Answer | null | undefined; comment: string | null } }
    | undefined;
  /** While a clarification is open: true for questions the vendor may not change. */
  locked?: boolean | undefined;
  /** The reviewer's messages when this question was asked about in the open clarification. */
  asked?: string[] | undefined;
}

/** The reviewer's question beside an answer they asked the vendor to clarify. */
export function ClarificationAsk(props: { questionId: string; messages: string[] | undefined }) {
  if (!props.messages || props.messages.length === 0) return null;
  return (
    <div class="notice clarification-ask" id={`ask-${props.questionId}`}>
      <p>
        <strong>Please clarify this answer.</strong> The reviewer asks:
      </p>
      {props.messages.map((m) => (
        <blockquote class="sender-message">{m}</blockquote>
      ))}
    </div>
  );
}

/** The question's number before its text, so the vendor and the reviewer can both say "question 1.3". */
function Numbered(props: { state: QuestionState }) {
  const { number, question } = props.state;
  return (
    <>
      {number ? <span class="q-number">{number}</span> : null}
      {number ? " " : null}
      {question.text}
    </>
  );
}

function Required(props: { question: Question }) {
  return props.question.required ? <span class="required"> (required)</span> : null;
}

function describedBy(state: QuestionState): string | undefined {
  const ids = [
    state.question.help ? `h-${state.question.id}` : "",
    state.error ? `e-${state.question.id}` : "",
  ];
  const joined = ids.filter(Boolean).join(" ");
  return joined || undefined;
}

function Help(props: { question: Question }) {
  return props.question.help ? (
    <small class="hint" id={`h-${props.question.id}`}>
      {props.question.help}
    </small>
  ) : null;
}

function ErrorText(props: { state: QuestionState }) {
  return props.state.error ? (
    <small class="field-error" id={`e-${props.state.question.id}`}>
      <span class="visually-hidden">Error: </span>
      {props.state.error}
    </small>
  ) : null;
}

function choicesOf(question: Question): { value: string; label: string }[] {
  if (question.type === "yes_no") {
    const labels = yesNoLabels(question);
    return [
      { value: "yes", label: labels.yes },
      { value: "no", label: labels.no },
      ...(question.allowNotApplicable ? [{ value: NOT_APPLICABLE, label: "Not applicable" }] : []),
    ];
  }
  return [
    ...(question.options ?? []).map((o) => ({ value: o.value, label: o.label })),
    ...(question.allowNotApplicable ? [{ value: NOT_APPLICABLE, label: "Not applicable" }] : []),
  ];
}

function ChoiceControls(props: { state: QuestionState }) {
  const { state } = props;
  const { question } = state;
  const type = question.type === "multiple_choice" ? "checkbox" : "radio";
  return (
    <fieldset aria-describedby={describedBy(state)} aria-invalid={state.error ? "true" : undefined}>
      <legend>
        <Numbered state={state} />
        <Required question={question} />
      </legend>
      <Help question={question} />
      <ErrorText state={state} />
      {choicesOf(question).map((choice, i) => (
        <label
          for={`a-${question.id}-${i}`}
          data-option={choice.value}
          hidden={state.hiddenOptions.has(choice.value)}
        >
          <input
            type={type}
            id={`a-${question.id}-${i}`}
            name={`a.${question.id}`}
            value={choice.value}
            checked={state.values.includes(choice.value)}
          />
          {choice.label}
        </label>
      ))}
    </fieldset>
  );
}

function TextControl(props: { state: QuestionState }) {
  const { state } = props;
  const { question } = state;
  const id = `a-${question.id}`;
  const common = {
    id,
    name: `a.${question.id}`,
    "aria-describedby": describedBy(state),
    "aria-invalid": state.error ? "true" : undefined,
    "aria-required": question.required ? "true" : undefined,
  };
  const value = state.values[0] ?? "";
  return (
    <>
      <label for={id}>
        <Numbered state={state} />
        <Required question={question} />
        {question.type === "number" && question.number?.unit ? (
          <span class="muted"> (in {question.number.unit})</span>
        ) : null}
      </label>
      <Help question={question} />
      <ErrorText state={state} />
      {question.type === "long_text" ? (
        <textarea {...common} rows={4}>
          {value}
        </textarea>
      ) : question.type === "number" ? (
        <input {...common} type="text" inputmode="decimal" value={value} autocomplete="off" />
      ) : question.type === "date" ? (
        <input {...common} type="date" value={value} />
      ) : (
        <input {...common} type="text" value={value} autocomplete="off" />
      )}
    </>
  );
}

function EvidenceControls(props: { state: QuestionState; editable: boolean }) {
  const { state } = props;
  const { question } = state;
  return (
    <fieldset aria-describedby={describedBy(state)}>
      <legend>
        <Numbered state={state} />
        <Required question={question} />
      </legend>
      <Help question={question} />
      <ErrorText state={state} />
      {state.files.length === 0 ? <p class="muted">No file uploaded yet.</p> : null}
      <FileList files={state.files} editable={props.editable} />
      {props.editable ? <UploadControls question={question} error={state.uploadError} /> : null}
    </fieldset>
  );
}

function ConflictNotice(props: { state: QuestionState }) {
  const { state } = props;
  const conflict = state.conflict;
  if (!conflict) return null;
  const { question } = state;
  const by = conflict.theirs.updatedBy?.replace(/ \(vendor link\)$/, "") ?? "someone else";
  return (
    <div class="conflict" role="alert">
      <p>
        <strong>Someone else changed this answer while you were working.</strong> {by} saved it
        {conflict.theirs.updatedAt ? ` on ${formatMoment(conflict.theirs.updatedAt)}` : ""}. Their answer is
        kept and now shown below; yours was not saved.
      </p>
      <dl>
        <dt>Their answer</dt>
        <dd>
          {describeAnswer(question, conflict.theirs.value)}
          {conflict.theirs.comment ? ` — comment: ${conflict.theirs.comment}` : ""}
        </dd>
        <dt>Your answer</dt>
        <dd>
          {conflict.mine.value === undefined
            ? describeAnswer(question, conflict.theirs.value)
            : describeAnswer(question, conflict.mine.value)}
          {conflict.mine.comment ? ` — comment: ${conflict.mine.comment}` : ""}
        </dd>
      </dl>
      <p>
        Keep theirs by doing nothing, or{" "}
        <button type="submit" form={`mine-${question.id}`} class="secondary">
          Use my answer instead
        </button>
      </p>
    </div>
  );
}

/** The form for "Use my answer instead": the vendor's own values, saved over the answer they have now seen. */
export function KeepMineForm(props: { state: QuestionState; action: string; csrfToken: string }) {
  const { state } = props;
  if (!state.conflict) return null;
  const { mine } = state.conflict;
  const qid = state.question.id;
  return (
    <form id={`mine-${qid}`} method="post" action={props.action}>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <input type="hidden" name={`base.${qid}`} value={state.base} />
      {mine.value === undefined
        ? null
        : answerToControlValues(mine.value).map((v) => <input type="hidden" name={`a.${qid}`} value={v} />)}
      {mine.value === null ? <input type="hidden" name={`a.${qid}`} value="" /> : null}
      <input type="hidden" name={`c.${qid}`} value={mine.comment ?? ""} />
    </form>
  );
}

/** One question with its controls, help, required mark, comment box and attachments. */
export function QuestionField(props: { state: QuestionState; editable: boolean }) {
  const { state, editable } = props;
  const { question } = state;
  const qid = question.id;
  if (question.type === "notice") {
    return (
      <div class="question notice-item" id={`q-${qid}`} data-question={qid} hidden={!state.visible}>
        <p>{question.text}</p>
        {question.help ? <p class="muted">{question.help}</p> : null}
      </div>
    );
  }
  const choice =
    question.type === "yes_no" || question.type === "single_choice" || question.type === "multiple_choice";
  const hasComment = state.comment.trim() !== "";
  return (
    <div
      class={`question${state.error ? " has-error" : ""}`}
      id={`q-${qid}`}
      data-question={qid}
      data-type={question.type}
      hidden={!state.visible}
    >
      <ClarificationAsk questionId={qid} messages={state.asked} />
      <ConflictNotice state={state} />
      {question.type === "evidence" ? (
        <EvidenceControls state={state} editable={editable} />
      ) : choice ? (
        <ChoiceControls state={state} />
      ) : (
        <TextControl state={state} />
      )}
      <input type="hidden" name={`base.${qid}`} value={state.base} />
      <details class="comment" open={hasComment}>
        <summary>{hasComment ? "Your comment" : "Add a comment"}</summary>
        <label for={`c-${qid}`}>
          Comment on this answer (optional)<span class="visually-hidden">: {question.text}</span>
        </label>
        <textarea id={`c-${qid}`} name={`c.${qid}`} rows={2}>
          {state.comment}
        </textarea>
      </details>
      {question.type !== "evidence" && editable ? (
        <details class="attach" open={state.files.length > 0 || state.uploadError !== undefined}>
          <summary>
            {state.files.length > 0 ? `Attached files (${state.files.length})` : "Attach a file"}
          </summary>
          <FileList files={state.files} editable={editable} />
          <UploadControls question={question} error={state.uploadError} />
        </details>
      ) : null}
      <small class="save-state" data-save-state={qid} />
    </div>
  );
}
