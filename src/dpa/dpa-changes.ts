import type { DpaInputs } from "./dpa-inputs.ts";

// "What changed since the previous version", as lines a privacy reviewer can read: field paths for changed
// values ("records[1].retention: ..."), names for list entries that came or went ("subprocessors: added Mailer
// Inc"). Lists whose entries have an identity are matched by it, so removing the first record does not show
// every later record as changed.

type Item = Record<string, unknown>;

const short = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const str = (item: Item, key: string) => String(item[key] ?? "");

/** Lists whose entries have an identity: how to match them and how to name one. */
const KEYED: Record<string, { key: (i: Item) => string; label: (i: Item) => string }> = {
  records: { key: (i) => str(i, "id"), label: (i) => `“${short(str(i, "purpose"))}”` },
  subprocessors: {
    key: (i) => `${str(i, "name")}|${str(i.location as Item, "country")}`,
    label: (i) => str(i, "name"),
  },
  contacts: { key: (i) => `${str(i, "name")}|${str(i, "email")}`, label: (i) => str(i, "name") },
  dataCategories: { key: (i) => str(i, "code"), label: (i) => str(i, "label") },
  locations: { key: (i) => str(i, "country"), label: (i) => str(i, "countryName") },
  measures: { key: (i) => str(i, "questionId"), label: (i) => `“${short(str(i, "statement"))}”` },
  openFindings: {
    key: (i) => `${str(i, "title")}|${str(i, "severity")}`,
    label: (i) => `“${str(i, "title")}”`,
  },
};

const person = (i: Item) => [i.name, i.title, i.email].filter((v) => typeof v === "string" && v).join(", ");

/** How to name a whole object that appears or disappears. */
const OBJECT_LABELS: Record<string, (i: Item) => string> = {
  assessment: (i) =>
    `${str(i, "questionnaireTitle")} v${str(i, "questionnaireVersion")}, completed ${str(i, "completedOn")}`,
  signatory: person,
  dpo: person,
};

function formatValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return "none";
  const text = typeof value === "string" ? `“${value}”` : JSON.stringify(value);
  return text.length <= 48 && !text.includes("\n") ? text : undefined;
}

function lastSegment(path: string): string {
  return (
    path
      .replace(/\[\d+\]$/, "")
      .split(".")
      .pop() ?? path
  );
}

const isObject = (v: unknown): v is Item => v !== null && typeof v === "object" && !Array.isArray(v);

function diffLists(path: string, before: unknown[], after: unknown[], out: string[]): void {
  const keyed = KEYED[lastSegment(path)];
  if (!keyed || !before.every(isObject) || !after.every(isObject)) {
    const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
    const was = new Set(before.map(text));
    const now = new Set(after.map(text));
    const added = [...now].filter((v) => !was.has(v));
    const removed = [...was].filter((v) => !now.has(v));
    const parts = [
      ...(added.length > 0 ? [`added ${added.join(", ")}`] : []),
      ...(removed.length > 0 ? [`removed ${removed.join(", ")}`] : []),
    ];
    if (parts.length > 0) out.push(`${path}: ${parts.join("; ")}`);
    else if (JSON.stringify(before) !== JSON.stringify(after)) out.push(`${path}: order changed`);
    return;
  }
  const old = new Map(before.map((i) => [keyed.key(i), i]));
  const fresh = new Set(after.map((i) => keyed.key(i)));
  for (const item of before)
    if (!fresh.has(keyed.key(item))) out.push(`${path}: removed ${keyed.label(item)}`);
  after.forEach((item, index) => {
    const previous = old.get(keyed.key(item));
    if (previous === undefined) out.push(`${path}: added ${keyed.label(item)}`);
    else diffValues(`${path}[${index}]`, previous, item, out);
  });
}

function diffValues(path: string, before: unknown, after: unknown, out: string[]): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    diffLists(path, before, after, out);
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) diffValues(path ? `${path}.${key}` : key, before[key], after[key], out);
    return;
  }
  const label = OBJECT_LABELS[lastSegment(path)];
  if (label && before === null && isObject(after)) return void out.push(`${path}: added (${label(after)})`);
  if (label && after === null && isObject(before))
    return void out.push(`${path}: removed (${label(before)})`);
  const was = formatValue(before);
  const now = formatValue(after);
  out.push(was !== undefined && now !== undefined ? `${path}: ${was} → ${now}` : `${path}: changed`);
}

/** The differences between two sets of DPA inputs, one readable line each, in a fixed order. */
export function describeInputChanges(
  before: DpaInputs,
  after: DpaInputs,
  options: { ignoreEffectiveDate?: boolean } = {},
): string[] {
  const out: string[] = [];
  const strip = (i: DpaInputs) => {
    if (!options.ignoreEffectiveDate) return i;
    const { effectiveDate: _d, ...rest } = i;
    return rest;
  };
  diffValues("", strip(before), strip(after), out);
  return out;
}
