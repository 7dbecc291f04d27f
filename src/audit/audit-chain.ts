import { sha256Hex } from "../shared/runtime.ts";

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedContent {
  seq: number;
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: string;
  context: string;
}

/** JSON with sorted keys, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Each event's hash covers its whole content and the previous event's hash. */
export function chainHash(prevHash: string, content: ChainedContent): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(content)}`);
}
