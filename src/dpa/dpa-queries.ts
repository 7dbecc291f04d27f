import { sql } from "kysely";
import type { Db } from "../db/connection.ts";
import type { DpaDocumentRow, DpaDocumentsTable, FindingRow } from "../db/schema.ts";

// Every SQL statement about DPA documents. Lists never select the PDF blobs; only downloads and the export do.

/** A version without its PDF bytes. */
export type DpaVersionRow = Omit<DpaDocumentRow, "pdf" | "signed_pdf"> & { has_signed_pdf: number };

const META = [
  "id",
  "vendor_id",
  "version",
  "status",
  "inputs",
  "inputs_hash",
  "sha256",
  "size",
  "pages",
  "created_by",
  "created_at",
  "sent_at",
  "signed_sha256",
  "signed_on",
  "signed_uploaded_by",
  "signed_uploaded_at",
  "superseded_at",
] as const;

/** Every version of a vendor's DPA, newest first, without the bytes. */
export function listDpaVersions(db: Db, vendorId: string): Promise<DpaVersionRow[]> {
  return db
    .selectFrom("dpa_documents")
    .select(META)
    .select(sql<number>`signed_pdf is not null`.as("has_signed_pdf"))
    .where("vendor_id", "=", vendorId)
    .orderBy("version", "desc")
    .execute();
}

/** The newest version of a vendor's DPA, without the bytes. */
export function findLatestDpa(db: Db, vendorId: string): Promise<DpaVersionRow | undefined> {
  return db
    .selectFrom("dpa_documents")
    .select(META)
    .select(sql<number>`signed_pdf is not null`.as("has_signed_pdf"))
    .where("vendor_id", "=", vendorId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** One version by its document id, without the bytes. */
export function findDpaVersion(db: Db, documentId: string): Promise<DpaVersionRow | undefined> {
  return db
    .selectFrom("dpa_documents")
    .select(META)
    .select(sql<number>`signed_pdf is not null`.as("has_signed_pdf"))
    .where("id", "=", documentId)
    .executeTakeFirst();
}

/** The generated PDF of a version with the vendor's name (for the file name). */
export function findDpaPdf(db: Db, documentId: string) {
  return db
    .selectFrom("dpa_documents as d")
    .innerJoin("vendors as v", "v.id", "d.vendor_id")
    .select(["d.id", "d.version", "d.pdf", "d.sha256", "v.name as vendor_name"])
    .where("d.id", "=", documentId)
    .executeTakeFirst();
}

/** The countersigned PDF of a version, when one was uploaded. */
export function findSignedDpaPdf(db: Db, documentId: string) {
  return db
    .selectFrom("dpa_documents as d")
    .innerJoin("vendors as v", "v.id", "d.vendor_id")
    .select(["d.id", "d.version", "d.signed_pdf", "d.signed_sha256", "d.signed_on", "v.name as vendor_name"])
    .where("d.id", "=", documentId)
    .executeTakeFirst();
}

export async function insertDpaVersion(db: Db, row: DpaDocumentsTable): Promise<void> {
  await db.insertInto("dpa_documents").values(row).execute();
}

export async function updateDpaVersion(db: Db, id: string, set: Partial<DpaDocumentsTable>): Promise<void> {
  await db.updateTable("dpa_documents").set(set).where("id", "=", id).execute();
}

/** Marks the vendor's versions in these statuses superseded; returns the ids it changed. */
export async function supersedeVersions(
  db: Db,
  vendorId: string,
  statuses: readonly DpaDocumentRow["status"][],
  at: string,
  exceptId?: string,
): Promise<{ id: string; version: number; status: string }[]> {
  let q = db
    .selectFrom("dpa_documents")
    .select(["id", "version", "status"])
    .where("vendor_id", "=", vendorId)
    .where("status", "in", statuses);
  if (exceptId) q = q.where("id", "!=", exceptId);
  const rows = await q.orderBy("version").execute();
  if (rows.length > 0)
    await db
      .updateTable("dpa_documents")
      .set({ status: "superseded", superseded_at: at })
      .where(
        "id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
  return rows;
}

/** The vendor's findings still to be dealt with (open, planned or accepted), for Annex II's remediation list. */
export function listUnresolvedFindings(db: Db, vendorId: string): Promise<FindingRow[]> {
  return db
    .selectFrom("findings")
    .selectAll()
    .where("vendor_id", "=", vendorId)
    .where("status", "in", ["open", "remediation_planned", "risk_accepted"])
    .orderBy("id")
    .execute();
}

/** The vendor's most recently completed assessment with its questionnaire version and stored score. */
export function findLatestCompletedAssessment(db: Db, vendorId: string) {
  return db
    .selectFrom("assessments as a")
    .innerJoin("questionnaire_versions as q", "q.id", "a.questionnaire_version_id")
    .leftJoin("assessment_scores as s", "s.assessment_id", "a.id")
    .select([
      "a.id",
      "a.completed_at",
      "a.updated_at",
      "q.title",
      "q.version",
      "q.content",
      "s.result as score_result",
    ])
    .where("a.vendor_id", "=", vendorId)
    .where("a.status", "=", "completed")
    .orderBy(sql`coalesce(a.completed_at, a.updated_at)`, "desc")
    .orderBy("a.id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Approved vendors in name order (as people sort, not by code point), each with its current DPA: the signed one, else the newest. */
export async function listApprovedVendorDpas(db: Db) {
  const rows = await db
    .selectFrom("vendors as v")
    .leftJoin("dpa_documents as d", (join) =>
      join.onRef("d.vendor_id", "=", "v.id").on(
        "d.id",
        "=",
        sql<string>`(select d2.id from dpa_documents d2 where d2.vendor_id = v.id
          order by (d2.status = 'signed') desc, d2.version desc limit 1)`,
      ),
    )
    .select([
      "v.id as vendor_id",
      "v.name as vendor_name",
      "d.id as document_id",
      "d.version",
      "d.status",
      "d.sha256",
      "d.signed_sha256",
      "d.signed_on",
      "d.created_at",
    ])
    .where("v.status", "=", "approved")
    .execute();
  const collator = new Intl.Collator("en", { sensitivity: "base" });
  return rows.sort(
    (a, b) => collator.compare(a.vendor_name, b.vendor_name) || (a.vendor_id < b.vendor_id ? -1 : 1),
  );
}

/** The bytes the export puts in the ZIP for one document: the countersigned copy when there is one. */
export function findExportBytes(db: Db, documentId: string) {
  return db
    .selectFrom("dpa_documents")
    .select(["pdf", "signed_pdf"])
    .where("id", "=", documentId)
    .executeTakeFirst();
}
