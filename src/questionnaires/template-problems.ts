import type { z } from "zod";
import { CONDITION_FORMS, conditionForm } from "./condition-schema.ts";

/** One fault in a template file; `path` reads like `sections[2].questions[4] (ac-mfa).options[1].score`. */
export interface Problem {
  file: string;
  path: string;
  message: string;
  /** 1-based line in the file, when the file was YAML or JSON text and the spot could be found. */
  line?: number | undefined;
}

export type PathSegment = string | number;

/** A problem found in the data before its path is turned into text. */
export interface RawProblem {
  path: PathSegment[];
  message: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value found at a path in raw data, or undefined. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (typeof segment === "number") node = Array.isArray(node) ? node[segment] : undefined;
    else node = isRecord(node) && Object.hasOwn(node, segment) ? node[segment] : undefined;
  }
  return node;
}

/** Renders a path, naming the innermost section or question by its id when it has one. */
export function formatPath(root: unknown, path: readonly PathSegment[]): string {
  const lastIndexUnder = (field: string): number =>
    path.findLastIndex((segment, i) => typeof segment === "number" && path[i - 1] === field);
  const questionAt = lastIndexUnder("questions");
  const labelAt = questionAt >= 0 ? questionAt : lastIndexUnder("sections");
  let text = "";
  path.forEach((segment, i) => {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? segment : `.${segment}`;
    if (i === labelAt) {
      const id = valueAt(root, [...path.slice(0, i + 1), "id"]);
      if (typeof id === "string" && id !== "") text += ` (${id})`;
    }
  });
  return text === "" ? "(top level)" : text;
}

function describeMissing(issue: z.core.$ZodIssue, root: unknown, path: PathSegment[]): string {
  if (
    issue.code === "invalid_type" &&
    valueAt(root, path) === undefined &&
    issue.message.startsWith("Invalid input")
  )
    return "is required";
  return issue.message;
}

/** Turns zod issues into raw problems, picking the intended branch of a condition union for clearer messages. */
export function zodIssuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  prefix: PathSegment[] = [],
): RawProblem[] {
  const problems: RawProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        problems.push({ path: [...path, key], message: `unknown field "${key}"` });
    } else if (issue.code === "invalid_union") {
      const form = conditionForm(valueAt(root, path));
      const branch = form === undefined ? undefined : issue.errors[CONDITION_FORMS.indexOf(form)];
      if (branch && branch.length > 0) problems.push(...zodIssuesToProblems(branch, root, path));
      else
        problems.push({
          path,
          message:
            "is not a valid condition: use exactly one of question with equals, oneOf, includes, matches, contains or answered; visible; not; all; any",
        });
    } else {
      problems.push({ path, message: describeMissing(issue, root, path) });
    }
  }
  return problems;
}
