import type { z } from "@hono/zod-openapi";
import { type FieldIssue, zodIssuesToFields } from "../shared/errors.ts";
import { type FormSource, formText } from "../vendors/form-parsing.ts";
import {
  AcceptRiskInput,
  CreateFinding,
  RemediationPlanInput,
  ReopenInput,
  ResolveInput,
} from "./finding-schemas.ts";

// Posted forms carry strings only; each parser keeps the values as typed (to show again with the errors) and
// returns the same input the JSON API takes, so pages and API share the service and its checks.

export type FormResult<T> =
  | { ok: true; input: T; values: Record<string, string> }
  | { ok: false; values: Record<string, string>; issues: FieldIssue[] };

function parseWith<S extends z.ZodType>(
  schema: S,
  form: FormSource,
  names: readonly string[],
): FormResult<z.infer<S>> {
  const values = Object.fromEntries(names.map((n) => [n, formText(form, n)]));
  // An empty optional field is left out rather than sent as "".
  const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(present);
  return parsed.success
    ? { ok: true, input: parsed.data, values }
    : { ok: false, values, issues: zodIssuesToFields(parsed.error.issues) };
}

/** The fields of the new-finding form, in the order they are shown. */
export const NEW_FINDING_FIELDS = [
  "vendorId",
  "assessmentId",
  "questionId",
  "severity",
  "title",
  "recommendation",
  "dueDate",
] as const;

export function parseNewFindingForm(form: FormSource) {
  return parseWith(CreateFinding, form, NEW_FINDING_FIELDS);
}

export function parsePlanForm(form: FormSource) {
  return parseWith(RemediationPlanInput, form, ["plan", "targetDate"]);
}
export function parseResolveForm(form: FormSource) {
  return parseWith(ResolveInput, form, ["note"]);
}
export function parseAcceptForm(form: FormSource) {
  return parseWith(AcceptRiskInput, form, ["justification", "until"]);
}
export function parseReopenForm(form: FormSource) {
  return parseWith(ReopenInput, form, ["reason"]);
}

/**
 * A local path to go back to after a form, or undefined. Only "/..." paths: "//host" and "/\host" are
 * other sites to a browser, so an attacker's link could otherwise send a signed-in reviewer anywhere.
 */
export function safeReturnTo(value: string): string | undefined {
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return undefined;
  const control = [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
  if (value.length > 500 || control) return undefined;
  return value;
}
