import { strToU8, type Zippable, zipSync } from "fflate";
import type { Db } from "../db/connection.ts";
import { sha256Hex } from "../shared/runtime.ts";
import { dpaFileName } from "./dpa-files.ts";
import { findExportBytes, listApprovedVendorDpas } from "./dpa-queries.ts";

export interface DpaExport {
  bytes: Uint8Array;
  /** One entry per exported PDF, in the ZIP's order. */
  files: {
    name: string;
    vendorId: string;
    documentId: string;
    version: number;
    signed: boolean;
    sha256: string;
  }[];
  /** Approved vendors that have no DPA yet. */
  missing: { vendorId: string; vendorName: string }[];
}

/**
 * A ZIP entry's date, from a YYYY-MM-DD day. ZIP stores local time and fflate reads the local fields of the
 * Date, so the date is built from local parts: the entry then shows that day wherever the export runs.
 */
function entryDate(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y ?? 1980, (m ?? 1) - 1, d ?? 1, 12, 0, 0);
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = name.replace(/\.pdf$/, ` (${n}).pdf`);
  taken.add(candidate.toLowerCase());
  return candidate;
}

function readme(
  files: DpaExport["files"],
  missing: DpaExport["missing"],
  names: Map<string, string>,
): string {
  const lines = [
    "Current data processing agreements of approved vendors, exported from VendorVet.",
    "",
    "Each PDF is the vendor's DPA in force (the countersigned copy) where one has been signed,",
    "otherwise the latest generated version. The SHA-256 of each file is listed so copies can be checked.",
    "",
    `Files (${files.length}):`,
    ...files.map(
      (f) =>
        `- ${f.name}\n  vendor: ${names.get(f.vendorId) ?? f.vendorId} (${f.vendorId})\n  document ${f.documentId}, version ${f.version}, ${f.signed ? "signed copy" : "generated, not signed yet"}\n  sha256 ${f.sha256}`,
    ),
    "",
    `Approved vendors without a DPA (${missing.length}):`,
    ...(missing.length === 0 ? ["- none"] : missing.map((m) => `- ${m.vendorName} (${m.vendorId})`)),
    "",
  ];
  return lines.join("\r\n");
}

/**
 * The current DPA of every approved vendor in one ZIP, with a README listing each file and the vendors still
 * without a DPA. The same database state gives the same bytes: entries are in vendor name order and dated
 * from their documents, never from the clock. PDFs are stored as they are (already compressed).
 */
export async function buildDpaExport(db: Db): Promise<DpaExport> {
  const rows = await listApprovedVendorDpas(db);
  const entries: Zippable = {};
  const files: DpaExport["files"] = [];
  const missing: DpaExport["missing"] = [];
  const names = new Map<string, string>();
  const taken = new Set<string>(["readme.txt"]);
  let latest = "1980-01-01";
  for (const row of rows) {
    names.set(row.vendor_id, row.vendor_name);
    if (!row.document_id || row.version === null) {
      missing.push({ vendorId: row.vendor_id, vendorName: row.vendor_name });
      continue;
    }
    const stored = await findExportBytes(db, row.document_id);
    if (!stored) continue;
    const signed = row.status === "signed" && stored.signed_pdf !== null;
    const bytes = new Uint8Array(signed && stored.signed_pdf ? stored.signed_pdf : stored.pdf);
    const day = (signed ? row.signed_on : null) ?? (row.created_at ?? "1980-01-01").slice(0, 10);
    if (day > latest) latest = day;
    const name = uniqueName(dpaFileName(row.vendor_name, row.version, signed), taken);
    entries[name] = [bytes, { level: 0, mtime: entryDate(day) }];
    files.push({
      name,
      vendorId: row.vendor_id,
      documentId: row.document_id,
      version: row.version,
      signed,
      sha256: sha256Hex(bytes),
    });
  }
  const text = readme(files, missing, names);
  const zip: Zippable = { "README.txt": [strToU8(text), { level: 6, mtime: entryDate(latest) }], ...entries };
  return { bytes: zipSync(zip), files, missing };
}
