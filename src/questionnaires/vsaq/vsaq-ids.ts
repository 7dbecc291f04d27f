import { ITEM_ID_PATTERN } from "../condition-schema.ts";

/** Turns a VSAQ id into one our format accepts: lower case, `:` (extension namespaces) becomes `.`. */
export function sanitizeVsaqId(id: string): string {
  const cleaned = id
    .toLowerCase()
    .replace(/:/g, ".")
    .replace(/[^a-z0-9_.-]+/g, "-");
  return ITEM_ID_PATTERN.test(cleaned) ? cleaned : `x${cleaned}`;
}

export interface IdAllocator {
  /** Our id for a VSAQ item id (stable for the same input). */
  idOf(vsaqId: string): string;
  /** A new id derived from `base` (`base-1`, or `base` itself if `bare` and free), never clashing with a VSAQ id. */
  fresh(base: string, bare?: boolean): string;
  /** VSAQ ids that had to change, with their new form. */
  renamed: Map<string, string>;
  /** How many numbered ids were made up (items without an id). */
  generated(): number;
}

/**
 * Reserves the converted form of every VSAQ id up front, so that ids made up later for id-less items
 * (info texts, some blocks and check groups) cannot take one that a real item needs.
 */
export function createIdAllocator(vsaqIds: Iterable<string>): IdAllocator {
  const used = new Set<string>();
  const assigned = new Map<string, string>();
  const renamed = new Map<string, string>();
  let generated = 0;
  const assign = (vsaqId: string): string => {
    const known = assigned.get(vsaqId);
    if (known) return known;
    const base = sanitizeVsaqId(vsaqId);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    assigned.set(vsaqId, id);
    if (id !== vsaqId) renamed.set(vsaqId, id);
    return id;
  };
  for (const vsaqId of vsaqIds) assign(vsaqId);
  return {
    idOf: assign,
    fresh(base, bare = false) {
      if (!bare) generated++;
      let n = 1;
      let candidate = bare && !used.has(base) ? base : `${base}-${n}`;
      while (used.has(candidate)) candidate = `${base}-${++n}`;
      used.add(candidate);
      return candidate;
    },
    renamed,
    generated: () => generated,
  };
}
