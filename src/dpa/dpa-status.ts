import { utcDay } from "../assessments/reminder-schedule.ts";
import type { Db } from "../db/connection.ts";
import type { DpaStatus } from "../db/schema.ts";
import { AppError, type FieldIssue, NotFoundError } from "../shared/errors.ts";
import { findVendor } from "../vendors/vendor-queries.ts";
import { describeInputChanges } from "./dpa-changes.ts";
import { substanceKey } from "./dpa-fingerprint.ts";
import type { DpaInputs } from "./dpa-inputs.ts";
import { DpaNotReadyError, gatherDpaInputs } from "./dpa-inputs-gather.ts";
import { type DpaVersionRow, listDpaVersions } from "./dpa-queries.ts";
import { storedInputs } from "./dpa-service.ts";

export interface DpaVersionView {
  documentId: string;
  version: number;
  status: DpaStatus;
  effectiveDate: string;
  sha256: string;
  size: number;
  pages: number;
  createdBy: string;
  createdAt: string;
  sentAt: string | null;
  supersededAt: string | null;
  signed: { sha256: string; signedOn: string; uploadedBy: string; uploadedAt: string } | null;
  /** What changed in the inputs since the previous version; empty for the first. */
  changes: string[];
}

export interface VendorDpaStatus {
  vendorId: string;
  vendorName: string;
  /** Newest first. */
  versions: DpaVersionView[];
  /** The version in force: the latest signed one. */
  inForce: { documentId: string; version: number; signedOn: string } | null;
  /** The register, settings or assessment now say something other than the signed version. */
  outOfDate: boolean;
  /** What differs between the signed version's inputs and today's (effective date aside). */
  changesSinceSigned: string[];
  /** What differs between the latest version's inputs and today's; a new version would carry these. */
  changesSinceLatest: string[];
  /** Whether a DPA can be generated now; `problems` says what is missing when not. */
  ready: boolean;
  problems: FieldIssue[];
}

function toView(row: DpaVersionRow, inputs: DpaInputs, previous: DpaInputs | undefined): DpaVersionView {
  return {
    documentId: row.id,
    version: row.version,
    status: row.status,
    effectiveDate: inputs.effectiveDate,
    sha256: row.sha256,
    size: row.size,
    pages: row.pages,
    createdBy: row.created_by,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    supersededAt: row.superseded_at,
    signed:
      row.signed_sha256 && row.signed_on
        ? {
            sha256: row.signed_sha256,
            signedOn: row.signed_on,
            uploadedBy: row.signed_uploaded_by ?? "",
            uploadedAt: row.signed_uploaded_at ?? "",
          }
        : null,
    changes: previous ? describeInputChanges(previous, inputs) : [],
  };
}

/** Today's inputs, or the reasons they cannot be gathered. */
async function currentInputs(db: Db, vendorId: string, today: string) {
  try {
    return { inputs: await gatherDpaInputs(db, vendorId, today), problems: [] as FieldIssue[] };
  } catch (err) {
    if (err instanceof DpaNotReadyError) return { inputs: null, problems: err.details as FieldIssue[] };
    if (err instanceof AppError && err.code !== "not_found")
      return { inputs: null, problems: [{ path: "(root)", message: err.message }] };
    throw err;
  }
}

const NOT_READY = "the register or settings no longer give a complete DPA (see what is missing)";

/**
 * A vendor's DPA versions with what changed between them, the version in force and whether it is out of date:
 * a register, settings or assessment change after signature means the signed text no longer matches.
 */
export async function dpaStatusForVendor(db: Db, vendorId: string, now: Date): Promise<VendorDpaStatus> {
  const vendor = await findVendor(db, vendorId);
  if (!vendor) throw new NotFoundError("Vendor");
  const rows = await listDpaVersions(db, vendorId);
  const inputs = rows.map((r) => storedInputs(r.inputs));
  const versions = rows.map((row, i) => toView(row, inputs[i] as DpaInputs, inputs[i + 1]));
  const current = await currentInputs(db, vendorId, utcDay(now));
  const signedIndex = rows.findIndex((r) => r.status === "signed");
  const signedRow = rows[signedIndex];
  const signedInputs = inputs[signedIndex];
  const since = (base: DpaInputs | undefined): string[] => {
    if (!base) return [];
    if (!current.inputs) return [NOT_READY];
    return describeInputChanges(base, current.inputs, { ignoreEffectiveDate: true });
  };
  const changesSinceSigned = since(signedInputs);
  const differs = (base: DpaInputs | undefined) =>
    base !== undefined && (!current.inputs || substanceKey(base) !== substanceKey(current.inputs));
  return {
    vendorId,
    vendorName: vendor.name,
    versions,
    inForce:
      signedRow?.signed_on != null
        ? { documentId: signedRow.id, version: signedRow.version, signedOn: signedRow.signed_on }
        : null,
    outOfDate: differs(signedInputs),
    changesSinceSigned,
    changesSinceLatest: since(inputs[0]),
    ready: current.inputs !== null,
    problems: current.problems,
  };
}
