import { ACCEPTED_FORMATS_TEXT, MAX_EVIDENCE_TEXT } from "../../evidence/evidence-types.ts";
import { numberQuestions } from "../../questionnaires/question-numbers.ts";
import type { ClarificationState } from "../portal-clarification.ts";
import { isEditable, type PortalAssessment, questionIndex } from "../portal-data.ts";
import type { PortalVisitor } from "../portal-env.ts";
import { type Progress, type SectionProgress, sectionState } from "../progress.ts";
import { formatDay, formatMoment, PortalLayout } from "./portal-layout.tsx";
import { PrefillForm } from "./prefill-page.tsx";

const STATE_TEXT = {
  complete: ["Complete", "tag-good"],
  started: ["In progress", ""],
  not_started: ["Not started", ""],
  optional: ["Optional", ""],
  not_needed: ["Not needed", ""],
} as const;

function SectionRow(props: { section: SectionProgress; index: number }) {
  const { section } = props;
  const state = sectionState(section);
  const [label, tagClass] = STATE_TEXT[state];
  const detail =
    state === "not_needed"
      ? "Your earlier answers mean this section does not apply."
      : section.requiredTotal > 0
        ? `${section.requiredAnswered} of ${section.requiredTotal} required questions answered`
        : `${section.answered} of ${section.total} questions answered (none required)`;
  return (
    <li class="section-row">
      {state === "not_needed" ? (
        <span class="muted">{section.title}</span>
      ) : (
        <a href={`/portal/assessment/sections/${section.id}`}>{section.title}</a>
      )}{" "}
      <span class={`tag ${tagClass}`}>{label}</span>
      <br />
      <small class="muted">{detail}</small>
    </li>
  );
}

function Protection(props: { organisation: string; linkExpiresAt: string }) {
  const org = props.organisation;
  return (
    <section aria-labelledby="protection-title">
      <h2 id="protection-title">How your answers and files are used and protected</h2>
      <ul>
        <li>
          {org} uses your answers to understand how the data and systems it shares with you are protected, to
          agree any improvements with you, and to prepare the data processing agreement between you.
        </li>
        <li>
          Answers are saved as a draft while you work. {org} can follow your progress, but treats the answers
          as your response only once you submit them.
        </li>
        <li>
          Files must be {ACCEPTED_FORMATS_TEXT}, up to {MAX_EVIDENCE_TEXT} each. We check each file's content,
          store it privately under a random name with a checksum, and only ever offer it as a download — to
          you through your link, and to {org}'s staff.
        </li>
        <li>
          Your link is personal: it opens this questionnaire and nothing else, stops working on{" "}
          {formatDay(props.linkExpiresAt)}, and {org} can withdraw it. Please do not forward it; ask {org} to
          invite a colleague instead.
        </li>
        <li>
          Every change is recorded with your name and the time, so both sides can see who answered what.
        </li>
      </ul>
    </section>
  );
}

/** The banner of an open clarification: what the reviewer asks, with a link to each question. */
function ClarificationBanner(props: { portal: PortalAssessment; clarification: ClarificationState }) {
  const index = questionIndex(props.portal.template);
  const numbers = numberQuestions(props.portal.template);
  const asked = [...props.clarification.messages.entries()];
  return (
    <section class="notice clarification-banner" aria-labelledby="clarify-title" id="clarification">
      <h2 id="clarify-title">
        {props.portal.organisation} asks you to clarify{" "}
        {asked.length === 1 ? "one answer" : `${asked.length} answers`}
      </h2>
      <p>
        Change the answers below if needed (or add a comment explaining them), then submit the questionnaire
        again. Only these answers, and any follow-up questions they bring up, can be changed; the rest stay as
        you submitted them.
      </p>
      <ul>
        {asked.map(([questionId, messages]) => {
          const found = index.get(questionId);
          const number = numbers.get(questionId);
          return (
            <li>
              {found ? (
                <a href={`/portal/assessment/sections/${found.section.id}#q-${questionId}`}>
                  {number ? `Question ${number}: ` : ""}
                  {found.question.text}
                </a>
              ) : (
                questionId
              )}
              {messages.map((m) => (
                <blockquote class="sender-message">{m}</blockquote>
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function LandingPage(props: {
  portal: PortalAssessment;
  visitor: PortalVisitor;
  progress: Progress;
  today: string;
  notice?: string | undefined;
  prefillError?: string | undefined;
  clarification?: ClarificationState | undefined;
}) {
  const { portal, visitor, progress } = props;
  const { assessment, template, organisation } = portal;
  const editable = isEditable(assessment.status);
  const clarifying = props.clarification !== undefined;
  const overdue = editable && !clarifying && assessment.due_date < props.today;
  const visibleSections = progress.sections.filter((s) => s.visible);
  const firstAsked = props.clarification?.requests[0]?.question_id;
  const askedSection = firstAsked ? questionIndex(template).get(firstAsked)?.section : undefined;
  const firstOpen =
    askedSection ?? visibleSections.find((s) => sectionState(s) !== "complete") ?? visibleSections[0];
  return (
    <PortalLayout title={template.title} organisation={organisation} csrfToken={visitor.csrfToken}>
      <hgroup>
        <h1>{template.title}</h1>
        <p>
          {organisation} asks {portal.vendorName} to answer this questionnaire.
        </p>
      </hgroup>
      {props.notice ? (
        <p class="notice notice-ok" role="status">
          {props.notice}
        </p>
      ) : null}
      {assessment.status === "submitted" || assessment.status === "completed" ? (
        <p class="notice notice-ok" role="status">
          Submitted on {formatMoment(assessment.submitted_at ?? assessment.updated_at)}
          {assessment.attested_name ? ` by ${assessment.attested_name}` : ""}
          {assessment.attested_title ? ` (${assessment.attested_title})` : ""}. Thank you — the answers are
          now read-only.
          {organisation} will contact you if anything needs clarifying.
        </p>
      ) : null}
      {props.clarification ? (
        <ClarificationBanner portal={portal} clarification={props.clarification} />
      ) : null}
      <dl class="facts">
        <dt>Due date</dt>
        <dd>
          {formatDay(assessment.due_date)}
          {overdue ? <strong class="overdue"> — overdue, please submit as soon as you can</strong> : null}
        </dd>
        {template.estimatedMinutes ? (
          <>
            <dt>Time needed</dt>
            <dd>About {template.estimatedMinutes} minutes; you can stop and come back at any time.</dd>
          </>
        ) : null}
        <dt>Answering as</dt>
        <dd>
          {visitor.name} ({visitor.email})
        </dd>
      </dl>
      {template.description ? <p>{template.description}</p> : null}
      {assessment.message ? (
        <section aria-labelledby="message-title">
          <h2 id="message-title">Message from {organisation}</h2>
          <blockquote class="sender-message">{assessment.message}</blockquote>
        </section>
      ) : null}

      <h2 id="progress-title">Your progress</h2>
      <progress
        value={progress.requiredAnswered}
        max={Math.max(progress.requiredTotal, 1)}
        aria-labelledby="progress-title"
        aria-describedby="progress-text"
      />
      <p id="progress-text">
        {progress.requiredAnswered} of {progress.requiredTotal} required questions answered.
      </p>
      {editable && firstOpen ? (
        <p>
          <a class="button-link" href={`/portal/assessment/sections/${firstOpen.id}`}>
            {clarifying
              ? "Go to the questions asked"
              : progress.requiredAnswered === 0 && progress.sections.every((s) => s.answered === 0)
                ? "Start answering"
                : "Continue answering"}
          </a>
        </p>
      ) : null}

      <h2>Sections</h2>
      <ol class="section-list">
        {progress.sections.map((section, index) => (
          <SectionRow section={section} index={index} />
        ))}
      </ol>

      {editable ? (
        <section aria-labelledby="submit-title">
          <h2 id="submit-title">Submitting</h2>
          {progress.missing.length === 0 ? (
            <p>All required questions are answered. Look over your answers, then confirm and submit them.</p>
          ) : (
            <p>
              {progress.missing.length} required question
              {progress.missing.length === 1 ? " still needs" : "s still need"} an answer before you can
              submit.
            </p>
          )}
          <p>
            <a
              href="/portal/assessment/submit"
              class={`button-link${progress.missing.length === 0 ? "" : " secondary"}`}
            >
              {progress.missing.length > 0
                ? "See what is missing"
                : clarifying
                  ? "Review and submit again"
                  : "Review and submit"}
            </a>
          </p>
        </section>
      ) : null}

      {portal.version.source === "vsaq" && editable && !clarifying ? (
        <PrefillForm csrfToken={visitor.csrfToken} error={props.prefillError} />
      ) : null}

      <Protection organisation={organisation} linkExpiresAt={visitor.linkExpiresAt} />
    </PortalLayout>
  );
}
