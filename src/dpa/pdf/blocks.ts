import type { DpaBlock } from "../dpa-document.ts";
import {
  drawText,
  ensureSpace,
  type Layout,
  lineHeight,
  measureText,
  moveDown,
  STYLES,
  startPage,
  strokeLine,
  type TextStyle,
} from "./layout.ts";
import { drawSignatures } from "./signatures.ts";
import { drawTable } from "./table.ts";

/** The column a clause number hangs in; clause text and list items align to its right edge. */
const HANG = 32;
const LIST_MARKER = 16;
const PARAGRAPH_GAP = 5;
const BLOCK_GAP = 8;
/** A heading is never the last thing on a page: this much room must follow it. */
const KEEP_WITH_NEXT = 42;

const HEADINGS = {
  1: { style: STYLES.heading1, before: 16, after: 8 },
  2: { style: STYLES.heading2, before: 12, after: 5 },
  3: { style: STYLES.heading3, before: 8, after: 3 },
} as const;

/** Where level 1 and 2 headings go in the PDF outline: sections at the top, their subsections nested below. */
export interface OutlineState {
  root: PDFKit.PDFOutline;
  section: PDFKit.PDFOutline | null;
}

function addBookmark(layout: Layout, outline: OutlineState, level: 1 | 2, text: string): void {
  const { pdf } = layout;
  // pdfkit writes an XYZ destination with left = page width - `left` and top = page height - `top`.
  const target = { expanded: level === 1, top: pdf.y, left: pdf.page.width, zoom: 0 };
  if (level === 1) outline.section = outline.root.addItem(text, target);
  else (outline.section ?? outline.root).addItem(text, target);
}

function drawHeading(layout: Layout, outline: OutlineState, level: 1 | 2 | 3, text: string): void {
  const { style, before, after } = HEADINGS[level];
  if (layout.pdf.y > layout.top) moveDown(layout, before);
  ensureSpace(layout, measureText(layout, text, style, layout.width) + after + KEEP_WITH_NEXT);
  if (level !== 3) addBookmark(layout, outline, level, text);
  drawText(layout, text, style, layout.left, layout.width);
  if (level === 1) {
    const y = layout.pdf.y + 1;
    strokeLine(layout, layout.left, y, layout.left + layout.width, y);
  }
  moveDown(layout, after);
}

/** A paragraph that starts near the bottom of a page keeps at least two lines together. */
function drawParagraph(
  layout: Layout,
  text: string,
  style: TextStyle,
  x: number,
  align: "left" | "justify",
): void {
  const width = layout.left + layout.width - x;
  const height = measureText(layout, text, style, width);
  ensureSpace(layout, Math.min(height, 2 * lineHeight(layout, style)));
  drawText(layout, text, style, x, width, align);
}

function drawClause(layout: Layout, block: Extract<DpaBlock, { kind: "clause" }>): void {
  const { pdf } = layout;
  const x = layout.left + HANG;
  const width = layout.width - HANG;
  const titleHeight = block.title ? measureText(layout, block.title, STYLES.clauseTitle, width) : 0;
  ensureSpace(layout, titleHeight + 2 * lineHeight(layout, STYLES.body));
  const top = pdf.y;
  drawText(layout, block.number, STYLES.clauseTitle, layout.left, HANG);
  pdf.y = top;
  if (block.title) {
    drawText(layout, block.title, STYLES.clauseTitle, x, width);
    moveDown(layout, 2);
  }
  block.paragraphs.forEach((text, i) => {
    if (i > 0) moveDown(layout, PARAGRAPH_GAP);
    drawParagraph(layout, text, STYLES.body, x, "justify");
  });
}

function drawList(layout: Layout, items: string[], ordered: boolean): void {
  const { pdf } = layout;
  const markerX = layout.left + HANG;
  items.forEach((item, i) => {
    if (i > 0) moveDown(layout, 2);
    ensureSpace(layout, lineHeight(layout, STYLES.body));
    const top = pdf.y;
    drawText(layout, ordered ? `${i + 1}.` : "•", STYLES.body, markerX, LIST_MARKER);
    pdf.y = top;
    drawParagraph(layout, item, STYLES.body, markerX + LIST_MARKER, "left");
  });
}

const PARAGRAPH_STYLES = { normal: STYLES.body, small: STYLES.small, emphasis: STYLES.emphasis } as const;

/** Draws the blocks in order from the current position, opening pages as they fill. */
export function drawBlocks(layout: Layout, blocks: DpaBlock[], outline: OutlineState): void {
  let previous: DpaBlock["kind"] | null = null;
  for (const block of blocks) {
    if (previous !== null && previous !== "heading" && block.kind !== "heading") moveDown(layout, BLOCK_GAP);
    switch (block.kind) {
      case "heading":
        drawHeading(layout, outline, block.level, block.text);
        break;
      case "paragraph": {
        const style = PARAGRAPH_STYLES[block.style ?? "normal"];
        drawParagraph(layout, block.text, style, layout.left, block.style === "small" ? "left" : "justify");
        break;
      }
      case "clause":
        drawClause(layout, block);
        break;
      case "list":
        drawList(layout, block.items, block.ordered ?? false);
        break;
      case "table":
        drawTable(layout, { columns: block.columns, rows: block.rows, headerRow: true });
        break;
      case "fields":
        drawTable(layout, {
          columns: [
            { header: "", width: 0.3 },
            { header: "", width: 0.7 },
          ],
          rows: block.rows.map(([label, value]) => [label, value]),
          headerRow: false,
          boldFirstColumn: true,
        });
        break;
      case "signatures":
        drawSignatures(layout, block.parties);
        break;
      case "pageBreak":
        if (layout.pdf.y > layout.top) startPage(layout);
        break;
    }
    previous = block.kind;
  }
}
