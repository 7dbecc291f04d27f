import type { DpaSignatureParty } from "../dpa-document.ts";
import { drawText, ensureSpace, type Layout, lineHeight, measureText, STYLES, strokeLine } from "./layout.ts";

const GAP = 28;
const PER_ROW = 2;
/** Room left blank above the signature line for the handwritten or electronic signature. */
const SIGNING_SPACE = 34;
const LINE_SPACING = 6;

interface Line {
  text: string;
  bold: boolean;
  /** A rule to write on follows the text. */
  blank: boolean;
}

function linesOf(party: DpaSignatureParty): Line[] {
  const field = (label: string, value: string | null): Line => ({
    text: value ? `${label}: ${value}` : `${label}:`,
    bold: false,
    blank: !value,
  });
  return [
    { text: party.role, bold: true, blank: false },
    { text: party.legalName, bold: false, blank: false },
    field("Name", party.signatoryName),
    field("Title", party.signatoryTitle),
    field("Date", null),
  ];
}

function blockHeight(layout: Layout, party: DpaSignatureParty, width: number): number {
  const lines = linesOf(party);
  const text = lines.reduce((sum, line) => sum + measureText(layout, line.text, STYLES.body, width), 0);
  // As drawBlock spaces it: a gap after each line and after the signature caption, 2 pt under the rule.
  return text + SIGNING_SPACE + 2 + lineHeight(layout, STYLES.small) + (lines.length + 1) * LINE_SPACING;
}

/** One party: who signs, then a line to sign on, then name, title and date (blank lines where unknown). */
function drawBlock(layout: Layout, party: DpaSignatureParty, x: number, width: number): void {
  const { pdf } = layout;
  const [role, name, ...fields] = linesOf(party);
  for (const line of [role, name]) {
    if (!line) continue;
    drawText(layout, line.text, line.bold ? STYLES.clauseTitle : STYLES.body, x, width);
    pdf.y += LINE_SPACING;
  }
  pdf.y += SIGNING_SPACE;
  strokeLine(layout, x, pdf.y, x + width, pdf.y, "#333333");
  pdf.y += 2;
  drawText(layout, "Signature", STYLES.small, x, width);
  pdf.y += LINE_SPACING;
  for (const line of fields) {
    const top = pdf.y;
    drawText(layout, line.text, STYLES.body, x, width);
    if (line.blank) {
      const start = x + layout.pdf.widthOfString(`${line.text} `);
      const baseline = top + lineHeight(layout, STYLES.body) - 3;
      strokeLine(layout, start, baseline, x + width, baseline, "#333333");
    }
    pdf.y += LINE_SPACING;
  }
}

/** Signature blocks side by side, two to a row; the whole set is kept on one page when it fits on one. */
export function drawSignatures(layout: Layout, parties: DpaSignatureParty[]): void {
  const { pdf } = layout;
  const width = (layout.width - GAP * (PER_ROW - 1)) / PER_ROW;
  const rows: DpaSignatureParty[][] = [];
  for (let i = 0; i < parties.length; i += PER_ROW) rows.push(parties.slice(i, i + PER_ROW));
  const heights = rows.map((row) => Math.max(...row.map((party) => blockHeight(layout, party, width))));
  const total = heights.reduce((sum, h) => sum + h, 0) + GAP * (rows.length - 1);
  ensureSpace(layout, total <= layout.bottom - layout.top ? total : (heights[0] ?? 0));
  rows.forEach((row, r) => {
    const height = heights[r] ?? 0;
    if (r > 0) pdf.y += GAP;
    ensureSpace(layout, height);
    const top = pdf.y;
    row.forEach((party, i) => {
      pdf.y = top;
      drawBlock(layout, party, layout.left + i * (width + GAP), width);
    });
    pdf.x = layout.left;
    pdf.y = top + height;
  });
}
