import type { Condition } from "../condition-schema.ts";
import {
  type CallResolver,
  parseVsaqCondition,
  type ReferenceResolver,
  toCondition,
} from "./vsaq-condition.ts";

/** What a VSAQ id stands for in the converted template. */
export interface VsaqEntry {
  type:
    | "block"
    | "info"
    | "tip"
    | "check"
    | "yesno"
    | "radiogroup"
    | "checkgroup"
    | "line"
    | "box"
    | "upload"
    | "choice";
  /** The condition under which the item shows (what `^id` means). */
  visible: Condition;
  /** The question holding the item's answer (for a tip, its clarification question, if any). */
  questionId?: string | undefined;
  /** For a choice: its group's type and its option value. */
  group?: "radiogroup" | "checkgroup" | undefined;
  value?: string | undefined;
}

const NEVER: Condition = { any: [] };

/**
 * Resolves VSAQ references the way VSAQ's renderer does: a choice or checkbox is true when ticked, a yes/no
 * item only through `/yes` or `/no` (a bare id is false), a group when any choice is ticked, `/value` when
 * the item has a value, and `^id` when the item is shown. Item types that VSAQ cannot test are errors.
 */
export function createResolvers(
  entries: ReadonlyMap<string, VsaqEntry>,
  laterIds: ReadonlySet<string>,
  warn: (message: string) => void,
): { resolveRef: ReferenceResolver; resolveCall: CallResolver } {
  const resolveRef: ReferenceResolver = (ref) => {
    const entry = entries.get(ref.id);
    if (!entry) {
      return {
        error: laterIds.has(ref.id)
          ? `refers to "${ref.id}", which comes later; VendorVet conditions may only look at earlier items`
          : `refers to "${ref.id}", which is not an item of this questionnaire`,
      };
    }
    if (ref.visibility) return entry.visible;
    const question = entry.questionId ?? "";
    switch (entry.type) {
      case "choice":
        return entry.group === "checkgroup"
          ? { question, includes: entry.value ?? "" }
          : { question, equals: entry.value ?? "" };
      case "check":
        if (ref.suffix === "no")
          warn(`"${ref.id}/no" tests a checkbox; VSAQ reads it as "is ticked", and so does the import`);
        return { question, equals: "yes" };
      case "yesno":
        if (ref.suffix === "yes" || ref.suffix === "no") return { question, equals: ref.suffix };
        return ref.suffix === "value" ? { question, answered: true } : NEVER;
      case "radiogroup":
      case "checkgroup":
        return { question, answered: true };
      case "line":
      case "box":
      case "upload":
      case "tip":
        if (ref.suffix === "value" && entry.questionId) return { question, answered: true };
        warn(`"${ref.id}" is a ${entry.type} item: VSAQ treats it as false unless written "${ref.id}/value"`);
        return NEVER;
      case "block":
      case "info":
        return {
          error: `"${ref.id}" is a ${entry.type} and has no value; only "^${ref.id}" (is shown) can test it`,
        };
    }
  };

  const resolveCall: CallResolver = (call) => {
    const [subject, text, flags] = call.args;
    if (subject?.kind !== "ref" || subject.visibility || text?.kind !== "string" || call.args.length > 3) {
      return {
        error: `${call.name}() takes an item's value and a text, as in ${call.name}(item_id/value, "text")`,
      };
    }
    const entry = entries.get(subject.id);
    if (!entry?.questionId || !["line", "box", "tip"].includes(entry.type)) {
      return {
        error: entry
          ? `${call.name}() needs a text item; "${subject.id}" is a ${entry.type}`
          : (resolveRef(subject) as { error: string }).error,
      };
    }
    if (call.name === "contains")
      return { question: entry.questionId, contains: text.value, caseSensitive: true };
    const flagText = flags?.kind === "string" ? flags.value : "";
    if (/[^giy]/.test(flagText)) warn(`matches() flags "${flagText}": only "i" (ignore case) is kept`);
    return {
      question: entry.questionId,
      matches: text.value,
      ...(flagText.includes("i") ? {} : { caseSensitive: true }),
    };
  };
  return { resolveRef, resolveCall };
}

/** Converts one VSAQ condition text; an empty one gives undefined (always shown). */
export function convertVsaqCondition(
  source: string | undefined,
  resolvers: { resolveRef: ReferenceResolver; resolveCall: CallResolver },
): { condition?: Condition; errors: string[] } {
  const errors: string[] = [];
  if (source === undefined || source.trim() === "") return { errors };
  try {
    const expression = parseVsaqCondition(source);
    if (!expression) return { errors };
    const condition = toCondition(expression, resolvers.resolveRef, resolvers.resolveCall, errors);
    return { condition, errors };
  } catch (error) {
    return { errors: [`cannot read the condition "${source}": ${(error as Error).message}`] };
  }
}

/** Both conditions must hold; either may be absent. */
export function bothConditions(a: Condition | undefined, b: Condition | undefined): Condition | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if ("all" in a) return { all: [...a.all, b] };
  return { all: [a, b] };
}
