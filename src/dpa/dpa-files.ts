import type { Context } from "hono";
import { attachmentDisposition } from "../evidence/evidence-download.ts";

/**
 * A vendor name fit for a file name on any system: letters (any script), digits, spaces and a few marks kept;
 * path separators, control and reserved characters replaced; never empty, never starting with a dot.
 */
export function safeFileStem(name: string): string {
  const cleaned = name
    .normalize("NFC")
    .replace(/[^\p{L}\p{N} .,&()'_-]+/gu, "_")
    .replace(/\s+/g, " ")
    .replace(/^[.\s_]+|[.\s]+$/g, "")
    .slice(0, 120);
  return cleaned || "vendor";
}

/** "DPA Müller GmbH v3.pdf", or "… v3 signed.pdf" for the countersigned copy. */
export function dpaFileName(vendorName: string, version: number, signed = false): string {
  return `DPA ${safeFileStem(vendorName)} v${version}${signed ? " signed" : ""}.pdf`;
}

/** A stored PDF as a download: always an attachment, never sniffed or rendered as a page. */
export function sendPdf(c: Context, bytes: Uint8Array, fileName: string, sha256: string): Response {
  return c.body(new Uint8Array(bytes), 200, {
    "Content-Type": "application/pdf",
    "Content-Length": String(bytes.byteLength),
    "Content-Disposition": attachmentDisposition(fileName),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Cache-Control": "private, no-store",
    ETag: `"${sha256}"`,
  });
}
