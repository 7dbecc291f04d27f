import { describe, expect, it } from "vitest";
import type { DpaBlock } from "../../src/dpa/dpa-document.ts";
import { renderDpaPdf } from "../../src/dpa/dpa-render.ts";
import { pdfPageTexts, pdfText, qpdfCheck } from "../support/pdf.ts";
import {
  flat,
  handMadeDpa,
  pad,
  pagesWith,
  SIGNATURES,
  SUBPROCESSOR_COLUMNS,
  subprocessorRow,
} from "./dpa-render-document.ts";

// The story of a DPA too long for one page: tables and signature blocks break across pages without losing or
// cutting anything. What the PDF carries otherwise is in dpa-render.test.ts.

describe("a long annex table", () => {
  it("spans pages with its header row repeated and no row cut in two", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => subprocessorRow(i + 1));
    const doc = handMadeDpa({
      blocks: [
        { kind: "heading", level: 1, text: "Annex III" },
        { kind: "table", columns: SUBPROCESSOR_COLUMNS, rows },
      ],
    });
    const pdf = await renderDpaPdf(doc);
    expect(pdf.pages).toBeGreaterThanOrEqual(4);
    const pages: string[] = [];
    for (let n = 1; n <= pdf.pages; n++) pages.push(await pdfText(pdf.bytes, "raw", { from: n, to: n }));

    for (let n = 1; n <= 200; n++) {
      const starts = pagesWith(pages, `beginR${pad(n)}`);
      expect(starts, `row ${n}`).toHaveLength(1);
      expect(pagesWith(pages, `endR${pad(n)}`), `row ${n}`).toEqual(starts);
      expect(pagesWith(pages, `Vendor ${pad(n)}`), `row ${n}`).toEqual(starts);
    }
    pages.forEach((text, i) => {
      const body = flat(text);
      const header = body.indexOf("Sub-processor Service Country Transfer mechanism");
      expect(header, `page ${i + 1}`).toBeGreaterThanOrEqual(0);
      expect(header, `page ${i + 1}`).toBeLessThan(body.search(/Vendor \d{3}/));
    });
  });

  it("splits a row taller than a page by lines, as a last resort, losing no word", async () => {
    const words = Array.from({ length: 1500 }, (_, i) => `w${String(i + 1).padStart(4, "0")}`);
    const doc = handMadeDpa({
      blocks: [
        {
          kind: "table",
          columns: [
            { header: "Measure", width: 0.3 },
            { header: "Detail", width: 0.7 },
          ],
          rows: [
            ["Short row", "before"],
            ["Encryption", words.join(" ")],
            ["Next row", "after"],
          ],
        },
      ],
    });
    const pdf = await renderDpaPdf(doc);
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    const pages = await pdfPageTexts(pdf.bytes, "raw");
    const found = flat(pages.join(" ")).match(/w\d{4}/g);
    expect(found).toEqual(words);
    for (const text of pages) expect(flat(text)).toContain("Measure Detail");
    expect((await qpdfCheck(pdf.bytes)).ok).toBe(true);
  });
});

describe("signature blocks", () => {
  it("stay together on one page wherever the text before them ends", async () => {
    const filler = (n: number): DpaBlock => ({
      kind: "paragraph",
      text: `Filler ${n}. ${"The processor keeps records of all categories of processing activities. ".repeat(5)}`,
    });
    const moved: boolean[] = [];
    for (let count = 6; count <= 11; count++) {
      const blocks = [...Array.from({ length: count }, (_, i) => filler(i + 1)), SIGNATURES];
      const pdf = await renderDpaPdf(handMadeDpa({ blocks }));
      const pages = await pdfPageTexts(pdf.bytes, "raw");
      const signaturePages = [
        ...new Set(
          ["Signature", "Anna Müller", "Managing Director", "Date:"].flatMap((s) => pagesWith(pages, s)),
        ),
      ];
      expect(signaturePages, `${count} paragraphs before`).toHaveLength(1);
      const lastFiller = pagesWith(pages, `Filler ${count}.`);
      moved.push((signaturePages[0] ?? 0) > (lastFiller[0] ?? 0));
    }
    // Some of the runs must have pushed the blocks to a new page, or the test proved nothing.
    expect(moved).toContain(true);
    expect(moved).toContain(false);
  });
});
