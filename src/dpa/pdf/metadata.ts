import { createHash } from "node:crypto";
import type { DpaDocument } from "../dpa-document.ts";

export const DPA_CREATOR = "VendorVet";
/** Fixed, with no library version in it, so that a dependency update alone does not change the bytes. */
export const DPA_PRODUCER = "VendorVet DPA renderer (PDFKit)";

/** Midnight UTC of the effective date: the only date the PDF carries, so the same document gives the same bytes. */
export function documentDate(doc: DpaDocument): Date {
  const date = new Date(`${doc.effectiveDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime()))
    throw new Error(`The DPA's effective date "${doc.effectiveDate}" is not a date`);
  return date;
}

export function documentInfo(doc: DpaDocument): PDFKit.DocumentInfo {
  const date = documentDate(doc);
  return {
    Title: doc.title,
    Subject: doc.subject,
    Author: doc.author,
    Keywords: doc.keywords.join(", "),
    Creator: DPA_CREATOR,
    Producer: DPA_PRODUCER,
    CreationDate: date,
    ModDate: date,
  };
}

/**
 * The trailer /ID (16 bytes, as PDF readers expect): derived from the document id, version and input fingerprint
 * instead of pdfkit's hash of the info dictionary, so two versions with the same title and date still differ.
 */
export function fileIdentifier(doc: DpaDocument): Buffer {
  return createHash("sha256")
    .update(`${doc.documentId}\n${doc.version}\n${doc.fingerprint}`)
    .digest()
    .subarray(0, 16);
}

/** The footer's reference line: "v3 · 01J… · sha256 3f2a9c1d0b7e". */
export function footerReference(doc: DpaDocument): string {
  return `v${doc.version} · ${doc.documentId} · sha256 ${doc.fingerprint.slice(0, 12)}`;
}
