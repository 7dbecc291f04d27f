import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDpaDocument } from "../../src/dpa/dpa-content.ts";
import type { DpaBlock, DpaDocument } from "../../src/dpa/dpa-document.ts";
import { type RenderedDpa, renderDpaPdf } from "../../src/dpa/dpa-render.ts";
import {
  type OutlineEntry,
  pdfFonts,
  pdfInfo,
  pdfOutline,
  pdfPageTexts,
  pdfText,
  qpdfCheck,
} from "../support/pdf.ts";
import { richDpaInputs } from "./dpa-fixtures.ts";
import {
  CONTROLLER,
  FINGERPRINT,
  flat,
  handMadeDpa,
  PROCESSOR,
  SUBPROCESSOR,
  sha256,
} from "./dpa-render-document.ts";

// The story of what a rendered DPA carries (text, fonts, footers, bookmarks, metadata) and that it renders to the
// same bytes every time. How it breaks across pages is in dpa-render-page-breaks.test.ts.

describe("rendering a DPA to PDF", () => {
  let rendered: RenderedDpa;
  let pages: string[];
  beforeAll(async () => {
    rendered = await renderDpaPdf(handMadeDpa());
    pages = await pdfPageTexts(rendered.bytes, "raw");
  });

  it("prints the headings, clauses, lists, fields and tables as extractable text", async () => {
    const text = flat(await pdfText(rendered.bytes, "raw"));
    for (const expected of [
      "Data Processing Agreement",
      "1. Obligations of the processor",
      "1.1 Documented instructions",
      "The processor processes the personal data only on documented instructions from the controller, including with regard to transfers to a third country",
      "tells the controller at once if, in its opinion, an instruction infringes data protection law.",
      "Sub-processors",
      "• Thirty days' notice of any new sub-processor.",
      "2. The processor stays liable.",
      "2.1 Notice within 48 hours",
      "Small print: Art. 33(3) lists the information.",
      "Emphasis: the controller decides.",
      "Controller Müller GmbH, Hauptstraße 5, 10115 Berlin",
      "Sub-processor Service Country Transfer mechanism",
      "Hosting in Athens",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("prints and extracts Polish, German and Greek party names exactly", async () => {
    const text = await pdfText(rendered.bytes, "layout");
    for (const name of [CONTROLLER, PROCESSOR, SUBPROCESSOR, "Hauptstraße", "90-001 Łódź"])
      expect(text).toContain(name);
    const info = await pdfInfo(rendered.bytes);
    expect(info.fields.Title).toBe(`Data Processing Agreement: ${CONTROLLER} and ${PROCESSOR}`);
    expect(info.fields.Keywords).toBe(`DPA, GDPR Art. 28, ${PROCESSOR}`);
  });

  it("embeds DejaVu Sans with a Unicode map and uses no other font", async () => {
    const fonts = await pdfFonts(rendered.bytes);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual([
      "DejaVuSans",
      "DejaVuSans-Bold",
      "DejaVuSans-Oblique",
    ]);
    expect(fonts.every((f) => f.embedded && f.subset && f.unicode)).toBe(true);
  });

  it("footers every page with Page N of M, the version, the document id and the fingerprint", () => {
    expect(pages).toHaveLength(rendered.pages);
    expect(rendered.pages).toBeGreaterThanOrEqual(2);
    pages.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} of ${rendered.pages}`);
      expect(text).toContain("v3 · 01JNQ8Z6X4T9VENDORVETDPA01 · sha256 3f2a9c1d0b7e");
    });
  });

  it("keeps the signature blocks side by side, with blank lines where the signatory is not known", async () => {
    const layout = await pdfText(rendered.bytes, "layout");
    expect(layout).toMatch(/Controller\s+Processor/);
    expect(layout).toMatch(/Müller GmbH\s+Łódź Logistics Sp\. z o\.o\./);
    expect(layout).toMatch(/Name: Anna Müller\s+Name:\n/);
    expect(layout).toMatch(/Title: Managing Director\s+Title:\n/);
  });

  it("turns level 1 and 2 headings into nested bookmarks that open on their page", async () => {
    const outline = await pdfOutline(rendered.bytes);
    const titles = (entries: typeof outline): unknown =>
      entries.map((e) => (e.kids.length > 0 ? { [e.title]: titles(e.kids) } : e.title));
    expect(titles(outline)).toEqual([
      { "Data Processing Agreement": ["1. Obligations of the processor", "2. Personal data breaches"] },
      "Annex III: Sub-processors",
    ]);
    expect(outline.map((e) => e.page)).toEqual([1, 2]);
  });

  it("writes fixed metadata and passes qpdf --check", async () => {
    const info = await pdfInfo(rendered.bytes);
    expect(info.pages).toBe(rendered.pages);
    expect(info.fields).toMatchObject({
      Subject: "Processing of personal data on behalf of the controller (GDPR Art. 28)",
      Author: CONTROLLER,
      Creator: "VendorVet",
      Producer: "VendorVet DPA renderer (PDFKit)",
      CreationDate: "2026-03-02T00:00:00Z",
      ModDate: "2026-03-02T00:00:00Z",
      Encrypted: "no",
    });
    expect(await qpdfCheck(rendered.bytes)).toMatchObject({ ok: true });
    expect(rendered.bytes.toString("latin1")).toContain("/FlateDecode");
  });

  it.each([
    { paperSize: "A4" as const, width: 595, height: 842 },
    { paperSize: "LETTER" as const, width: 612, height: 792 },
  ])("prints on $paperSize paper ($width x $height pt)", async ({ paperSize, width, height }) => {
    const pdf = await renderDpaPdf(handMadeDpa({ paperSize }));
    const info = await pdfInfo(pdf.bytes);
    expect(info.pageSize).toEqual({ width, height });
    expect(info.pages).toBe(pdf.pages);
    expect((await qpdfCheck(pdf.bytes)).ok).toBe(true);
  });

  it("keeps characters that are special in XML or PDF strings in the title", async () => {
    const title = "DPA: Smith & Sons <Ltd> (UK) \\ back";
    const pdf = await renderDpaPdf(handMadeDpa({ title }));
    expect((await pdfInfo(pdf.bytes)).fields.Title).toBe(title);
    expect((await qpdfCheck(pdf.bytes)).ok).toBe(true);
  });

  it("refuses an effective date that is not a date", async () => {
    await expect(renderDpaPdf(handMadeDpa({ effectiveDate: "2026-02-31x" }))).rejects.toThrow(/not a date/);
  });
});

describe("deterministic output", () => {
  const renderInChild = async (doc: DpaDocument): Promise<string> => {
    const module = new URL("../../src/dpa/dpa-render.ts", import.meta.url).href;
    const script = `const { renderDpaPdf } = await import(${JSON.stringify(module)});
const { createHash } = await import("node:crypto");
const { bytes } = await renderDpaPdf(JSON.parse(process.env.DPA_DOCUMENT));
process.stdout.write(createHash("sha256").update(bytes).digest("hex"));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { env: { ...process.env, DPA_DOCUMENT: JSON.stringify(doc) } },
    );
    return stdout;
  };

  it("gives byte-identical PDFs for the same document, in this process and in another", async () => {
    const doc = handMadeDpa();
    const first = sha256((await renderDpaPdf(doc)).bytes);
    expect(sha256((await renderDpaPdf(structuredClone(doc))).bytes)).toBe(first);
    expect(await renderInChild(doc)).toBe(first);
  });

  it("derives the trailer /ID from the document id, version and fingerprint", async () => {
    const idOf = (doc: DpaDocument) =>
      createHash("sha256")
        .update(`${doc.documentId}\n${doc.version}\n${doc.fingerprint}`)
        .digest()
        .subarray(0, 16)
        .toString("hex");
    for (const doc of [handMadeDpa(), handMadeDpa({ version: 4 })]) {
      const trailer = (await renderDpaPdf(doc)).bytes.toString("latin1").split("trailer").at(-1) ?? "";
      expect(trailer).toContain(`/ID [<${idOf(doc)}> <${idOf(doc)}>]`);
    }
  });

  it("changes the bytes when the version or the effective date changes", async () => {
    const base = sha256((await renderDpaPdf(handMadeDpa())).bytes);
    expect(sha256((await renderDpaPdf(handMadeDpa({ version: 4 }))).bytes)).not.toBe(base);
    expect(sha256((await renderDpaPdf(handMadeDpa({ effectiveDate: "2026-03-03" }))).bytes)).not.toBe(base);
  });
});

/** Every piece of text a block prints, each of which must come out of the PDF in one piece. */
function printedPieces(block: DpaBlock): string[] {
  switch (block.kind) {
    case "heading":
    case "paragraph":
      return [block.text];
    case "clause":
      return [`${block.number} ${block.title ?? ""}`, ...block.paragraphs];
    case "list":
      return block.items;
    case "table":
      return [...block.columns.map((c) => c.header), ...block.rows.flat()];
    case "fields":
      return block.rows.flat();
    case "signatures":
      return block.parties.flatMap((p) => [
        p.role,
        p.legalName,
        p.signatoryName ?? "",
        p.signatoryTitle ?? "",
      ]);
    case "pageBreak":
      return [];
  }
}

describe("a DPA generated from the register", () => {
  it("prints every block of the rich fixture, bookmarks its sections and passes qpdf --check", async () => {
    const doc = buildDpaDocument(richDpaInputs(), {
      documentId: "01JNQ8Z6X4T9VENDORVETDPA02",
      version: 1,
      fingerprint: FINGERPRINT,
    });
    const pdf = await renderDpaPdf(doc);
    // Compared without whitespace (lines wrap anywhere, and after a hyphen) and without the footers, which a
    // paragraph running onto the next page would otherwise enclose.
    const squash = (text: string) => text.replace(/\s+/g, "");
    const pages = await pdfPageTexts(pdf.bytes, "raw");
    const text = squash(pages.map((page) => page.replace(/^v1 · .* Page \d+ of \d+$/m, "")).join(""));
    for (const piece of doc.blocks.flatMap(printedPieces)) expect(text).toContain(squash(piece));

    const flatten = (entries: OutlineEntry[]): string[] =>
      entries.flatMap((e) => [e.title, ...flatten(e.kids)]);
    const headings = doc.blocks.flatMap((b) => (b.kind === "heading" && b.level < 3 ? [b.text] : []));
    expect(flatten(await pdfOutline(pdf.bytes))).toEqual(headings);
    expect((await qpdfCheck(pdf.bytes)).ok).toBe(true);
    expect((await pdfInfo(pdf.bytes)).pages).toBe(pdf.pages);
  });
});
