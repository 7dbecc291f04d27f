import type { Problem } from "../template-problems.ts";
import { convertVsaq, emptyReport, type VsaqConvertOptions, type VsaqConvertResult } from "./vsaq-convert.ts";
import { parseVsaqon, VsaqSyntaxError } from "./vsaq-parse.ts";

export interface VsaqImportOptions extends Omit<VsaqConvertOptions, "extension"> {
  /** The text of a VSAQ template extension file. */
  extensionText?: string;
  /** Name of the extension file, for problems. */
  extensionFile?: string;
}

function readVsaqon(text: string, file: string): { value: unknown } | { problem: Problem } {
  try {
    return { value: parseVsaqon(text) };
  } catch (error) {
    if (!(error instanceof VsaqSyntaxError)) throw error;
    return {
      problem: { file, path: "(top level)", message: `not a VSAQ file: ${error.message}`, line: error.line },
    };
  }
}

/**
 * Reads a VSAQ questionnaire file (and optionally an extension file) and converts it, for the CLI's
 * `questionnaire import-vsaq` and the upload page. Never throws on bad input; see convertVsaq for the rules.
 */
export function importVsaq(text: string, options: VsaqImportOptions = {}): VsaqConvertResult {
  const { extensionText, extensionFile, ...convertOptions } = options;
  const file = options.file ?? "vsaq";
  const base = readVsaqon(text, file);
  const extension =
    extensionText === undefined ? undefined : readVsaqon(extensionText, extensionFile ?? "extension");
  const problems = [base, extension].flatMap((read) => (read && "problem" in read ? [read.problem] : []));
  if ("problem" in base || (extension && "problem" in extension)) return { problems, report: emptyReport() };
  return convertVsaq(base.value, {
    ...convertOptions,
    file,
    ...(extension ? { extension: extension.value } : {}),
  });
}
