/** A deterministic pseudo-random source (mulberry32): a fixed seed gives the same register on every run. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  /** `weighted` maps each choice to its relative weight. */
  const pickWeighted = <T extends string>(weighted: Readonly<Record<T, number>>): T => {
    const entries = Object.entries(weighted) as [T, number][];
    let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return (entries.at(-1) as [T, number])[0];
  };
  return { next, pick, pickWeighted, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof createRandom>;
