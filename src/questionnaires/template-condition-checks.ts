import { ANSWER_OPERATORS } from "./condition-schema.ts";
import { isRecord, type PathSegment, type RawProblem } from "./template-problems.ts";
import { NOT_APPLICABLE } from "./template-schema.ts";

/** A section or question as the condition checks see it. */
export interface ItemInfo {
  kind: "section" | "question";
  order: number;
  path: PathSegment[];
  sectionId?: string | undefined;
  raw?: Record<string, unknown>;
}

interface Owner {
  id: string | undefined;
  order: number;
  /** finding.when may read its own question's answer; a showIf may not. */
  allowSelf: boolean;
  /** Whether the condition decides visibility (and so takes part in cycles). */
  affectsVisibility: boolean;
}

interface LaterReference {
  from: string;
  to: string;
  path: PathSegment[];
}

const TEXT_TYPES = ["short_text", "long_text"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Why a value cannot be compared with the answer of this question, or undefined when it can. */
function valueProblem(question: Record<string, unknown>, id: string, value: unknown): string | undefined {
  const allowNa = question.allowNotApplicable === true;
  const naHint = allowNa ? `, or "${NOT_APPLICABLE}"` : "";
  const optionValues = list(question.options).flatMap((o) =>
    isRecord(o) && typeof o.value === "string" ? [o.value] : [],
  );
  if (value === NOT_APPLICABLE && allowNa) return undefined;
  switch (question.type) {
    case "yes_no":
      return value === "yes" || value === "no"
        ? undefined
        : `"${id}" is a yes_no question: compare with "yes" or "no"${naHint}`;
    case "single_choice":
      return typeof value === "string" && optionValues.includes(value)
        ? undefined
        : `${JSON.stringify(value)} is not an option of "${id}" (options: ${optionValues.join(", ")}${naHint})`;
    case "number":
      return typeof value === "number" ? undefined : `"${id}" is a number question: compare with a number`;
    case "date":
      return typeof value === "string" && ISO_DATE.test(value)
        ? undefined
        : `"${id}" is a date question: use YYYY-MM-DD`;
    case "short_text":
    case "long_text":
      return typeof value === "string" ? undefined : `"${id}" is a text question: compare with text`;
    case "multiple_choice":
      return `"${id}" is a multiple_choice question: use includes (or oneOf for "any of these")`;
    case "evidence":
      return `"${id}" is an evidence question: use answered`;
    default:
      return undefined;
  }
}

function operatorProblem(
  cond: Record<string, unknown>,
  target: Record<string, unknown>,
  id: string,
): string | undefined {
  const type = String(target.type);
  if (type === "notice") return `"${id}" is a notice and has no answer; use { visible: ${id} }`;
  if ("equals" in cond) return valueProblem(target, id, cond.equals);
  if ("oneOf" in cond) {
    // On a multiple_choice question oneOf means "any selected option is one of these".
    const check = type === "multiple_choice" ? { ...target, type: "single_choice" } : target;
    return list(cond.oneOf)
      .map((v) => valueProblem(check, id, v))
      .find((p) => p !== undefined);
  }
  if ("includes" in cond) {
    if (type !== "multiple_choice")
      return `includes only works on multiple_choice questions; "${id}" is ${type}`;
    const values = list(target.options).flatMap((o) => (isRecord(o) ? [o.value] : []));
    return values.includes(cond.includes)
      ? undefined
      : `${JSON.stringify(cond.includes)} is not an option of "${id}"`;
  }
  if ("matches" in cond || "contains" in cond) {
    if (!TEXT_TYPES.includes(type))
      return `matches and contains only work on text questions; "${id}" is ${type}`;
    if (typeof cond.matches === "string") {
      try {
        new RegExp(cond.matches, "i");
      } catch (error) {
        return `not a valid regular expression: ${(error as Error).message}`;
      }
    }
  }
  return undefined;
}

/** Checks every condition in the template: references, document order, cycles, and operator/type fit. */
export function checkConditions(raw: Record<string, unknown>, items: Map<string, ItemInfo>): RawProblem[] {
  const out: RawProblem[] = [];
  const later: LaterReference[] = [];
  const dependsOn = new Map<string, Set<string>>();
  const addEdge = (from: string | undefined, to: string) => {
    if (from === undefined) return;
    const set = dependsOn.get(from) ?? new Set<string>();
    dependsOn.set(from, set);
    set.add(to);
  };

  const walk = (cond: unknown, path: PathSegment[], owner: Owner): void => {
    if (!isRecord(cond)) return;
    if (isRecord(cond.not)) walk(cond.not, [...path, "not"], owner);
    for (const group of ["all", "any"] as const)
      list(cond[group]).forEach((part, i) => {
        walk(part, [...path, group, i], owner);
      });
    const isAnswerTest = ANSWER_OPERATORS.some((op) => op in cond);
    const field = typeof cond.visible === "string" ? "visible" : isAnswerTest ? "question" : undefined;
    const id = field === undefined ? undefined : cond[field];
    if (field === undefined || typeof id !== "string") return;
    const target = items.get(id);
    if (!target) {
      out.push({
        path: [...path, field],
        message: `refers to "${id}", which is not a question${field === "visible" ? " or section" : ""} in this template`,
      });
      return;
    }
    if (owner.affectsVisibility) addEdge(owner.id, id);
    const isSelf = id === owner.id;
    if (target.order > owner.order || (isSelf && !owner.allowSelf)) {
      later.push({ from: owner.id ?? "", to: id, path: [...path, field] });
      return;
    }
    if (field === "question") {
      if (target.kind === "section") {
        out.push({
          path: [...path, field],
          message: `"${id}" is a section and has no answer; use { visible: ${id} }`,
        });
        return;
      }
      const problem = operatorProblem(cond, target.raw ?? {}, id);
      if (problem) out.push({ path, message: problem });
    }
  };

  for (const [id, info] of items) {
    const node = info.kind === "section" ? undefined : info.raw;
    if (info.kind === "question" && info.sectionId) addEdge(id, info.sectionId);
    if (!node) continue;
    const owner = { id, order: info.order };
    walk(node.showIf, [...info.path, "showIf"], { ...owner, allowSelf: false, affectsVisibility: true });
    list(node.options).forEach((option, i) => {
      if (isRecord(option))
        walk(option.showIf, [...info.path, "options", i, "showIf"], {
          ...owner,
          allowSelf: false,
          affectsVisibility: true,
        });
    });
    if (isRecord(node.finding))
      walk(node.finding.when, [...info.path, "finding", "when"], {
        ...owner,
        allowSelf: true,
        affectsVisibility: false,
      });
  }
  list(raw.sections).forEach((section, s) => {
    if (!isRecord(section)) return;
    const id =
      typeof section.id === "string" && items.get(section.id)?.kind === "section" ? section.id : undefined;
    const order = id ? (items.get(id)?.order ?? 0) : 0;
    walk(section.showIf, ["sections", s, "showIf"], { id, order, allowSelf: false, affectsVisibility: true });
  });

  for (const ref of later) out.push({ path: ref.path, message: laterReferenceMessage(ref, dependsOn) });
  return out;
}

/** A path of visibility dependencies from `start` back to `goal`, if there is one. */
function findPath(start: string, goal: string, dependsOn: Map<string, Set<string>>): string[] | undefined {
  const seen = new Set<string>();
  const visit = (node: string): string[] | undefined => {
    if (node === goal) return [node];
    if (seen.has(node)) return undefined;
    seen.add(node);
    for (const next of dependsOn.get(node) ?? []) {
      const rest = visit(next);
      if (rest) return [node, ...rest];
    }
    return undefined;
  };
  return visit(start);
}

function laterReferenceMessage(ref: LaterReference, dependsOn: Map<string, Set<string>>): string {
  if (ref.from === ref.to) return `condition cycle: "${ref.to}" depends on itself`;
  const back = findPath(ref.to, ref.from, dependsOn);
  if (back) return `condition cycle: ${[ref.from, ...back].join(" -> ")}`;
  return `refers to "${ref.to}", which comes later; conditions may only look at earlier questions and sections`;
}
