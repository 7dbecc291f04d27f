import {
  drawText,
  ensureSpace,
  type Layout,
  lineHeight,
  measureText,
  STYLES,
  startPage,
  strokeLine,
  type TextStyle,
} from "./layout.ts";

export interface TableSpec {
  /** Widths are fractions of the text column; they are scaled to sum to 1. */
  columns: { header: string; width: number }[];
  rows: string[][];
  /** False for label/value fields, which have no header row. */
  headerRow: boolean;
  /** Labels in the first column are set in bold. */
  boldFirstColumn?: boolean;
}

const PAD_X = 4;
const PAD_Y = 3;
const HEADER_FILL = "#ececec";
/** Below this many lines of space a split row starts on the next page instead. */
const MIN_SPLIT_LINES = 3;

interface Column {
  x: number;
  width: number;
}

function columnsOf(layout: Layout, spec: TableSpec): Column[] {
  const total = spec.columns.reduce((sum, c) => sum + c.width, 0) || 1;
  let x = layout.left;
  return spec.columns.map((c) => {
    const column = { x, width: (c.width / total) * layout.width };
    x += column.width;
    return column;
  });
}

function styleOf(spec: TableSpec, index: number): TextStyle {
  return spec.boldFirstColumn && index === 0 ? STYLES.cellHeader : STYLES.cell;
}

function measureRow(
  layout: Layout,
  columns: Column[],
  cells: string[],
  style: (i: number) => TextStyle,
): number {
  let tallest = lineHeight(layout, STYLES.cell);
  columns.forEach((column, i) => {
    const text = cells[i] ?? "";
    if (text) tallest = Math.max(tallest, measureText(layout, text, style(i), column.width - 2 * PAD_X));
  });
  return tallest + 2 * PAD_Y;
}

function drawRow(
  layout: Layout,
  columns: Column[],
  cells: string[],
  style: (i: number) => TextStyle,
  height: number,
  fill?: string,
): void {
  const { pdf } = layout;
  const top = pdf.y;
  const right = layout.left + layout.width;
  if (fill) pdf.save().rect(layout.left, top, layout.width, height).fill(fill).restore();
  columns.forEach((column, i) => {
    pdf.y = top + PAD_Y;
    const text = cells[i] ?? "";
    if (text) drawText(layout, text, style(i), column.x + PAD_X, column.width - 2 * PAD_X);
    strokeLine(layout, column.x, top, column.x, top + height);
  });
  strokeLine(layout, right, top, right, top + height);
  strokeLine(layout, layout.left, top, right, top);
  strokeLine(layout, layout.left, top + height, right, top + height);
  pdf.x = layout.left;
  pdf.y = top + height;
}

/** The longest leading run of words of `text` that fits in `maxHeight`, and the rest. */
function splitToFit(
  layout: Layout,
  text: string,
  style: TextStyle,
  width: number,
  maxHeight: number,
): [string, string] {
  if (measureText(layout, text, style, width) <= maxHeight) return [text, ""];
  const words = text.split(" ");
  let low = 0;
  let high = words.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measureText(layout, words.slice(0, mid).join(" "), style, width) <= maxHeight) low = mid;
    else high = mid - 1;
  }
  return [words.slice(0, low).join(" "), words.slice(low).join(" ")];
}

/**
 * Draws a bordered table whose rows never break across pages: each row is measured first and moves to the next
 * page whole, under a repeated header row. Only a row taller than a whole page is split, line by line.
 */
export function drawTable(layout: Layout, spec: TableSpec): void {
  const columns = columnsOf(layout, spec);
  const style = (i: number) => styleOf(spec, i);
  const headerCells = spec.columns.map((c) => c.header);
  const headerHeight = spec.headerRow ? measureRow(layout, columns, headerCells, () => STYLES.cellHeader) : 0;
  const drawHeader = () => {
    if (spec.headerRow)
      drawRow(layout, columns, headerCells, () => STYLES.cellHeader, headerHeight, HEADER_FILL);
  };
  const newPage = () => {
    startPage(layout);
    drawHeader();
  };

  const firstRow = spec.rows[0];
  ensureSpace(layout, headerHeight + (firstRow ? measureRow(layout, columns, firstRow, style) : 0));
  drawHeader();
  const roomOnFreshPage = layout.bottom - layout.top - headerHeight;
  for (const row of spec.rows) {
    const height = measureRow(layout, columns, row, style);
    if (layout.pdf.y + height <= layout.bottom) {
      drawRow(layout, columns, row, style, height);
    } else if (height <= roomOnFreshPage) {
      newPage();
      drawRow(layout, columns, row, style, height);
    } else {
      drawOversizedRow(layout, columns, row, style, newPage);
    }
  }
}

/** The last resort for a row taller than a page: as many lines of each cell as fit, then the rest overleaf. */
function drawOversizedRow(
  layout: Layout,
  columns: Column[],
  row: string[],
  style: (i: number) => TextStyle,
  newPage: () => void,
): void {
  let rest = [...row];
  const minimum = MIN_SPLIT_LINES * lineHeight(layout, STYLES.cell) + 2 * PAD_Y;
  while (rest.some((cell) => cell !== "")) {
    if (layout.bottom - layout.pdf.y < minimum) newPage();
    const room = layout.bottom - layout.pdf.y - 2 * PAD_Y;
    const parts = columns.map((column, i) =>
      splitToFit(layout, rest[i] ?? "", style(i), column.width - 2 * PAD_X, room),
    );
    const heads: string[] = parts.map(([head]) => head);
    if (!heads.some((head) => head !== "")) {
      // Not even one word fits (a token longer than the page): let it overflow rather than loop.
      const first = parts.findIndex(([, tail]) => tail !== "");
      const [word, ...others] = (parts[first]?.[1] ?? "").split(" ");
      heads[first] = word ?? "";
      parts[first] = [word ?? "", others.join(" ")];
    }
    drawRow(layout, columns, heads, style, measureRow(layout, columns, heads, style));
    rest = parts.map(([, tail]) => tail);
  }
}
