import type { Db } from "../db/connection.ts";
import type { EvidenceFileRow } from "../db/schema.ts";
import { findEvidence, removeEvidence, storeEvidence } from "../evidence/evidence-service.ts";
import { EvidenceRejectedError } from "../evidence/evidence-types.ts";
import { EVIDENCE_KIND_LABELS } from "../questionnaires/questionnaire-preview.tsx";
import {
  EVIDENCE_KINDS,
  type EvidenceAnswer,
  type EvidenceKind,
  type Question,
} from "../questionnaires/template-schema.ts";
import { NotFoundError } from "../shared/errors.ts";
import type { ServiceContext } from "../shared/service-context.ts";
import { ReadOnlyError } from "./answer-service.ts";
import { EMPTY_ANSWER, loadAnswers, markStarted, writeAnswer } from "./answer-store.ts";
import { isCalendarDate } from "./answer-values.ts";
import { loadClarificationState, requireAsked } from "./portal-clarification.ts";
import { isEditable, type PortalAssessment, questionIndex } from "./portal-data.ts";

export { EVIDENCE_KIND_LABELS };

/** The kinds a question offers: its own list for evidence questions, every kind for attachments. */
export function kindsFor(question: Question): readonly EvidenceKind[] {
  return question.type === "evidence" ? (question.evidence?.kinds ?? EVIDENCE_KINDS) : EVIDENCE_KINDS;
}

export interface PortalUpload {
  questionId: string;
  file: File;
  kind: string | undefined;
  expiresOn: string | undefined;
}

async function updateEvidenceAnswer(
  trx: Db,
  ctx: ServiceContext,
  file: EvidenceFileRow,
  change: (fileIds: string[]) => string[],
  expiresOn: string | undefined,
): Promise<void> {
  const current = (await loadAnswers(trx, file.assessment_id)).get(file.question_id) ?? EMPTY_ANSWER;
  const previous =
    current.value !== null && typeof current.value === "object" && !Array.isArray(current.value)
      ? current.value
      : undefined;
  const expiry = expiresOn ?? previous?.expiresOn;
  const value: EvidenceAnswer = {
    fileIds: change(previous?.fileIds ?? []),
    ...(expiry ? { expiresOn: expiry } : {}),
  };
  const now = ctx.clock.now().toISOString();
  await writeAnswer(trx, {
    assessmentId: file.assessment_id,
    questionId: file.question_id,
    current,
    value: value.fileIds.length > 0 ? value : null,
    comment: current.comment,
    at: now,
    by: ctx.actor.label,
  });
}

/**
 * Stores a vendor's upload for a question. On an evidence question the file also becomes part of the answer
 * (in the same transaction); on any other question it is an attachment beside the answer.
 */
export async function uploadPortalEvidence(
  ctx: ServiceContext,
  portal: PortalAssessment,
  upload: PortalUpload,
): Promise<EvidenceFileRow> {
  if (!isEditable(portal.assessment.status)) throw new ReadOnlyError();
  const found = questionIndex(portal.template).get(upload.questionId);
  if (!found || found.question.type === "notice") throw new NotFoundError("Question");
  const { question } = found;
  requireAsked(await loadClarificationState(ctx.db, portal.assessment, portal.template), [question.id]);
  const kinds: readonly string[] = kindsFor(question);
  if (upload.kind !== undefined && !kinds.includes(upload.kind))
    throw new EvidenceRejectedError(400, "Choose what kind of document this is from the list");
  if (upload.expiresOn !== undefined && !isCalendarDate(upload.expiresOn))
    throw new EvidenceRejectedError(400, "Enter the expiry date as year-month-day, for example 2027-01-31");
  if (upload.file.size === 0) throw new EvidenceRejectedError(400, "Choose a file to upload");
  const bytes = new Uint8Array(await upload.file.arrayBuffer());
  return storeEvidence(
    ctx,
    {
      assessmentId: portal.assessment.id,
      questionId: question.id,
      originalName: upload.file.name,
      bytes,
      kind: upload.kind,
      expiresOn: upload.expiresOn,
    },
    async (trx, row) => {
      if (question.type === "evidence")
        await updateEvidenceAnswer(trx, ctx, row, (ids) => [...ids, row.id], upload.expiresOn);
      await markStarted(trx, ctx, portal.assessment.id, ctx.clock.now());
    },
  );
}

/** Removes one of the vendor's files before submission; another assessment's file id is simply not found. */
export async function removePortalEvidence(
  ctx: ServiceContext,
  portal: PortalAssessment,
  fileId: string,
): Promise<EvidenceFileRow> {
  if (!isEditable(portal.assessment.status)) throw new ReadOnlyError();
  const file = await findEvidence(ctx.db, portal.assessment.id, fileId);
  if (!file) throw new NotFoundError("File");
  requireAsked(await loadClarificationState(ctx.db, portal.assessment, portal.template), [file.question_id]);
  const question = questionIndex(portal.template).get(file.question_id)?.question;
  await removeEvidence(ctx, file, async (trx, row) => {
    if (question?.type === "evidence")
      await updateEvidenceAnswer(trx, ctx, row, (ids) => ids.filter((id) => id !== row.id), undefined);
  });
  return file;
}
