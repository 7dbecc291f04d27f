import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { checkTemplateData } from "./template-checks.ts";
import {
  formatPath,
  type PathSegment,
  type Problem,
  type RawProblem,
  zodIssuesToProblems,
} from "./template-problems.ts";
import { Template } from "./template-schema.ts";

export type { Problem } from "./template-problems.ts";

export interface TemplateLoadResult {
  template?: Template;
  problems: Problem[];
}

type Locate = (path: readonly PathSegment[]) => number | undefined;

function readYaml(text: string): { data?: unknown; locate: Locate; problems: RawProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate: Locate = (path) => {
    // Walk down as far as the path exists, so a missing field points at its parent.
    let node: unknown = doc.contents;
    let offset: number | undefined;
    for (const segment of path) {
      const range = (node as { range?: [number, number] } | null)?.range;
      if (range) offset = range[0];
      if (isMap(node)) node = node.get(segment, true);
      else if (isSeq(node) && typeof segment === "number") node = node.get(segment, true);
      else break;
    }
    const range = (node as { range?: [number, number] } | null | undefined)?.range;
    if (range) offset = range[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({
      path: [] as PathSegment[],
      message: `not valid YAML: ${error.message.split("\n")[0]}${error.linePos ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})` : ""}`,
    }));
    return { locate, problems };
  }
  try {
    return { data: doc.toJS({ maxAliasCount: 50 }), locate, problems: [] };
  } catch (error) {
    return { locate, problems: [{ path: [], message: `not valid YAML: ${(error as Error).message}` }] };
  }
}

function readJson(text: string): { data?: unknown; problems: RawProblem[] } {
  try {
    return { data: JSON.parse(text), problems: [] };
  } catch (error) {
    return { problems: [{ path: [], message: `not valid JSON: ${(error as Error).message}` }] };
  }
}

/** Validates already-parsed template data (from a file, an upload or the VSAQ import); never throws. */
export function validateTemplateData(data: unknown, file: string, locate?: Locate): TemplateLoadResult {
  let parsed: ReturnType<typeof Template.safeParse>;
  let raw: RawProblem[];
  try {
    parsed = Template.safeParse(data);
    raw = [
      ...(parsed.success ? [] : zodIssuesToProblems(parsed.error.issues, data)),
      ...checkTemplateData(data),
    ];
  } catch (error) {
    // Only absurd nesting (thousands of levels of conditions) can exhaust the stack here.
    if (!(error instanceof RangeError)) throw error;
    return { problems: [{ file, path: "(top level)", message: "the file is nested too deeply to check" }] };
  }
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const problem of raw) {
    const path = formatPath(data, problem.path);
    const key = `${path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = locate?.(problem.path);
    problems.push({ file, path, message: problem.message, ...(line === undefined ? {} : { line }) });
  }
  // Stable sort: file order where lines are known, so the CLI reads top to bottom.
  problems.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
  return problems.length === 0 && parsed.success ? { template: parsed.data, problems } : { problems };
}

/** Parses template text, JSON when `file` ends in .json and YAML otherwise, reporting every problem at once. */
export function parseTemplate(text: string, file: string): TemplateLoadResult {
  const read =
    extname(file).toLowerCase() === ".json" ? { ...readJson(text), locate: undefined } : readYaml(text);
  if (read.problems.length > 0 || read.data === undefined || read.data === null) {
    const problems = read.problems.length > 0 ? read.problems : [{ path: [], message: "the file is empty" }];
    return {
      problems: problems.map((p) => ({ file, path: formatPath(undefined, p.path), message: p.message })),
    };
  }
  return validateTemplateData(read.data, file, read.locate);
}

/** Reads and validates a template file (.yaml, .yml or .json); a file that cannot be read is reported, not thrown. */
export async function loadTemplateFile(path: string): Promise<TemplateLoadResult> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    return { problems: [{ file: path, path: "(top level)", message: `cannot read the file: ${reason}` }] };
  }
  return parseTemplate(text, path);
}

/** One problem a line, `file:line: path: message`, for the command line. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems
    .map((p) => `${p.file}${p.line === undefined ? "" : `:${p.line}`}: ${p.path}: ${p.message}`)
    .join("\n");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the parsed template as canonical JSON: comments, layout and key order do not change it. */
export function templateContentHash(template: Template): string {
  return createHash("sha256").update(canonicalJson(template)).digest("hex");
}

/** The number of questions a vendor can answer (notices excluded), whatever the conditions. */
export function countQuestions(template: Template): number {
  return template.sections.reduce(
    (sum, section) => sum + section.questions.filter((question) => question.type !== "notice").length,
    0,
  );
}
