import type { DpaDocument } from "../dpa-document.ts";
import { DPA_FONTS, type DpaFont } from "./fonts.ts";

export type Pdf = PDFKit.PDFDocument;

export interface TextStyle {
  font: DpaFont;
  size: number;
  color: string;
  /** Extra space between the lines of one paragraph, in points. */
  lineGap: number;
}

const INK = "#1a1a1a";
const MUTED = "#555555";

export const STYLES = {
  body: { font: "regular", size: 9.5, color: INK, lineGap: 2 },
  small: { font: "regular", size: 8, color: INK, lineGap: 1.5 },
  emphasis: { font: "oblique", size: 9.5, color: INK, lineGap: 2 },
  clauseTitle: { font: "bold", size: 9.5, color: INK, lineGap: 2 },
  heading1: { font: "bold", size: 15, color: INK, lineGap: 2 },
  heading2: { font: "bold", size: 12, color: INK, lineGap: 2 },
  heading3: { font: "bold", size: 10.5, color: INK, lineGap: 2 },
  cell: { font: "regular", size: 8.5, color: INK, lineGap: 1.5 },
  cellHeader: { font: "bold", size: 8.5, color: INK, lineGap: 1.5 },
  footer: { font: "regular", size: 7.5, color: MUTED, lineGap: 0 },
} as const satisfies Record<string, TextStyle>;

/** Page margins in points: 20 mm at the sides and top, more at the bottom to leave room for the footer. */
export const MARGINS = { top: 57, bottom: 68, left: 57, right: 57 } as const;

/** The frame every block is drawn into: the text column of the current page. */
export interface Layout {
  pdf: Pdf;
  left: number;
  width: number;
  top: number;
  /** The lowest y a block may reach (the footer lives below it). */
  bottom: number;
}

export function createLayout(pdf: Pdf): Layout {
  return {
    pdf,
    left: MARGINS.left,
    width: pdf.page.width - MARGINS.left - MARGINS.right,
    top: MARGINS.top,
    bottom: pdf.page.height - MARGINS.bottom,
  };
}

export function pageSizeOf(doc: DpaDocument): "A4" | "LETTER" {
  return doc.paperSize === "LETTER" ? "LETTER" : "A4";
}

export function applyStyle(pdf: Pdf, style: TextStyle): void {
  pdf.font(DPA_FONTS[style.font]).fontSize(style.size).fillColor(style.color);
}

/** The height `text` takes in `style` when wrapped to `width`; drawing it with drawText advances y by as much. */
export function measureText(layout: Layout, text: string, style: TextStyle, width: number): number {
  applyStyle(layout.pdf, style);
  return layout.pdf.heightOfString(text, { width, lineGap: style.lineGap });
}

export function drawText(
  layout: Layout,
  text: string,
  style: TextStyle,
  x: number,
  width: number,
  align: "left" | "justify" | "right" | "center" = "left",
): void {
  applyStyle(layout.pdf, style);
  layout.pdf.text(text, x, layout.pdf.y, { width, lineGap: style.lineGap, align });
}

/** The height of one line of `style`, as drawText advances it. */
export function lineHeight(layout: Layout, style: TextStyle): number {
  return measureText(layout, "X", style, layout.width);
}

export function startPage(layout: Layout): void {
  layout.pdf.addPage();
  layout.pdf.x = layout.left;
  layout.pdf.y = layout.top;
}

/** Starts a new page unless `height` still fits below the current position (or the page is still empty). */
export function ensureSpace(layout: Layout, height: number): void {
  if (layout.pdf.y + height > layout.bottom && layout.pdf.y > layout.top) startPage(layout);
}

export function moveDown(layout: Layout, points: number): void {
  layout.pdf.y = Math.min(layout.pdf.y + points, layout.bottom);
}

/** A thin horizontal rule or box edge. */
export function strokeLine(
  layout: Layout,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  color = "#8a8a8a",
): void {
  layout.pdf.save().lineWidth(0.5).strokeColor(color).moveTo(x1, y1).lineTo(x2, y2).stroke().restore();
}
