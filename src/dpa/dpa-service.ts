import { z } from "zod";
import { utcDay } from "../assessments/reminder-schedule.ts";
import { recordAudit } from "../audit/audit-write.ts";
import { ConflictError, ValidationError } from "../shared/errors.ts";
import { sha256Hex } from "../shared/runtime.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { buildDpaDocument } from "./dpa-content.ts";
import { canonicalJson, inputsFingerprint, substanceKey } from "./dpa-fingerprint.ts";
import { DpaInputs } from "./dpa-inputs.ts";
import { gatherDpaInputs } from "./dpa-inputs-gather.ts";
import { findLatestDpa, insertDpaVersion, supersedeVersions } from "./dpa-queries.ts";
import { renderDpaPdf } from "./dpa-render.ts";

export interface GeneratedDpa {
  documentId: string;
  version: number;
  sha256: string;
  pages: number;
  size: number;
  /** False when nothing changed since the latest version, which is returned as it is. */
  created: boolean;
}

/**
 * The stored inputs of a version. A row written before a change to the inputs' shape is still read (as stored)
 * so its versions stay listed; it then simply differs from anything gathered today.
 */
export function storedInputs(json: string): DpaInputs {
  const raw: unknown = JSON.parse(json);
  const parsed = DpaInputs.safeParse(raw);
  return parsed.success ? parsed.data : (raw as DpaInputs);
}

const EffectiveDate = z.iso.date({ error: "must be a date as YYYY-MM-DD" });

/**
 * Generates the vendor's DPA from the register as it stands. When the inputs (the effective date aside) equal
 * the latest version's, that version is returned and nothing is stored. Otherwise a new version is rendered
 * and stored with its exact inputs, bytes and SHA-256, and older versions not yet signed are superseded; the
 * signed one stays in force until a newer one is signed. Audited as `dpa.generate`.
 */
export async function generateDpa(
  ctx: ServiceContext,
  vendorId: string,
  options: { effectiveDate?: string | undefined } = {},
): Promise<GeneratedDpa> {
  const date = EffectiveDate.safeParse(options.effectiveDate ?? utcDay(ctx.clock.now()));
  if (!date.success)
    throw new ValidationError("The effective date is not valid", [
      { path: "effectiveDate", message: date.error.issues[0]?.message ?? "not valid" },
    ]);
  const inputs = await gatherDpaInputs(ctx.db, vendorId, date.data);
  const latest = await findLatestDpa(ctx.db, vendorId);
  if (latest && substanceKey(storedInputs(latest.inputs)) === substanceKey(inputs))
    return {
      documentId: latest.id,
      version: latest.version,
      sha256: latest.sha256,
      pages: latest.pages,
      size: latest.size,
      created: false,
    };

  const documentId = ctx.newId();
  const version = (latest?.version ?? 0) + 1;
  const fingerprint = inputsFingerprint(inputs);
  // Rendered before the transaction: drawing takes a while and must not hold the database's write lock.
  const { bytes, pages } = await renderDpaPdf(buildDpaDocument(inputs, { documentId, version, fingerprint }));
  const sha256 = sha256Hex(bytes);

  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const iso = now.toISOString();
    const current = await findLatestDpa(trx, vendorId);
    if ((current?.version ?? 0) !== version - 1)
      throw new ConflictError("Another version of this DPA was generated at the same time; try again");
    const superseded = await supersedeVersions(trx, vendorId, ["generated", "sent_for_signature"], iso);
    await insertDpaVersion(trx, {
      id: documentId,
      vendor_id: vendorId,
      version,
      status: "generated",
      inputs: canonicalJson(inputs),
      inputs_hash: fingerprint,
      pdf: bytes,
      sha256,
      size: bytes.byteLength,
      pages,
      created_by: ctx.actor.label,
      created_at: iso,
      sent_at: null,
      signed_pdf: null,
      signed_sha256: null,
      signed_on: null,
      signed_uploaded_by: null,
      signed_uploaded_at: null,
      superseded_at: null,
    });
    await recordAudit(trx, auditContext(ctx, now), {
      action: "dpa.generate",
      entityType: "dpa",
      entityId: documentId,
      after: {
        vendorId,
        version,
        status: "generated",
        effectiveDate: inputs.effectiveDate,
        sha256,
        size: bytes.byteLength,
        pages,
        inputsHash: fingerprint,
        supersededVersions: superseded.map((s) => s.version),
      },
    });
    return { documentId, version, sha256, pages, size: bytes.byteLength, created: true };
  });
}
