import { createHash } from "node:crypto";
import type { DpaBlock, DpaDocument } from "../../src/dpa/dpa-document.ts";

/**
 * A hand-made DPA document model with every kind of block, and small helpers for reading the rendered PDF's
 * text back; shared by the rendering tests (dpa-render.test.ts) and the page-break tests
 * (dpa-render-page-breaks.test.ts).
 */
export const CONTROLLER = "Müller GmbH";
export const PROCESSOR = "Łódź Logistics Sp. z o.o.";
export const SUBPROCESSOR = "Ελληνικά Δεδομένα Α.Ε.";
export const FINGERPRINT = `3f2a9c1d0b7e${"5a".repeat(26)}`;

export const pad = (n: number) => String(n).padStart(3, "0");
/** Whitespace folded to single spaces, so wrapped and justified lines compare as running text. */
export const flat = (text: string) => text.replace(/\s+/g, " ");
export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export const SUBPROCESSOR_COLUMNS = [
  { header: "Sub-processor", width: 0.3 },
  { header: "Service", width: 0.4 },
  { header: "Country", width: 0.15 },
  { header: "Transfer mechanism", width: 0.15 },
];

/** Row n of a long sub-processor table; every third row wraps over several lines, between two markers (no hyphen: lines may break after one). */
export function subprocessorRow(n: number): string[] {
  const service = n % 3 === 0 ? "payroll, benefits and pension administration with monthly reporting" : "CRM";
  return [`Vendor ${pad(n)}`, `beginR${pad(n)} ${service} endR${pad(n)}`, "Ireland", "Inside the EEA"];
}

export const SIGNATURES: DpaBlock = {
  kind: "signatures",
  parties: [
    {
      role: "Controller",
      legalName: CONTROLLER,
      signatoryName: "Anna Müller",
      signatoryTitle: "Managing Director",
    },
    { role: "Processor", legalName: PROCESSOR, signatoryName: null, signatoryTitle: null },
  ],
};

export function handMadeDpa(overrides: Partial<DpaDocument> = {}): DpaDocument {
  return {
    title: `Data Processing Agreement: ${CONTROLLER} and ${PROCESSOR}`,
    subject: "Processing of personal data on behalf of the controller (GDPR Art. 28)",
    author: CONTROLLER,
    keywords: ["DPA", "GDPR Art. 28", PROCESSOR],
    effectiveDate: "2026-03-02",
    documentId: "01JNQ8Z6X4T9VENDORVETDPA01",
    version: 3,
    fingerprint: FINGERPRINT,
    paperSize: "A4",
    blocks: [
      { kind: "heading", level: 1, text: "Data Processing Agreement" },
      { kind: "paragraph", text: `This agreement is made between ${CONTROLLER} and ${PROCESSOR}.` },
      {
        kind: "fields",
        rows: [
          ["Controller", `${CONTROLLER}, Hauptstraße 5, 10115 Berlin`],
          ["Processor", `${PROCESSOR}, ul. Piotrkowska 12, 90-001 Łódź`],
        ],
      },
      { kind: "heading", level: 2, text: "1. Obligations of the processor" },
      {
        kind: "clause",
        number: "1.1",
        title: "Documented instructions",
        paragraphs: [
          "The processor processes the personal data only on documented instructions from the controller, including with regard to transfers to a third country, unless Union or Member State law requires otherwise.",
          "The processor tells the controller at once if, in its opinion, an instruction infringes data protection law.",
        ],
      },
      { kind: "heading", level: 3, text: "Sub-processors" },
      {
        kind: "list",
        items: ["Thirty days' notice of any new sub-processor.", "The controller may object."],
      },
      { kind: "list", ordered: true, items: ["Same obligations flow down.", "The processor stays liable."] },
      { kind: "heading", level: 2, text: "2. Personal data breaches" },
      {
        kind: "clause",
        number: "2.1",
        paragraphs: ["Notice within 48 hours of becoming aware of a breach."],
      },
      { kind: "paragraph", style: "small", text: "Small print: Art. 33(3) lists the information." },
      { kind: "paragraph", style: "emphasis", text: "Emphasis: the controller decides." },
      { kind: "pageBreak" },
      { kind: "heading", level: 1, text: "Annex III: Sub-processors" },
      {
        kind: "table",
        columns: SUBPROCESSOR_COLUMNS,
        rows: [[SUBPROCESSOR, "Hosting in Athens", "Greece", "Inside the EEA"]],
      },
      SIGNATURES,
    ],
    ...overrides,
  };
}

/** The pages, counted from 1, whose text contains `needle`. */
export function pagesWith(pages: string[], needle: string): number[] {
  return pages.flatMap((text, i) => (flat(text).includes(needle) ? [i + 1] : []));
}
