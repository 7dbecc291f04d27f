import type { DpaBlock, DpaDocument } from "../../src/dpa/dpa-document.ts";

// Reading a DpaDocument as text, for the content tests and for comparing with text extracted from the PDF.

/** The words of one block, one line per paragraph, row or item, as a reader (or pdftotext) would see them. */
export function blockText(block: DpaBlock): string[] {
  switch (block.kind) {
    case "heading":
      return [block.text];
    case "paragraph":
      return [block.text];
    case "clause":
      return [`${block.number} ${block.title ?? ""}`.trim(), ...block.paragraphs];
    case "list":
      return block.items;
    case "table":
      return [
        block.columns.map((column) => column.header).join(" | "),
        ...block.rows.map((row) => row.join(" | ")),
      ];
    case "fields":
      return block.rows.map(([label, value]) => `${label}: ${value}`);
    case "signatures":
      return block.parties.flatMap((party) => [
        `${party.role}: ${party.legalName}`,
        `${party.signatoryName ?? ""} ${party.signatoryTitle ?? ""}`.trim(),
      ]);
    case "pageBreak":
      return [];
  }
}

/** The whole document flattened to text. */
export function documentText(document: DpaDocument): string {
  return document.blocks.flatMap(blockText).join("\n");
}

export type Clause = Extract<DpaBlock, { kind: "clause" }>;
export const clauses = (doc: DpaDocument): Clause[] =>
  doc.blocks.filter((b): b is Clause => b.kind === "clause");
export const clauseTitled = (doc: DpaDocument, pattern: RegExp): Clause[] =>
  clauses(doc).filter((c) => pattern.test(c.title ?? ""));

/** The blocks from the heading that starts with `title` up to the next heading of the same or a higher level. */
export function part(doc: DpaDocument, title: string): string {
  const start = doc.blocks.findIndex((b) => b.kind === "heading" && b.text.startsWith(title));
  if (start < 0) throw new Error(`no heading "${title}"`);
  const level = (doc.blocks[start] as Extract<DpaBlock, { kind: "heading" }>).level;
  const end = doc.blocks.findIndex((b, i) => i > start && b.kind === "heading" && b.level <= level);
  return doc.blocks
    .slice(start, end < 0 ? undefined : end)
    .flatMap(blockText)
    .join("\n");
}
