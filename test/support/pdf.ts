import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * Reads PDFs back with the Debian tools installed here and in CI (poppler-utils' pdftotext and pdfinfo, qpdf),
 * each run on a temporary copy of the bytes.
 */

const run = promisify(execFile);
const MAX_OUTPUT = 64 * 1024 * 1024;

async function withPdfFile<T>(bytes: Uint8Array, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "vendorvet-pdf-"));
  try {
    const path = join(dir, "document.pdf");
    await writeFile(path, bytes);
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export type TextMode = "layout" | "raw";

/** The text of the whole PDF (or of pages `from`..`to`, counted from 1), as pdftotext extracts it. */
export function pdfText(
  bytes: Uint8Array,
  mode: TextMode = "layout",
  pages?: { from: number; to: number },
): Promise<string> {
  return withPdfFile(bytes, async (path) => {
    const range = pages ? ["-f", String(pages.from), "-l", String(pages.to)] : [];
    const { stdout } = await run("pdftotext", [`-${mode}`, "-enc", "UTF-8", ...range, path, "-"], {
      maxBuffer: MAX_OUTPUT,
    });
    return stdout;
  });
}

/** The text of each page, in order: pdftotext ends every page with a form feed. */
export async function pdfPageTexts(bytes: Uint8Array, mode: TextMode = "layout"): Promise<string[]> {
  const text = await pdfText(bytes, mode);
  const pages = text.split("\f");
  if (pages.at(-1)?.trim() === "") pages.pop();
  return pages;
}

export interface PdfInfo {
  fields: Record<string, string>;
  pages: number;
  /** Page size in points, rounded to whole points (A4 is 595 x 842, US Letter 612 x 792). */
  pageSize: { width: number; height: number };
}

/** pdfinfo's report, its "Key: value" lines as fields (dates in ISO 8601, e.g. 2026-03-02T00:00:00Z). */
export function pdfInfo(bytes: Uint8Array): Promise<PdfInfo> {
  return withPdfFile(bytes, async (path) => {
    const { stdout } = await run("pdfinfo", ["-isodates", "-enc", "UTF-8", path]);
    const fields: Record<string, string> = {};
    for (const line of stdout.split("\n")) {
      const match = /^([^:]+):\s*(.*)$/.exec(line);
      if (match?.[1]) fields[match[1].trim()] = match[2] ?? "";
    }
    const size = /^([\d.]+) x ([\d.]+) pts/.exec(fields["Page size"] ?? "");
    return {
      fields,
      pages: Number(fields.Pages),
      pageSize: { width: Math.round(Number(size?.[1])), height: Math.round(Number(size?.[2])) },
    };
  });
}

/** qpdf --check: ok only when qpdf exits cleanly, with neither errors nor warnings. */
export function qpdfCheck(bytes: Uint8Array): Promise<{ ok: boolean; output: string }> {
  return withPdfFile(bytes, async (path) => {
    try {
      const { stdout, stderr } = await run("qpdf", ["--check", path], { maxBuffer: MAX_OUTPUT });
      return { ok: true, output: `${stdout}${stderr}` };
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      return { ok: false, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
    }
  });
}

export interface OutlineEntry {
  title: string;
  /** The page the entry jumps to, counted from 1. */
  page: number;
  kids: OutlineEntry[];
}

interface QpdfOutline {
  title: string;
  destpageposfrom1: number;
  kids: QpdfOutline[];
}

/** The document outline (bookmarks), as qpdf reads it. */
export function pdfOutline(bytes: Uint8Array): Promise<OutlineEntry[]> {
  return withPdfFile(bytes, async (path) => {
    const { stdout } = await run("qpdf", ["--json", "--json-key=outlines", path], { maxBuffer: MAX_OUTPUT });
    const toEntry = (item: QpdfOutline): OutlineEntry => ({
      title: item.title,
      page: item.destpageposfrom1,
      kids: item.kids.map(toEntry),
    });
    return (JSON.parse(stdout) as { outlines: QpdfOutline[] }).outlines.map(toEntry);
  });
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  /** A ToUnicode map lets text be extracted as typed. */
  unicode: boolean;
}

/** The fonts the PDF uses, as pdffonts lists them. */
export function pdfFonts(bytes: Uint8Array): Promise<PdfFont[]> {
  return withPdfFile(bytes, async (path) => {
    const { stdout } = await run("pdffonts", [path]);
    // Columns: name, type (may contain spaces), encoding, emb, sub, uni, object number, generation.
    return stdout
      .split("\n")
      .slice(2)
      .filter((line) => line.trim() !== "")
      .map((line) => {
        const words = line.trim().split(/\s+/);
        const [emb, sub, uni] = words.slice(-5, -2);
        return {
          name: words[0] ?? "",
          type: words.slice(1, -6).join(" "),
          embedded: emb === "yes",
          subset: sub === "yes",
          unicode: uni === "yes",
        };
      });
  });
}
