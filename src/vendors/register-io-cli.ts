import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { AppError } from "../shared/errors.ts";
import type { ServiceContext } from "../shared/service-context.ts";
import { loadRegister, registerCsv, registerRows, ropaCsv, ropaRows } from "./export-register.ts";
import { ImportRejectedError, type ImportReport, importRegisterCsv } from "./import-service.ts";

/** The options `vendorvet import` and `vendorvet export` add to the command line. */
export const registerIoOptions = {
  "valid-only": { type: "boolean" },
  "dry-run": { type: "boolean" },
  format: { type: "string" },
  output: { type: "string", short: "o" },
} as const;

export interface RegisterIoFlags {
  "valid-only"?: boolean | undefined;
  "dry-run"?: boolean | undefined;
  format?: string | undefined;
  output?: string | undefined;
}

export interface CliPrinter {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const REGISTER_IO_HELP = `  import <file.csv> [--valid-only] [--dry-run]
                                          import vendors and data-sharing records (layout: docs/csv-import.md);
                                          exit 1 when a row has errors
  export register|ropa [--format csv|json] [-o <file>]
                                          the register (import layout) or the GDPR Art. 30 record`;

function usage(message: string): AppError {
  return new AppError("bad_request", message);
}

function printErrors(report: ImportReport, io: CliPrinter): void {
  for (const e of report.errors) io.err(`  row ${e.row}${e.column ? `, ${e.column}` : ""}: ${e.message}`);
}

/** `vendorvet import <file.csv>`: prints the report; exit 1 when any row has errors (0: every row imported). */
export async function runImportCommand(
  ctx: ServiceContext,
  file: string | undefined,
  flags: RegisterIoFlags,
  io: CliPrinter,
): Promise<number> {
  if (!file) throw usage("Give the CSV file: vendorvet import <file.csv> [--valid-only] [--dry-run]");
  const text = await readFile(file, "utf8").catch(() => {
    throw usage(`Cannot read ${file}`);
  });
  let report: ImportReport;
  try {
    report = await importRegisterCsv(ctx, {
      text,
      fileName: basename(file),
      mode: flags["valid-only"] ? "valid-only" : "all",
      dryRun: flags["dry-run"] ?? false,
    });
  } catch (err) {
    if (!(err instanceof ImportRejectedError)) throw err;
    io.err(`${err.message}:`);
    printErrors(err.report, io);
    return 1;
  }
  const { rows, vendors: v, records: r, contacts: c } = report;
  io.out(
    `${report.dryRun ? "Dry run, nothing written" : "Imported"}: ${report.fileName} (sha256 ${report.sha256})`,
  );
  io.out(`Rows: ${rows.total} read, ${rows.imported} imported, ${rows.rejected} rejected`);
  io.out(`Vendors: ${v.created} created, ${v.updated} updated, ${v.unchanged} unchanged`);
  io.out(`Records: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`);
  io.out(`Contacts: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
  if (report.errors.length === 0) return 0;
  io.err(`${report.errors.length} error(s); these rows were left out:`);
  printErrors(report, io);
  return 1;
}

/** `vendorvet export register|ropa`: to standard output, or to the file given with -o. */
export async function runExportCommand(
  ctx: ServiceContext,
  kind: string | undefined,
  flags: RegisterIoFlags,
  io: CliPrinter,
): Promise<number> {
  if (kind !== "register" && kind !== "ropa") throw usage("Export what? vendorvet export register|ropa");
  const format = flags.format ?? "csv";
  if (format !== "csv" && format !== "json") throw usage("--format is csv or json");
  const register = await loadRegister(ctx.db);
  const rows = kind === "register" ? registerRows(register) : ropaRows(register);
  const content =
    format === "json"
      ? `${JSON.stringify({ generatedAt: ctx.clock.now().toISOString(), rows }, null, 2)}\n`
      : kind === "register"
        ? registerCsv(register)
        : ropaCsv(register);
  if (!flags.output) {
    io.out(content.replace(/\r?\n$/, ""));
    return 0;
  }
  await writeFile(flags.output, content, "utf8");
  io.err(`Wrote ${rows.length} rows to ${flags.output}.`);
  return 0;
}
