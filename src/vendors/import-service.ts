import { z } from "@hono/zod-openapi";
import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import { AppError } from "../shared/errors.ts";
import { sha256Hex } from "../shared/runtime.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { loadExisting } from "./import-existing.ts";
import { groupVendorRows, type ImportIssue, parseRegisterCsv } from "./import-parse.ts";
import { emptyCounts, type ImportTally, planImport } from "./import-plan.ts";
import { writeImportPlan } from "./import-write.ts";
import { COLUMN_NAMES } from "./register-csv-layout.ts";

export type { ImportTally } from "./import-plan.ts";

export const ImportMode = z.enum(["all", "valid-only"]);
export type ImportMode = z.infer<typeof ImportMode>;

export interface ImportInput {
  text: string;
  fileName: string;
  /** all: nothing is written unless every row is valid. valid-only: the valid rows are, the rest reported. */
  mode: ImportMode;
  /** Work out the whole import, report it, and write nothing. */
  dryRun: boolean;
}

export interface ImportReport {
  /** The subject of the vendor.import audit event; null when nothing was written. */
  importId: string | null;
  fileName: string;
  sha256: string;
  mode: ImportMode;
  dryRun: boolean;
  rows: { total: number; imported: number; rejected: number };
  /** A vendor counts as updated when its details or contacts changed; records are counted on their own. */
  vendors: ImportTally;
  records: ImportTally;
  contacts: ImportTally;
  errors: ImportIssue[];
}

/** The file is refused as a whole; the details list every error with its row and column. */
export class ImportRejectedError extends AppError {
  constructor(readonly report: ImportReport) {
    const n = report.errors.length;
    const details = report.errors.map((e) => ({
      ...e,
      path: `row ${e.row}${e.column ? `, ${e.column}` : ""}`,
    }));
    super("validation_failed", `The file has ${n} error${n === 1 ? "" : "s"}; nothing was imported`, details);
  }
}

const columnOrder = (column: string | null) => (column ? COLUMN_NAMES.indexOf(column) : -1);

/**
 * Imports vendors, contacts and data-sharing records from the register CSV in one transaction. Vendors match
 * by name key, records by (vendor, purpose), contacts by email: importing the same file again changes nothing.
 */
export async function importRegisterCsv(ctx: ServiceContext, input: ImportInput): Promise<ImportReport> {
  const parsed = parseRegisterCsv(input.text);
  const { groups, issues } = groupVendorRows(parsed.rows);
  const errors = [...parsed.issues, ...issues].sort(
    (a, b) => a.row - b.row || columnOrder(a.column) - columnOrder(b.column),
  );
  const imported = groups.reduce((n, g) => n + g.rows.length, 0);
  const report: ImportReport = {
    importId: null,
    fileName: input.fileName,
    sha256: sha256Hex(input.text),
    mode: input.mode,
    dryRun: input.dryRun,
    rows: { total: parsed.dataRows, imported, rejected: parsed.dataRows - imported },
    ...emptyCounts(),
    errors,
  };
  if (parsed.fatal || (input.mode === "all" && errors.length > 0)) {
    throw new ImportRejectedError({
      ...report,
      rows: { ...report.rows, imported: 0, rejected: parsed.dataRows },
    });
  }
  const apply = async (trx: Db) => {
    const now = ctx.clock.now();
    const existing = await loadExisting(
      trx,
      groups.map((g) => g.key),
    );
    const plan = planImport(ctx, groups, existing, now.toISOString());
    Object.assign(report, plan.counts);
    await writeImportPlan({ ...ctx, db: trx }, plan, now);
    if (input.dryRun) return;
    report.importId = ctx.newId();
    const { importId, errors: found, ...summary } = report;
    await recordAudit(trx, auditContext(ctx, now), {
      action: "vendor.import",
      entityType: "vendor_import",
      entityId: importId,
      after: { ...summary, errors: found.length },
    });
  };
  if (input.dryRun) await rollBackAfter(ctx.db, apply);
  else await inTransaction(ctx.db, apply);
  return report;
}

class DryRunRollback extends Error {}

/** Runs the whole import, then undoes it: a dry run's counts are exactly what the import would do. */
async function rollBackAfter(db: Db, fn: (trx: Db) => Promise<void>): Promise<void> {
  if (db.isTransaction) throw new Error("A dry run needs its own transaction; call it outside one");
  try {
    await db.transaction().execute(async (trx) => {
      await fn(trx);
      throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
}
