import type { Condition } from "../condition-schema.ts";
import { validateTemplateData } from "../template-loader.ts";
import type { Problem } from "../template-problems.ts";
import type { QuestionInput, SectionInput, Template, Tier } from "../template-schema.ts";
import { TIERS } from "../template-schema.ts";
import { applyVsaqExtensions } from "./vsaq-extend.ts";
import { createIdAllocator } from "./vsaq-ids.ts";
import { convertItem, type ItemContext } from "./vsaq-items.ts";
import { bothConditions, convertVsaqCondition, createResolvers, type VsaqEntry } from "./vsaq-references.ts";
import { choiceEntry, VsaqExtension, type VsaqItem, VsaqQuestionnaire } from "./vsaq-schema.ts";
import { htmlToText } from "./vsaq-text.ts";

export interface VsaqConvertOptions {
  /** A parsed VSAQ template extension whose items are inserted with insertAfter/insertBefore first. */
  extension?: unknown;
  key?: string;
  title?: string;
  tiers?: Tier[];
  version?: number;
  /** Name used in problems (the uploaded file's name). */
  file?: string;
}

/** What the import did, so that a reviewer can check that nothing was lost. */
export interface VsaqImportReport {
  /** Items found in the VSAQ file (after extensions) by VSAQ type; the root block counts as a block. */
  items: Record<string, number>;
  choices: number;
  sections: number;
  /** Sections that continue a block after one of its nested blocks. */
  continuedSections: number;
  questions: Record<string, number>;
  defaultChoices: number;
  conditionalOptions: number;
  /** Conditions converted (item `cond` and `choicesConds`). */
  conditions: number;
  warningFindings: number;
  /** Long-text questions made from tips that ask for an explanation (`why`). */
  clarifications: number;
  droppedSpacers: number;
  renamedIds: Record<string, string>;
  generatedIds: number;
  /** VSAQ properties that have no counterpart, as `type.property` with how often they occur. */
  ignoredProperties: Record<string, number>;
  warnings: string[];
}

export interface VsaqConvertResult {
  template?: Template;
  problems: Problem[];
  report: VsaqImportReport;
}

const READ_PROPERTIES = new Set([
  "type",
  "id",
  "cond",
  "text",
  "items",
  "choices",
  "choicesConds",
  "defaultChoice",
]);
const READ_BY_TYPE: Record<string, string[]> = {
  tip: ["warn", "severity", "name", "why"],
  yesno: ["yes", "no"],
  line: ["required"],
  box: ["required"],
  block: ["auth", "className"],
};

/** A report of an import that read nothing. */
export function emptyReport(): VsaqImportReport {
  return {
    items: {},
    choices: 0,
    sections: 0,
    continuedSections: 0,
    questions: {},
    defaultChoices: 0,
    conditionalOptions: 0,
    conditions: 0,
    warningFindings: 0,
    clarifications: 0,
    droppedSpacers: 0,
    renamedIds: {},
    generatedIds: 0,
    ignoredProperties: {},
    warnings: [],
  };
}

/** Walks every item (blocks included) in document order. */
function eachItem(items: readonly VsaqItem[], visit: (item: VsaqItem) => void): void {
  for (const item of items) {
    visit(item);
    if (item.items) eachItem(item.items, visit);
  }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

function zodProblems(
  file: string,
  what: string,
  issues: readonly { path: PropertyKey[]; message: string }[],
): Problem[] {
  return issues.map((issue) => ({
    file,
    path: [what, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}

/**
 * Converts a parsed VSAQ questionnaire (and optionally one extension) into a VendorVet template that keeps every
 * item: blocks become sections (a block's items after a nested block go into a continued section), every
 * `cond` keeps VSAQ's meaning, and every warning tip becomes a notice that raises a finding of its severity.
 * The result is validated like any template; `template` is present only when there are no problems.
 */
export function convertVsaq(questionnaire: unknown, options: VsaqConvertOptions = {}): VsaqConvertResult {
  const file = options.file ?? "vsaq";
  const report = emptyReport();
  const base = VsaqQuestionnaire.safeParse(questionnaire);
  if (!base.success) return { problems: zodProblems(file, "(vsaq)", base.error.issues), report };
  let source = base.data;
  const problems: Problem[] = [];
  if (options.extension !== undefined) {
    const extension = VsaqExtension.safeParse(options.extension);
    if (!extension.success)
      return { problems: zodProblems(file, "(extension)", extension.error.issues), report };
    const extended = applyVsaqExtensions(source, [extension.data]);
    source = extended.questionnaire;
    problems.push(...extended.problems.map((message) => ({ file, path: "(extension)", message })));
  }
  const root = source.questionnaire[0] as VsaqItem;
  if (root.type !== "block")
    return {
      problems: [{ file, path: "questionnaire[0]", message: "the root item must be a block" }],
      report,
    };

  const allIds: string[] = [];
  eachItem([root], (item) => {
    report.items[item.type] = (report.items[item.type] ?? 0) + 1;
    if (item.id !== undefined) allIds.push(item.id);
    for (const entry of item.choices ?? []) allIds.push(choiceEntry(entry)[0]);
    report.choices += item.choices?.length ?? 0;
    const known = new Set([...READ_PROPERTIES, ...(READ_BY_TYPE[item.type] ?? [])]);
    for (const property of Object.keys(item))
      if (!known.has(property)) {
        const name = `${item.type}.${property}`;
        report.ignoredProperties[name] = (report.ignoredProperties[name] ?? 0) + 1;
      }
  });
  const duplicates = allIds.filter((id, i) => allIds.indexOf(id) !== i);
  for (const id of new Set(duplicates))
    problems.push({
      file,
      path: "(vsaq)",
      message: `the id "${id}" is used by more than one item or choice`,
    });

  const warnings = new Set<string>();
  const warn = (message: string) => warnings.add(message);
  const ids = createIdAllocator(allIds);
  const entries = new Map<string, VsaqEntry>();
  const resolvers = createResolvers(entries, new Set(allIds), warn);
  const ctx: ItemContext = {
    ids,
    entries,
    warn,
    count: (what) => report[what]++,
    condition(text, path) {
      const converted = convertVsaqCondition(text, resolvers);
      if (converted.condition) report.conditions++;
      for (const message of converted.errors) problems.push({ file, path, message });
      return converted.condition;
    },
  };

  const rootTitle = htmlToText(root.text ?? "") || "Imported VSAQ questionnaire";
  const title = options.title ?? rootTitle;
  const sections: SectionInput[] = [];
  const convertBlock = (
    block: VsaqItem,
    path: string,
    parentVisible: Condition | undefined,
    titles: string[],
  ) => {
    let own = ctx.condition(block.cond, `${path}.cond`);
    if (block.className === "vsaq-invisible" || block.auth === "admin") {
      warn(
        `${path}: the block is hidden from vendors in VSAQ (${block.auth === "admin" ? "admin only" : "invisible"}); it is kept but never shown`,
      );
      own = { any: [] };
    }
    const visible = bothConditions(parentVisible, own);
    const firstItem = block.items?.find((item) => item.type !== "spacer");
    const leading = firstItem !== undefined && firstItem.type !== "block";
    const baseId = block.id === undefined ? ids.fresh("block") : ids.idOf(block.id);
    const insideVisible: Condition | undefined = leading ? { visible: baseId } : visible;
    if (block.id !== undefined)
      entries.set(block.id, { type: "block", visible: insideVisible ?? { all: [] } });

    let current: SectionInput | undefined;
    let parts = 0;
    const sectionTitle = titles.join(" \u203a ") || rootTitle;
    (block.items ?? []).forEach((item, i) => {
      const itemPath = `${path}.items[${i}]${item.id === undefined ? "" : ` (${item.id})`}`;
      if (item.type === "spacer") {
        report.droppedSpacers++;
        return;
      }
      if (item.type === "block") {
        convertBlock(item, itemPath, insideVisible, [...titles, htmlToText(item.text ?? "") || "Untitled"]);
        current = undefined;
        return;
      }
      if (current === undefined) {
        const first = parts === 0 && leading;
        current = {
          id: first ? baseId : ids.fresh(`${baseId}.part`),
          title: parts > 0 || !leading ? `${sectionTitle} (continued)` : sectionTitle,
          questions: [],
          ...(block.id === undefined && first
            ? {}
            : {
                vsaq: {
                  ...(block.id === undefined ? {} : { id: block.id }),
                  ...(first ? {} : { continued: true }),
                },
              }),
          ...((first ? visible : insideVisible)
            ? { showIf: (first ? visible : insideVisible) as Condition }
            : {}),
        };
        if (!first) report.continuedSections++;
        parts++;
        sections.push(current);
      }
      const converted = convertItem(item, itemPath, ctx);
      if (converted.length === 0)
        problems.push({ file, path: itemPath, message: `unknown VSAQ item type "${item.type}"` });
      (current.questions as QuestionInput[]).push(...converted);
    });
  };

  convertBlock(root, `questionnaire[0]${root.id === undefined ? "" : ` (${root.id})`}`, undefined, []);

  report.sections = sections.length;
  for (const section of sections)
    for (const question of section.questions)
      report.questions[question.type] = (report.questions[question.type] ?? 0) + 1;
  report.renamedIds = Object.fromEntries(ids.renamed);
  report.generatedIds = ids.generated();
  report.warnings = [...warnings];
  if (problems.length > 0) return { problems, report };

  const answerable = sections.flatMap((s) => s.questions).filter((q) => q.type !== "notice").length;
  const data = {
    key: options.key ?? (`vsaq-${slug(title)}`.replace(/-+$/, "") || "vsaq-import"),
    version: options.version ?? 1,
    title,
    description: `Imported from the VSAQ questionnaire "${title}" (Google's Vendor Security Assessment Questionnaire, Apache License 2.0). Its warnings become findings; its answers carry no scores.`,
    tiers: options.tiers ?? [...TIERS],
    estimatedMinutes: Math.max(5, Math.ceil(answerable / 5) * 5),
    sections,
  };
  const validated = validateTemplateData(data, file);
  return {
    ...(validated.template ? { template: validated.template } : {}),
    problems: validated.problems,
    report,
  };
}
