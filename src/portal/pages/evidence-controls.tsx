import type { EvidenceFileRow } from "../../db/schema.ts";
import {
  ACCEPTED_FORMATS_TEXT,
  EVIDENCE_ACCEPT,
  EVIDENCE_MEDIA_TYPES,
  formatFileSize,
  MAX_EVIDENCE_TEXT,
} from "../../evidence/evidence-types.ts";
import type { EvidenceKind, Question } from "../../questionnaires/template-schema.ts";
import { EVIDENCE_KIND_LABELS, kindsFor } from "../portal-evidence.ts";
import { formatDay } from "./portal-layout.tsx";

function mediaLabel(type: string): string {
  return (EVIDENCE_MEDIA_TYPES as Record<string, string>)[type] ?? "file";
}

function kindLabel(kind: string | null): string | undefined {
  return kind ? (EVIDENCE_KIND_LABELS as Record<string, string>)[kind] : undefined;
}

/** The files already attached to a question, each downloadable and (before submission) removable. */
export function FileList(props: { files: EvidenceFileRow[]; editable: boolean }) {
  if (props.files.length === 0) return null;
  return (
    <ul class="file-list">
      {props.files.map((f) => (
        <li>
          <a href={`/portal/assessment/evidence/${f.id}`} download>
            {f.original_name}
          </a>{" "}
          <small class="muted">
            (
            {[
              mediaLabel(f.media_type),
              formatFileSize(f.size),
              kindLabel(f.kind),
              f.expires_on ? `valid until ${formatDay(f.expires_on)}` : undefined,
            ]
              .filter(Boolean)
              .join(", ")}
            )
          </small>
          {props.editable ? (
            <>
              {" "}
              <button type="submit" form={`rm-${f.id}`} class="link-button">
                Remove<span class="visually-hidden"> {f.original_name}</span>
              </button>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * Upload controls shown inside the question but belonging to a separate form (the `form` attribute), so a
 * file is sent on its own and the answers form stays small; it works without JavaScript.
 */
export function UploadControls(props: { question: Question; error?: string | undefined }) {
  const { question } = props;
  const formId = `up-${question.id}`;
  const kinds = kindsFor(question);
  const withExpiry = question.type === "evidence" && question.evidence?.expiry === true;
  const errorId = `up-error-${question.id}`;
  // Attachment controls sit outside the question's own fieldset; screen readers get the question with them.
  const context =
    question.type === "evidence" ? null : <span class="visually-hidden"> (for: {question.text})</span>;
  return (
    <div class="upload">
      <label for={`up-file-${question.id}`}>
        {question.type === "evidence" ? "Add a file" : "Attach a file to this answer"}
        {context}
      </label>
      <small class="hint" id={`up-hint-${question.id}`}>
        {ACCEPTED_FORMATS_TEXT}, up to {MAX_EVIDENCE_TEXT}.
      </small>
      {props.error ? (
        <small class="field-error" id={errorId}>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </small>
      ) : null}
      <input
        type="file"
        id={`up-file-${question.id}`}
        name="file"
        form={formId}
        accept={EVIDENCE_ACCEPT}
        aria-describedby={`up-hint-${question.id}${props.error ? ` ${errorId}` : ""}`}
        aria-invalid={props.error ? "true" : undefined}
      />
      <div class="upload-details">
        <div>
          <label for={`up-kind-${question.id}`}>
            Kind of document
            {context}
          </label>
          <select id={`up-kind-${question.id}`} name="kind" form={formId}>
            {kinds.map((k: EvidenceKind) => (
              <option value={k}>{EVIDENCE_KIND_LABELS[k]}</option>
            ))}
          </select>
        </div>
        {withExpiry ? (
          <div>
            <label for={`up-exp-${question.id}`}>Valid until (if it expires)</label>
            <input type="date" id={`up-exp-${question.id}`} name="expiresOn" form={formId} />
          </div>
        ) : null}
      </div>
      <button type="submit" form={formId} class="secondary">
        Upload<span class="visually-hidden"> a file for: {question.text}</span>
      </button>
    </div>
  );
}

/** The stand-alone forms the upload and remove buttons point at; placed after the answers form. */
export function EvidenceForms(props: {
  csrfToken: string;
  sectionId: string;
  questions: Question[];
  files: EvidenceFileRow[];
}) {
  return (
    <div class="evidence-forms">
      {props.questions.map((q) => (
        <form
          id={`up-${q.id}`}
          method="post"
          action="/portal/assessment/evidence"
          enctype="multipart/form-data"
        >
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="questionId" value={q.id} />
          <input type="hidden" name="sectionId" value={props.sectionId} />
        </form>
      ))}
      {props.files.map((f) => (
        <form id={`rm-${f.id}`} method="post" action={`/portal/assessment/evidence/${f.id}/remove`}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
        </form>
      ))}
    </div>
  );
}
