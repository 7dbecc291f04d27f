import type { Child } from "hono/jsx";
import {
  answerFieldName,
  evidenceExpiryFieldName,
  evidenceFileFieldName,
  evidenceKindFieldName,
} from "./questionnaire-answers-form.ts";
import {
  type Answer,
  type Answers,
  type EvidenceKind,
  NOT_APPLICABLE,
  type Question,
  type Section,
  type Template,
} from "./template-schema.ts";
import { computeVisibility, type Visibility } from "./visibility.ts";

/** How each evidence kind reads to a vendor. */
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  soc2_report: "SOC 2 report",
  iso27001_certificate: "ISO/IEC 27001 certificate",
  pentest_report: "Penetration test summary",
  policy_document: "Policy document",
  other: "Other document",
};

export interface QuestionnaireFormProps {
  template: Template;
  /** Answers given so far: they fill the controls and decide which conditional items are shown. */
  answers?: Readonly<Answers> | undefined;
  /** Render every control disabled (a read-only view of the answers). */
  disabled?: boolean | undefined;
  /** Prefix for element ids, so that two forms can share a page. */
  idPrefix?: string | undefined;
  /** Messages to show at questions, by question id (for example "Answer this question"). */
  errors?: Readonly<Record<string, string>> | undefined;
}

interface Ctx {
  p: string;
  answers: Readonly<Answers>;
  visibility: Visibility;
  disabled: boolean;
  errors: Readonly<Record<string, string>>;
}

function Lines(props: { text: string }) {
  const lines = props.text.split("\n");
  return <>{lines.flatMap((line, i) => (i === 0 ? [line] : [<br />, line]))}</>;
}

function RequiredMark(props: { question: Question }) {
  return props.question.required ? <span class="required"> (required)</span> : null;
}

/** The hint and error elements below a control, and the aria-describedby value pointing at them. */
function describe(question: Question, base: string, ctx: Ctx, extra?: string) {
  const error = ctx.errors[question.id];
  const ids = [question.help ? `${base}-help` : undefined, extra, error ? `${base}-error` : undefined].filter(
    (id): id is string => id !== undefined,
  );
  return {
    error,
    describedBy: ids.length > 0 ? ids.join(" ") : undefined,
    after: (
      <>
        {question.help ? (
          <small class="hint" id={`${base}-help`}>
            <Lines text={question.help} />
          </small>
        ) : null}
        {error ? (
          <small class="field-error" id={`${base}-error`}>
            <span class="visually-hidden">Error: </span>
            {error}
          </small>
        ) : null}
      </>
    ),
  };
}

function selected(answer: Answer | undefined, value: string): boolean {
  if (typeof answer === "string") return answer === value;
  if (Array.isArray(answer)) return answer.includes(value);
  return false;
}

function ChoiceQuestion(props: { question: Question; ctx: Ctx; base: string }) {
  const { question, ctx, base } = props;
  const multiple = question.type === "multiple_choice";
  const hidden = ctx.visibility.hiddenOptions.get(question.id);
  const choices: [string, string][] =
    question.type === "yes_no"
      ? [
          ["yes", question.labels?.yes ?? "Yes"],
          ["no", question.labels?.no ?? "No"],
        ]
      : (question.options ?? []).filter((o) => !hidden?.has(o.value)).map((o) => [o.value, o.label]);
  if (question.allowNotApplicable) choices.push([NOT_APPLICABLE, "Not applicable"]);
  const answer = ctx.answers[question.id];
  const { error, describedBy, after } = describe(question, base, ctx);
  return (
    <fieldset id={base} aria-describedby={describedBy} aria-invalid={error ? "true" : undefined}>
      <legend>
        <Lines text={question.text} />
        <RequiredMark question={question} />
      </legend>
      {multiple ? <small class="hint">Select all that apply.</small> : null}
      {choices.map(([value, label], i) => (
        <label for={`${base}-${i}`}>
          <input
            type={multiple ? "checkbox" : "radio"}
            id={`${base}-${i}`}
            name={answerFieldName(question.id)}
            value={value}
            checked={selected(answer, value)}
            required={!multiple && question.required}
            disabled={ctx.disabled}
          />
          {label}
        </label>
      ))}
      {after}
    </fieldset>
  );
}

function InputQuestion(props: { question: Question; ctx: Ctx; base: string }) {
  const { question, ctx, base } = props;
  const answer = ctx.answers[question.id];
  const value = typeof answer === "string" || typeof answer === "number" ? String(answer) : "";
  const unit = question.type === "number" ? question.number?.unit : undefined;
  const { error, describedBy, after } = describe(question, base, ctx, unit ? `${base}-unit` : undefined);
  const common = {
    id: base,
    name: answerFieldName(question.id),
    required: question.required,
    disabled: ctx.disabled,
    "aria-describedby": describedBy,
    "aria-invalid": error ? "true" : undefined,
  };
  return (
    <div class="question-field">
      <label for={base}>
        <Lines text={question.text} />
        <RequiredMark question={question} />
      </label>
      {question.type === "long_text" ? (
        <textarea {...common} rows={4}>
          {value}
        </textarea>
      ) : question.type === "number" ? (
        <input
          {...common}
          type="number"
          step="any"
          value={value}
          min={question.number?.min}
          max={question.number?.max}
        />
      ) : (
        <input {...common} type={question.type === "date" ? "date" : "text"} value={value} />
      )}
      {unit ? (
        <small class="hint" id={`${base}-unit`}>
          In {unit}.
        </small>
      ) : null}
      {after}
    </div>
  );
}

function EvidenceQuestion(props: { question: Question; ctx: Ctx; base: string }) {
  const { question, ctx, base } = props;
  const kinds = question.evidence?.kinds ?? [];
  const answer = ctx.answers[question.id];
  const attached = typeof answer === "object" && !Array.isArray(answer) ? answer : undefined;
  const { error, describedBy, after } = describe(question, base, ctx, `${base}-kinds`);
  return (
    <fieldset id={base} aria-describedby={describedBy} aria-invalid={error ? "true" : undefined}>
      <legend>
        <Lines text={question.text} />
        <RequiredMark question={question} />
      </legend>
      <small class="hint" id={`${base}-kinds`}>
        Accepted: {kinds.map((kind) => EVIDENCE_KIND_LABELS[kind]).join(", ")}.
        {attached && attached.fileIds.length > 0
          ? ` ${attached.fileIds.length} file${attached.fileIds.length === 1 ? "" : "s"} attached.`
          : ""}
      </small>
      <label for={`${base}-file`}>Document</label>
      <input
        type="file"
        id={`${base}-file`}
        name={evidenceFileFieldName(question.id)}
        required={question.required && !attached}
        disabled={ctx.disabled}
      />
      {kinds.length > 1 ? (
        <>
          <label for={`${base}-kind`}>Kind of document</label>
          <select id={`${base}-kind`} name={evidenceKindFieldName(question.id)} disabled={ctx.disabled}>
            {kinds.map((kind) => (
              <option value={kind}>{EVIDENCE_KIND_LABELS[kind]}</option>
            ))}
          </select>
        </>
      ) : null}
      {question.evidence?.expiry ? (
        <>
          <label for={`${base}-expires`}>Expiry date of the document</label>
          <input
            type="date"
            id={`${base}-expires`}
            name={evidenceExpiryFieldName(question.id)}
            value={attached?.expiresOn ?? ""}
            disabled={ctx.disabled}
          />
        </>
      ) : null}
      {question.allowNotApplicable ? (
        <label for={`${base}-na`}>
          <input
            type="checkbox"
            id={`${base}-na`}
            name={answerFieldName(question.id)}
            value={NOT_APPLICABLE}
            checked={answer === NOT_APPLICABLE}
            disabled={ctx.disabled}
          />
          Not applicable
        </label>
      ) : null}
      {after}
    </fieldset>
  );
}

function Notice(props: { question: Question; base: string }) {
  const { question, base } = props;
  // A notice with a finding is a warning (VSAQ's warning tips): the vendor sees it when it applies.
  return (
    <div id={base} role="note" class={question.finding ? "notice notice-error" : "notice"}>
      <p>
        <Lines text={question.text} />
      </p>
      {question.help ? (
        <p>
          <small>
            <Lines text={question.help} />
          </small>
        </p>
      ) : null}
    </div>
  );
}

function QuestionView(props: { question: Question; ctx: Ctx }): Child {
  const { question, ctx } = props;
  const base = `${ctx.p}q-${question.id}`;
  switch (question.type) {
    case "yes_no":
    case "single_choice":
    case "multiple_choice":
      return <ChoiceQuestion question={question} ctx={ctx} base={base} />;
    case "short_text":
    case "long_text":
    case "number":
    case "date":
      return <InputQuestion question={question} ctx={ctx} base={base} />;
    case "evidence":
      return <EvidenceQuestion question={question} ctx={ctx} base={base} />;
    case "notice":
      return <Notice question={question} base={base} />;
  }
}

function SectionView(props: { section: Section; ctx: Ctx }) {
  const { section, ctx } = props;
  const headingId = `${ctx.p}s-${section.id}`;
  return (
    <section class="questionnaire-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{section.title}</h2>
      {section.description ? (
        <p>
          <Lines text={section.description} />
        </p>
      ) : null}
      {section.questions
        .filter((question) => ctx.visibility.questions.has(question.id))
        .map((question) => (
          <QuestionView question={question} ctx={ctx} />
        ))}
    </section>
  );
}

/**
 * The questionnaire as a vendor sees it: the sections and questions shown for the given answers, as real form
 * controls. Conditional items are decided on the server, so it works without JavaScript; the caller supplies
 * the surrounding <form>, its CSRF field and buttons.
 */
export function QuestionnaireForm(props: QuestionnaireFormProps) {
  const answers = props.answers ?? {};
  const ctx: Ctx = {
    p: props.idPrefix ?? "",
    answers,
    visibility: computeVisibility(props.template, answers),
    disabled: props.disabled === true,
    errors: props.errors ?? {},
  };
  return (
    <>
      {props.template.sections
        .filter((section) => ctx.visibility.sections.has(section.id))
        .map((section) => (
          <SectionView section={section} ctx={ctx} />
        ))}
    </>
  );
}

/** How many answerable questions the given answers show and hide. */
export function countShownQuestions(
  template: Template,
  answers: Readonly<Answers>,
): { shown: number; hidden: number } {
  const visibility = computeVisibility(template, answers);
  let shown = 0;
  let hidden = 0;
  for (const section of template.sections)
    for (const question of section.questions) {
      if (question.type === "notice") continue;
      if (visibility.questions.has(question.id)) shown++;
      else hidden++;
    }
  return { shown, hidden };
}
