import { type Answer, NOT_APPLICABLE, type Question } from "../questionnaires/template-schema.ts";
import { sha256Hex } from "../shared/runtime.ts";

export const MAX_SHORT_TEXT = 1_000;
export const MAX_LONG_TEXT = 20_000;
export const MAX_COMMENT = 5_000;

export type ParsedAnswer = { ok: true; value: Answer | null } | { ok: false; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function yesNoLabels(question: Question): { yes: string; no: string } {
  return question.labels ?? { yes: "Yes", no: "No" };
}

function parseNumber(question: Question, raw: string): ParsedAnswer {
  const text = raw.replace(/[\s\u00a0_]/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { ok: false, message: "Enter a number, for example 12 or 3.5" };
  const n = Number(text);
  const { min, max } = question.number ?? {};
  if (min !== undefined && n < min) return { ok: false, message: `Enter a number of at least ${min}` };
  if (max !== undefined && n > max) return { ok: false, message: `Enter a number no greater than ${max}` };
  return { ok: true, value: n };
}

/**
 * Turns what the form controls of one question sent (radio value, ticked boxes, text) into an answer, or
 * says what is wrong in words a vendor understands. No values, or only blank text, clears the answer.
 */
export function parseSubmittedAnswer(question: Question, values: readonly string[]): ParsedAnswer {
  const given = values.map((v) => v.replace(/\r\n/g, "\n")).filter((v) => v.trim() !== "");
  if (given.length === 0) return { ok: true, value: null };
  const optionValues = (question.options ?? []).map((o) => o.value);
  const naAllowed = question.allowNotApplicable;
  const first = given[0] ?? "";
  switch (question.type) {
    case "yes_no":
      if (first === "yes" || first === "no" || (naAllowed && first === NOT_APPLICABLE))
        return { ok: true, value: first };
      return { ok: false, message: "Choose one of the answers" };
    case "single_choice":
      if (optionValues.includes(first) || (naAllowed && first === NOT_APPLICABLE))
        return { ok: true, value: first };
      return { ok: false, message: "Choose one of the answers" };
    case "multiple_choice": {
      if (given.includes(NOT_APPLICABLE) && naAllowed) {
        return given.length === 1
          ? { ok: true, value: [NOT_APPLICABLE] }
          : { ok: false, message: "“Not applicable” cannot be combined with other answers" };
      }
      if (given.some((v) => !optionValues.includes(v)))
        return { ok: false, message: "Choose from the answers listed" };
      return { ok: true, value: optionValues.filter((v) => given.includes(v)) };
    }
    case "short_text":
      if (first.length > MAX_SHORT_TEXT)
        return { ok: false, message: `Keep this answer under ${MAX_SHORT_TEXT} characters` };
      return { ok: true, value: first.trim() };
    case "long_text":
      if (first.length > MAX_LONG_TEXT)
        return { ok: false, message: `Keep this answer under ${MAX_LONG_TEXT} characters` };
      return { ok: true, value: first.trim() };
    case "number":
      return parseNumber(question, first);
    case "date":
      return isCalendarDate(first.trim())
        ? { ok: true, value: first.trim() }
        : { ok: false, message: "Enter a date as year-month-day, for example 2026-04-30" };
    case "evidence":
    case "notice":
      return { ok: false, message: "This question takes files, not typed answers" };
  }
}

/** A comment as stored: trimmed, null when blank. */
export function cleanComment(raw: string | undefined | null): string | null {
  const text = (raw ?? "").replace(/\r\n/g, "\n").trim();
  return text === "" ? null : text;
}

/** The answer as the strings its form controls hold (radio value, ticked boxes, text). */
export function answerToControlValues(value: Answer | null): string[] {
  if (value === null) return [];
  if (typeof value === "string") return [value];
  if (typeof value === "number") return [String(value)];
  if (Array.isArray(value)) return [...value];
  return [];
}

/** The answer in words, for conflict notices and read-only views. */
export function describeAnswer(question: Question, value: Answer | null): string {
  if (value === null) return "(no answer)";
  const optionLabel = (v: string) =>
    v === NOT_APPLICABLE ? "Not applicable" : (question.options?.find((o) => o.value === v)?.label ?? v);
  if (question.type === "yes_no" && typeof value === "string") {
    const labels = yesNoLabels(question);
    return value === "yes" ? labels.yes : value === "no" ? labels.no : "Not applicable";
  }
  if (typeof value === "string") return question.type === "single_choice" ? optionLabel(value) : value;
  if (typeof value === "number")
    return question.number?.unit ? `${value} ${question.number.unit}` : String(value);
  if (Array.isArray(value))
    return value.length === 0 ? "(nothing chosen)" : value.map(optionLabel).join("; ");
  const files = value.fileIds.length;
  return `${files} file${files === 1 ? "" : "s"}${value.expiresOn ? `, valid until ${value.expiresOn}` : ""}`;
}

export { yesNoLabels };

function shortHash(value: unknown): string {
  return sha256Hex(JSON.stringify(value ?? null)).slice(0, 12);
}

/**
 * What a form remembers about the answer it started from: the revision, and fingerprints of the value and
 * the comment. A later save compares against these to tell "I changed it" from "someone else changed it".
 */
export function baseToken(revision: number, value: Answer | null, comment: string | null): string {
  return `${revision}.${shortHash(value)}.${shortHash(comment)}`;
}

export interface BaseToken {
  revision: number;
  valueHash: string;
  commentHash: string;
}

export function parseBaseToken(token: string | undefined): BaseToken | undefined {
  const m = /^(\d{1,9})\.([a-f0-9]{12})\.([a-f0-9]{12})$/.exec(token ?? "");
  if (!m) return undefined;
  return { revision: Number(m[1]), valueHash: m[2] ?? "", commentHash: m[3] ?? "" };
}

export { shortHash as fingerprint };
