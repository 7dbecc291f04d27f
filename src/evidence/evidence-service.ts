import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { EvidenceFileRow } from "../db/schema.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { deleteStoredFile, writeStoredFile } from "./evidence-storage.ts";
import { checkEvidenceFile } from "./evidence-types.ts";
import { evidenceExpiry } from "./evidence-validity.ts";

export interface NewEvidence {
  assessmentId: string;
  questionId: string;
  originalName: string;
  bytes: Uint8Array;
  kind?: string | undefined;
  expiresOn?: string | undefined;
}

/** Extra work that must commit or fail together with the evidence row (e.g. updating the answer). */
export type EvidenceHook = (trx: Db, file: EvidenceFileRow) => Promise<void>;

/** A file name fit to show and to offer on download: no path, no control characters, not endless. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (cleaned || "evidence").slice(0, 200);
}

/**
 * Checks the file by size and content, stores it under a random name and records it with its SHA-256, audited
 * as `evidence.upload`. The bytes are written first; if the transaction fails, they are removed again.
 */
export async function storeEvidence(
  ctx: ServiceContext,
  input: NewEvidence,
  hook?: EvidenceHook,
): Promise<EvidenceFileRow> {
  const mediaType = await checkEvidenceFile(input.bytes);
  const { storedName, sha256 } = await writeStoredFile(ctx.config.uploadDir, input.bytes);
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const now = ctx.clock.now();
      const row: EvidenceFileRow = {
        id: ctx.newId(),
        assessment_id: input.assessmentId,
        question_id: input.questionId,
        original_name: cleanFileName(input.originalName),
        stored_name: storedName,
        media_type: mediaType,
        size: input.bytes.byteLength,
        sha256,
        kind: input.kind ?? null,
        expires_on: evidenceExpiry(input.kind, input.expiresOn, now),
        uploaded_at: now.toISOString(),
        uploaded_by: ctx.actor.label,
        deleted_at: null,
        expiry_reminded_at: null,
      };
      await trx.insertInto("evidence_files").values(row).execute();
      await hook?.(trx, row);
      await recordAudit(trx, auditContext(ctx, now), {
        action: "evidence.upload",
        entityType: "assessment",
        entityId: input.assessmentId,
        after: {
          fileId: row.id,
          questionId: row.question_id,
          name: row.original_name,
          mediaType,
          size: row.size,
          sha256,
          kind: row.kind,
          expiresOn: row.expires_on,
        },
      });
      return row;
    });
  } catch (err) {
    await deleteStoredFile(ctx.config.uploadDir, storedName);
    throw err;
  }
}

/**
 * Marks a file removed (the row stays for the audit trail) and deletes its bytes once the change has
 * committed: the vendor withdrew it, so we keep no copy (GDPR Art. 5(1)(c), data minimisation).
 */
export async function removeEvidence(
  ctx: ServiceContext,
  file: EvidenceFileRow,
  hook?: EvidenceHook,
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const result = await trx
      .updateTable("evidence_files")
      .set({ deleted_at: now.toISOString() })
      .where("id", "=", file.id)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return;
    await hook?.(trx, file);
    await recordAudit(trx, auditContext(ctx, now), {
      action: "evidence.remove",
      entityType: "assessment",
      entityId: file.assessment_id,
      before: {
        fileId: file.id,
        questionId: file.question_id,
        name: file.original_name,
        sha256: file.sha256,
      },
      after: null,
    });
  });
  await deleteStoredFile(ctx.config.uploadDir, file.stored_name);
}

/** One file of one assessment, unless it was removed; undefined for another assessment's file id. */
export async function findEvidence(
  db: Db,
  assessmentId: string,
  fileId: string,
): Promise<EvidenceFileRow | undefined> {
  return db
    .selectFrom("evidence_files")
    .selectAll()
    .where("id", "=", fileId)
    .where("assessment_id", "=", assessmentId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

/** The assessment's current files in upload order. */
export async function listEvidence(db: Db, assessmentId: string): Promise<EvidenceFileRow[]> {
  return db
    .selectFrom("evidence_files")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .where("deleted_at", "is", null)
    .orderBy("uploaded_at")
    .orderBy("id")
    .execute();
}
