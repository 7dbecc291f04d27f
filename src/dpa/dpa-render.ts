import PDFDocument from "pdfkit";
import type { DpaDocument } from "./dpa-document.ts";
import { drawBlocks } from "./pdf/blocks.ts";
import { DPA_FONTS } from "./pdf/fonts.ts";
import { drawFooters } from "./pdf/footer.ts";
import { createLayout, MARGINS, pageSizeOf } from "./pdf/layout.ts";
import { documentInfo, fileIdentifier } from "./pdf/metadata.ts";

export interface RenderedDpa {
  bytes: Buffer;
  pages: number;
}

/**
 * Draws a DPA as a PDF: DejaVu Sans embedded, bookmarks for level 1 and 2 headings, tables whose rows never
 * split, "Page N of M" footers. Nothing in the output depends on the clock or on chance, so the same document
 * always gives the same bytes.
 */
export async function renderDpaPdf(doc: DpaDocument): Promise<RenderedDpa> {
  const pdf = new PDFDocument({
    size: pageSizeOf(doc),
    margins: MARGINS,
    bufferPages: true,
    compress: true,
    // PDF 1.3 (pdfkit's default) has no XMP stream: pdfkit writes the title into that XML unescaped, so a vendor
    // named "Smith & Sons" would make it malformed. The Info dictionary carries the same metadata.
    lang: "en",
    displayTitle: true,
    font: DPA_FONTS.regular,
    info: documentInfo(doc),
  });
  // pdfkit hashes the info dictionary into the trailer /ID; ours is tied to the document's identity instead.
  Object.assign(pdf, { _id: fileIdentifier(doc) });

  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  const layout = createLayout(pdf);
  drawBlocks(layout, doc.blocks, { root: pdf.outline, section: null });
  drawFooters(layout, doc);
  const pages = pdf.bufferedPageRange().count;
  pdf.end();
  return { bytes: await finished, pages };
}
