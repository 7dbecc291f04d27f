import { raw } from "hono/html";
import type { EvidenceFileRow } from "../../db/schema.ts";
import type { Question, Section } from "../../questionnaires/template-schema.ts";
import type { StoredAnswer } from "../answer-store.ts";
import { describeAnswer } from "../answer-values.ts";
import type { ClientModel } from "../client-model.ts";
import { jsonForScript } from "../client-model.ts";
import type { PortalAssessment } from "../portal-data.ts";
import type { PortalVisitor } from "../portal-env.ts";
import type { Progress } from "../progress.ts";
import { EvidenceForms, FileList } from "./evidence-controls.tsx";
import { ErrorSummary, PortalLayout } from "./portal-layout.tsx";
import { ClarificationAsk, KeepMineForm, QuestionField, type QuestionState } from "./question-field.tsx";

export interface SectionPageProps {
  portal: PortalAssessment;
  visitor: PortalVisitor;
  section: Section;
  progress: Progress;
  states: QuestionState[];
  editable: boolean;
  model: ClientModel;
  notice?: string | undefined;
  /** A clarification is open: only the asked questions (and their follow-ups) can be changed. */
  clarifying?: boolean | undefined;
}

function ReadOnlyQuestion(props: {
  question: Question;
  stored: StoredAnswer | undefined;
  files: EvidenceFileRow[];
  asked?: string[] | undefined;
}) {
  const { question, stored } = props;
  if (question.type === "notice") return <p class="muted">{question.text}</p>;
  return (
    <div class="question read-only" id={`q-${question.id}`}>
      <ClarificationAsk questionId={question.id} messages={props.asked} />
      <p class="question-text">{question.text}</p>
      <p>
        <strong>
          {question.type === "evidence" ? "Files" : describeAnswer(question, stored?.value ?? null)}
        </strong>
      </p>
      <FileList files={props.files} editable={false} />
      {stored?.comment ? <p class="muted">Comment: {stored.comment}</p> : null}
    </div>
  );
}

function SectionNav(props: { progress: Progress; sectionId: string }) {
  const visible = props.progress.sections.filter((s) => s.visible);
  const at = visible.findIndex((s) => s.id === props.sectionId);
  const prev = at > 0 ? visible[at - 1] : undefined;
  const next = at >= 0 ? visible[at + 1] : undefined;
  return (
    <nav aria-label="Sections" class="section-nav">
      <ul>
        <li>{prev ? <a href={`/portal/assessment/sections/${prev.id}`}>← {prev.title}</a> : null}</li>
      </ul>
      <ul>
        <li>
          <a href="/portal/assessment">Overview</a>
        </li>
        <li>{next ? <a href={`/portal/assessment/sections/${next.id}`}>{next.title} →</a> : null}</li>
      </ul>
    </nav>
  );
}

/** The next visible section after this one, for "Save and continue". */
export function nextSectionId(progress: Progress, sectionId: string): string | undefined {
  const visible = progress.sections.filter((s) => s.visible);
  const at = visible.findIndex((s) => s.id === sectionId);
  return at >= 0 ? visible[at + 1]?.id : undefined;
}

export function SectionPage(props: SectionPageProps) {
  const { portal, visitor, section, progress, states, editable } = props;
  const open = states.filter((s) => !s.locked);
  const sectionProgress = progress.sections.find((s) => s.id === section.id);
  const sectionVisible = sectionProgress?.visible ?? false;
  const action = `/portal/assessment/sections/${section.id}`;
  const problems = states
    .filter((s) => s.error || s.uploadError)
    .map((s) => ({
      href: s.error
        ? `#a-${s.question.id}${["yes_no", "single_choice", "multiple_choice"].includes(s.question.type) ? "-0" : ""}`
        : `#up-file-${s.question.id}`,
      message: `${s.question.text}: ${s.error ?? s.uploadError}`,
    }));
  const conflicts = states.filter((s) => s.conflict).length;
  const next = nextSectionId(progress, section.id);
  const stored = new Map(states.map((s) => [s.question.id, s]));
  return (
    <PortalLayout
      title={section.title}
      organisation={portal.organisation}
      csrfToken={visitor.csrfToken}
      script={editable}
    >
      <p>
        <a href="/portal/assessment">← {portal.template.title}: overview</a>
      </p>
      <ErrorSummary problems={problems} />
      {conflicts > 0 ? (
        <p class="notice notice-error" role="alert">
          {conflicts === 1 ? "One answer was" : `${conflicts} answers were`} changed by someone else while you
          were working. Look for the notice below, then keep their answer or use yours.
        </p>
      ) : null}
      {props.notice ? (
        <p class="notice notice-ok" role="status">
          {props.notice}
        </p>
      ) : null}
      <h1>{section.title}</h1>
      {section.description ? <p>{section.description}</p> : null}
      {props.clarifying ? (
        <p class="notice" role="status" id="clarification-note">
          {portal.organisation} asked you to clarify some answers.{" "}
          {open.some((s) => s.question.type !== "notice" && s.visible)
            ? "You can change the questions marked below; the other answers stay as you submitted them."
            : "Nothing in this section was asked about; its answers stay as you submitted them."}
        </p>
      ) : null}
      {sectionProgress && sectionProgress.requiredTotal > 0 ? (
        <p class="muted" id="section-progress">
          {sectionProgress.requiredAnswered} of {sectionProgress.requiredTotal} required questions in this
          section answered.
        </p>
      ) : null}
      {!sectionVisible ? (
        <p class="notice" role="status" id="section-hidden-note">
          Your earlier answers mean this section does not apply. You do not need to answer it.
        </p>
      ) : null}
      {editable ? (
        <>
          <script type="application/json" id="portal-model">
            {raw(jsonForScript(props.model))}
          </script>
          <form
            method="post"
            action={action}
            class="answers-form"
            novalidate
            data-section={section.id}
            hidden={!sectionVisible}
          >
            <input type="hidden" name="_csrf" value={visitor.csrfToken} />
            {states.map((state) =>
              state.locked ? (
                state.visible ? (
                  <ReadOnlyQuestion question={state.question} stored={state.stored} files={state.files} />
                ) : null
              ) : (
                <QuestionField state={state} editable={editable} />
              ),
            )}
            <div class="form-actions">
              <button type="submit" name="go" value="stay">
                Save section
              </button>
              <button type="submit" name="go" value={next ? "next" : "overview"} class="secondary">
                {next ? "Save and go to the next section" : "Save and return to the overview"}
              </button>
              <p id="autosave-status" role="status" class="muted" />
            </div>
          </form>
          <EvidenceForms
            csrfToken={visitor.csrfToken}
            sectionId={section.id}
            questions={open.map((s) => s.question).filter((q) => q.type !== "notice")}
            files={open.flatMap((s) => s.files)}
          />
          {states.map((state) => (
            <KeepMineForm state={state} action={action} csrfToken={visitor.csrfToken} />
          ))}
        </>
      ) : (
        section.questions
          .filter((q) => progress.visibility.questions.has(q.id))
          .map((q) => (
            <ReadOnlyQuestion
              question={q}
              stored={stored.get(q.id)?.stored}
              files={stored.get(q.id)?.files ?? []}
            />
          ))
      )}
      <SectionNav progress={progress} sectionId={section.id} />
    </PortalLayout>
  );
}
