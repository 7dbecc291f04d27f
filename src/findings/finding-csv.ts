import { stringify } from "csv-stringify/sync";
import { utcDay } from "../assessments/reminder-schedule.ts";
import type { Db } from "../db/connection.ts";
import { escapeCell } from "../vendors/register-csv-layout.ts";
import { listFindings } from "./finding-queries.ts";
import { toFindings } from "./finding-read.ts";
import {
  FINDING_STATUS_LABELS,
  type Finding,
  type FindingFilters,
  SEVERITY_LABELS,
} from "./finding-schemas.ts";

/** The columns a risk manager works with, in order, and how each is read from a finding. */
const COLUMNS: readonly (readonly [header: string, cell: (f: Finding) => string])[] = [
  ["Vendor", (f) => f.vendor.name],
  ["Severity", (f) => SEVERITY_LABELS[f.severity]],
  ["Status", (f) => FINDING_STATUS_LABELS[f.status]],
  ["Title", (f) => f.title],
  ["Recommendation", (f) => f.recommendation],
  ["Question", (f) => f.question ?? f.questionId ?? ""],
  ["Answer", (f) => f.answer ?? ""],
  ["Source", (f) => (f.source === "questionnaire" ? "Questionnaire" : "Reviewer")],
  ["Due date", (f) => f.dueDate],
  ["Overdue", (f) => (f.overdue ? "yes" : "no")],
  ["Remediation plan", (f) => f.remediation?.plan ?? ""],
  ["Remediation target date", (f) => f.remediation?.targetDate ?? ""],
  ["Risk accepted by", (f) => f.riskAcceptance?.acceptedBy ?? ""],
  ["Risk accepted until", (f) => f.riskAcceptance?.until ?? ""],
  ["Acceptance justification", (f) => f.riskAcceptance?.justification ?? ""],
  ["Resolution note", (f) => f.resolution?.note ?? ""],
  ["Resolved", (f) => f.resolution?.at ?? ""],
  ["Created", (f) => f.createdAt],
  ["Updated", (f) => f.updatedAt],
  ["Finding ID", (f) => f.id],
  ["Assessment ID", (f) => f.assessmentId ?? ""],
];

export const FINDING_CSV_HEADER: readonly string[] = COLUMNS.map(([header]) => header);

/**
 * Findings as CSV for spreadsheets: a BOM so Excel reads UTF-8, CRLF lines, and no cell a spreadsheet would
 * run as a formula (vendors write the answers, so their text must stay text).
 */
export function findingsCsv(findings: readonly Finding[]): string {
  const rows = findings.map((f) => COLUMNS.map(([, cell]) => escapeCell(cell(f))));
  return `\uFEFF${stringify([FINDING_CSV_HEADER, ...rows], { record_delimiter: "\r\n" })}`;
}

const PAGE = 500;

/** Every finding matching the filters, soonest due first, as CSV. */
export async function exportFindingsCsv(db: Db, filters: FindingFilters, now: Date): Promise<string> {
  const today = utcDay(now);
  const all: Finding[] = [];
  let cursor: string | undefined;
  do {
    const page = await listFindings(db, { ...filters, limit: PAGE, ...(cursor ? { cursor } : {}) }, today);
    all.push(...(await toFindings(db, page.rows, today)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return findingsCsv(all);
}

export function findingsFileName(now: Date): string {
  return `vendorvet-findings-${now.toISOString().slice(0, 10)}.csv`;
}
