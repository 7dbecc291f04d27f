import { fileTypeFromBuffer } from "file-type";

/** The largest evidence file we take: enough for a SOC 2 report with its appendices. */
export const MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;

/** The formats vendors may upload, by the media type file-type reports for their content. */
export const EVIDENCE_MEDIA_TYPES = {
  "application/pdf": "PDF",
  "image/png": "PNG image",
  "image/jpeg": "JPEG image",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document (DOCX)",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook (XLSX)",
} as const;
export type EvidenceMediaType = keyof typeof EVIDENCE_MEDIA_TYPES;

/** For the file picker only; the server decides by content, never by this list or the file name. */
export const EVIDENCE_ACCEPT = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx";

/** The formats in words, for hints and error messages. */
export const ACCEPTED_FORMATS_TEXT = "PDF, PNG, JPEG, Word (DOCX) or Excel (XLSX)";

export const MAX_EVIDENCE_TEXT = `${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`;

/** Why an upload was refused; the status is what the client sees. */
export class EvidenceRejectedError extends Error {
  constructor(
    readonly status: 413 | 415 | 400,
    message: string,
  ) {
    super(message);
  }
}

function isEvidenceMediaType(mime: string): mime is EvidenceMediaType {
  return Object.hasOwn(EVIDENCE_MEDIA_TYPES, mime);
}

/**
 * Identifies a file by its bytes. The name and the browser's content type are ignored on purpose: both are
 * chosen by the uploader, and an HTML page named report.pdf must not be stored as a PDF.
 */
export async function sniffEvidenceType(bytes: Uint8Array): Promise<EvidenceMediaType> {
  const found = await fileTypeFromBuffer(bytes);
  if (!found || !isEvidenceMediaType(found.mime)) {
    throw new EvidenceRejectedError(
      415,
      `This file's content is not a ${ACCEPTED_FORMATS_TEXT} file, whatever its name says. Please upload one of those formats.`,
    );
  }
  return found.mime;
}

/** Checks the size first (cheap), then the content. */
export async function checkEvidenceFile(bytes: Uint8Array): Promise<EvidenceMediaType> {
  if (bytes.byteLength === 0) throw new EvidenceRejectedError(400, "The file is empty.");
  if (bytes.byteLength > MAX_EVIDENCE_BYTES) {
    throw new EvidenceRejectedError(
      413,
      `The file is larger than ${MAX_EVIDENCE_TEXT}. Please upload a smaller file.`,
    );
  }
  return sniffEvidenceType(bytes);
}

/** A readable size: 812 bytes, 14 KB, 3.2 MB. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
