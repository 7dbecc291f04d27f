import { createHash, randomBytes } from "node:crypto";
import { monotonicFactory } from "ulid";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move. */
export function fixedClock(
  start: Date | string,
): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (d) => {
      current = new Date(d);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export type IdGenerator = () => string;

/** ulid's default source asks the OS for randomness one character at a time; draw from a pooled buffer instead. */
function pooledRandom(): () => number {
  let pool = randomBytes(4096);
  let index = 0;
  return () => {
    if (index >= pool.length) {
      pool = randomBytes(4096);
      index = 0;
    }
    const byte = pool[index++] as number;
    return byte / 256;
  };
}

/** Sortable ids; monotonic so rows made in the same millisecond keep their order. */
export const ulidGenerator: IdGenerator = monotonicFactory(pooledRandom());

/** A random secret with `bytes` of entropy, URL-safe. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256Hex(input: string | Uint8Array): string {
  return createHash("sha256").update(input).digest("hex");
}
