import type { Db } from "../db/connection.ts";
import { listEvidence } from "../evidence/evidence-service.ts";
import { numberQuestions } from "../questionnaires/question-numbers.ts";
import type { Section } from "../questionnaires/template-schema.ts";
import type { SaveOutcome } from "./answer-service.ts";
import { answerValues, EMPTY_ANSWER, loadAnswers } from "./answer-store.ts";
import { answerToControlValues, baseToken } from "./answer-values.ts";
import { buildClientModel } from "./client-model.ts";
import type { QuestionState } from "./pages/question-field.tsx";
import { SectionPage } from "./pages/section-page.tsx";
import { loadClarificationState } from "./portal-clarification.ts";
import { isEditable, type PortalAssessment } from "./portal-data.ts";
import type { PortalVisitor } from "./portal-env.ts";
import { computeProgress } from "./progress.ts";

/** What a failed save puts back into one question: what was sent, and why it was not saved. */
export interface QuestionOverride {
  values?: string[] | undefined;
  comment?: string | undefined;
  error?: string | undefined;
  uploadError?: string | undefined;
  conflict?: Extract<SaveOutcome, { status: "conflict" }> | undefined;
}

/** Builds the section page from the stored state, with any values and messages from a save that failed. */
export async function renderSectionPage(
  db: Db,
  portal: PortalAssessment,
  visitor: PortalVisitor,
  section: Section,
  options: { overrides?: Map<string, QuestionOverride>; notice?: string | undefined } = {},
) {
  const [stored, files, clarification] = await Promise.all([
    loadAnswers(db, portal.assessment.id),
    listEvidence(db, portal.assessment.id),
    loadClarificationState(db, portal.assessment, portal.template),
  ]);
  const answers = answerValues(stored);
  const progress = computeProgress(portal.template, answers);
  const overrides = options.overrides ?? new Map<string, QuestionOverride>();
  const numbers = numberQuestions(portal.template);
  const states: QuestionState[] = section.questions.map((question) => {
    const current = stored.get(question.id) ?? EMPTY_ANSWER;
    const override = overrides.get(question.id);
    return {
      question,
      number: numbers.get(question.id),
      stored: current,
      visible: progress.visibility.questions.has(question.id),
      hiddenOptions: progress.visibility.hiddenOptions.get(question.id) ?? new Set<string>(),
      values: override?.values ?? answerToControlValues(current.value),
      comment: override?.comment ?? current.comment ?? "",
      // After a conflict the form shows their answer, so it must carry their revision too.
      base: override?.conflict?.base ?? baseToken(current.revision, current.value, current.comment),
      files: files.filter((f) => f.question_id === question.id),
      error: override?.error,
      uploadError: override?.uploadError,
      conflict: override?.conflict
        ? { theirs: override.conflict.theirs, mine: override.conflict.mine }
        : undefined,
      locked: clarification ? !clarification.editable.has(question.id) : false,
      asked: clarification?.messages.get(question.id),
    };
  });
  return (
    <SectionPage
      portal={portal}
      visitor={visitor}
      section={section}
      progress={progress}
      states={states}
      editable={isEditable(portal.assessment.status)}
      model={buildClientModel(portal.template, section.id, answers)}
      notice={options.notice}
      clarifying={clarification !== undefined}
    />
  );
}
