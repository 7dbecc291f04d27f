import { sha256Hex } from "../shared/runtime.ts";
import type { DpaInputs } from "./dpa-inputs.ts";

/** JSON with object keys sorted at every level, so equal inputs always give the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** SHA-256 (hex) of the canonical inputs: the document's fingerprint, printed in its footer. */
export function inputsFingerprint(inputs: DpaInputs): string {
  return sha256Hex(canonicalJson(inputs));
}

/**
 * What decides whether a new version is needed: the inputs without the effective date, so asking again on
 * another day for an unchanged register gives back the same version.
 */
export function substanceKey(inputs: DpaInputs): string {
  const { effectiveDate: _date, ...rest } = inputs;
  return canonicalJson(rest);
}
