import type { DpaDocument } from "../dpa-document.ts";
import { applyStyle, type Layout, MARGINS, STYLES, strokeLine } from "./layout.ts";
import { footerReference } from "./metadata.ts";

/** Distance below the text column of the footer's rule and of its line of text, in points. */
const RULE_GAP = 18;
const TEXT_GAP = 24;

/**
 * Writes every page's footer once all pages exist (the document buffers its pages), so "Page N of M" knows M:
 * the reference line on the left, the page number on the right.
 */
export function drawFooters(layout: Layout, doc: DpaDocument): void {
  const { pdf } = layout;
  const range = pdf.bufferedPageRange();
  const reference = footerReference(doc);
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    const page = pdf.page;
    // Text below the bottom margin would make pdfkit open a new page; the footer is meant to sit there.
    page.margins.bottom = 0;
    const ruleY = layout.bottom + RULE_GAP;
    const y = layout.bottom + TEXT_GAP;
    strokeLine(layout, layout.left, ruleY, layout.left + layout.width, ruleY, "#b0b0b0");
    applyStyle(pdf, STYLES.footer);
    pdf.text(reference, layout.left, y, { width: layout.width * 0.75, align: "left", lineBreak: false });
    pdf.text(`Page ${index + 1} of ${range.count}`, layout.left, y, {
      width: layout.width,
      align: "right",
      lineBreak: false,
    });
    page.margins.bottom = MARGINS.bottom;
  }
}
