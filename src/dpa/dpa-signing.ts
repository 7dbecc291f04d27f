import { fileTypeFromBuffer } from "file-type";
import { z } from "zod";
import { utcDay } from "../assessments/reminder-schedule.ts";
import { recordAudit } from "../audit/audit-write.ts";
import {
  AppError,
  ConflictError,
  NotFoundError,
  UnsupportedMediaTypeError,
  ValidationError,
} from "../shared/errors.ts";
import { sha256Hex } from "../shared/runtime.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { type DpaVersionRow, findDpaVersion, supersedeVersions, updateDpaVersion } from "./dpa-queries.ts";

/** The largest countersigned PDF we take: a scan of a long agreement fits easily. */
export const MAX_SIGNED_PDF_BYTES = 20 * 1024 * 1024;

const SignedOn = z.iso.date({ error: "must be a date as YYYY-MM-DD" });

async function loadVersion(ctx: ServiceContext, documentId: string): Promise<DpaVersionRow> {
  const row = await findDpaVersion(ctx.db, documentId);
  if (!row) throw new NotFoundError("DPA document");
  return row;
}

/** Records that a generated version went out for signature; audited as `dpa.send`. */
export async function markDpaSent(ctx: ServiceContext, documentId: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const row = await loadVersion({ ...ctx, db: trx }, documentId);
    if (row.status !== "generated")
      throw new ConflictError(
        row.status === "sent_for_signature"
          ? `Version ${row.version} is already out for signature`
          : `Version ${row.version} is ${row.status.replace(/_/g, " ")}; only a newly generated version can be sent`,
        { status: row.status },
      );
    const now = ctx.clock.now();
    await updateDpaVersion(trx, documentId, { status: "sent_for_signature", sent_at: now.toISOString() });
    await recordAudit(trx, auditContext(ctx, now), {
      action: "dpa.send",
      entityType: "dpa",
      entityId: documentId,
      changes: {
        status: { before: row.status, after: "sent_for_signature" },
        vendorId: { after: row.vendor_id },
      },
    });
  });
}

/** Refuses what is not a countersigned PDF of a sensible size: by its bytes, never its name or stated type. */
async function checkSignedPdf(bytes: Uint8Array): Promise<void> {
  if (bytes.byteLength === 0)
    throw new ValidationError("The file is empty", [
      { path: "file", message: "choose the countersigned PDF" },
    ]);
  if (bytes.byteLength > MAX_SIGNED_PDF_BYTES)
    throw new AppError(
      "payload_too_large",
      `The file is larger than ${MAX_SIGNED_PDF_BYTES / 1024 / 1024} MB`,
    );
  const type = await fileTypeFromBuffer(bytes);
  if (type?.mime !== "application/pdf")
    throw new UnsupportedMediaTypeError("The file's content is not a PDF, whatever its name says", {
      detected: type?.mime ?? null,
    });
}

function checkSignedOn(value: string, row: DpaVersionRow, today: string): string {
  const parsed = SignedOn.safeParse(value);
  const fail = (message: string) =>
    new ValidationError("The signature date is not valid", [{ path: "signedOn", message }]);
  if (!parsed.success) throw fail(parsed.error.issues[0]?.message ?? "not valid");
  if (parsed.data > today) throw fail("must not be in the future");
  if (parsed.data < row.created_at.slice(0, 10))
    throw fail(`must not be before the version was generated (${row.created_at.slice(0, 10)})`);
  return parsed.data;
}

/**
 * Stores the countersigned copy of a version with its SHA-256 and signature date. The version comes into force
 * and the one signed before it is superseded. Audited as `dpa.sign`.
 */
export async function recordSignedDpa(
  ctx: ServiceContext,
  documentId: string,
  input: { bytes: Uint8Array; signedOn: string },
): Promise<void> {
  const row = await loadVersion(ctx, documentId);
  const signedOn = checkSignedOn(input.signedOn, row, utcDay(ctx.clock.now()));
  await checkSignedPdf(input.bytes);
  const sha256 = sha256Hex(input.bytes);
  await inTransaction(ctx.db, async (trx) => {
    const current = await loadVersion({ ...ctx, db: trx }, documentId);
    if (current.status !== "generated" && current.status !== "sent_for_signature")
      throw new ConflictError(
        current.status === "signed"
          ? `Version ${current.version} is already signed`
          : `Version ${current.version} was superseded by a newer version; have the current one signed`,
        { status: current.status },
      );
    const now = ctx.clock.now();
    const iso = now.toISOString();
    const replaced = await supersedeVersions(trx, current.vendor_id, ["signed"], iso, documentId);
    await updateDpaVersion(trx, documentId, {
      status: "signed",
      signed_pdf: Buffer.from(input.bytes),
      signed_sha256: sha256,
      signed_on: signedOn,
      signed_uploaded_by: ctx.actor.label,
      signed_uploaded_at: iso,
    });
    await recordAudit(trx, auditContext(ctx, now), {
      action: "dpa.sign",
      entityType: "dpa",
      entityId: documentId,
      changes: {
        status: { before: current.status, after: "signed" },
        vendorId: { after: current.vendor_id },
        signedOn: { after: signedOn },
        signedSha256: { after: sha256 },
        size: { after: input.bytes.byteLength },
        ...(replaced.length > 0 ? { supersededVersions: { after: replaced.map((r) => r.version) } } : {}),
      },
    });
  });
}
