import type { Context } from "hono";
import type { EvidenceFileRow } from "../db/schema.ts";
import { NotFoundError } from "../shared/errors.ts";
import { openStoredFile } from "./evidence-storage.ts";

/** A plain-ASCII stand-in for clients that ignore filename*. */
function asciiFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._ -]/g, "_").replace(/^\.+/, "_") || "evidence";
}

/** `attachment` with both the ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 8187). */
export function attachmentDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encoded}`;
}

/**
 * Serves an evidence file so no browser ever renders it as a page: always a download, with the type we
 * sniffed at upload (not what the uploader claimed), no sniffing, and a sandbox policy should it be opened.
 */
export async function sendEvidenceFile(
  c: Context,
  uploadDir: string,
  file: EvidenceFileRow,
): Promise<Response> {
  const stored = await openStoredFile(uploadDir, file.stored_name);
  if (!stored) throw new NotFoundError("Evidence file");
  return c.body(stored.body, 200, {
    "Content-Type": file.media_type,
    "Content-Length": String(stored.size),
    "Content-Disposition": attachmentDisposition(file.original_name),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Cache-Control": "private, no-store",
  });
}
