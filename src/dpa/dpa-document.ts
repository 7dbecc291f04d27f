/**
 * The DPA as a sequence of blocks: what the content builder writes and the PDF renderer draws. Keeping the
 * wording (dpa-content) apart from the drawing (dpa-render) lets the text be tested without a PDF, and the
 * layout without legal text.
 */

export type DpaBlock =
  /** A heading; levels 1 and 2 also become PDF outline entries (bookmarks). */
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: string; style?: "normal" | "small" | "emphasis" }
  /** A numbered clause ("5.2"), optionally titled, whose text may run over several paragraphs. */
  | { kind: "clause"; number: string; title?: string; paragraphs: string[] }
  | { kind: "list"; items: string[]; ordered?: boolean }
  /** A table whose rows break cleanly across pages, repeating the header row; widths are fractions summing to 1. */
  | { kind: "table"; columns: { header: string; width: number }[]; rows: string[][] }
  /** Label and value pairs, drawn as a two-column table. */
  | { kind: "fields"; rows: [label: string, value: string][] }
  | { kind: "signatures"; parties: DpaSignatureParty[] }
  | { kind: "pageBreak" };

export interface DpaSignatureParty {
  /** "Controller" or "Processor". */
  role: string;
  legalName: string;
  signatoryName: string | null;
  signatoryTitle: string | null;
}

export interface DpaDocument {
  title: string;
  subject: string;
  author: string;
  keywords: string[];
  /** YYYY-MM-DD; the PDF's creation and modification date, so that the same inputs give the same bytes. */
  effectiveDate: string;
  documentId: string;
  version: number;
  /** SHA-256 (hex) of the canonical inputs; the footer prints its first characters. */
  fingerprint: string;
  paperSize: "A4" | "LETTER";
  blocks: DpaBlock[];
}
