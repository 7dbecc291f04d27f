import type { Condition } from "../condition-schema.ts";
import {
  EVIDENCE_KINDS,
  type OptionInput,
  type QuestionInput,
  SEVERITIES,
  type Severity,
} from "../template-schema.ts";
import { type IdAllocator, sanitizeVsaqId } from "./vsaq-ids.ts";
import type { VsaqEntry } from "./vsaq-references.ts";
import { choiceEntry, hasDefaultChoice, type VsaqItem } from "./vsaq-schema.ts";
import { htmlToText, shortTitle } from "./vsaq-text.ts";

/** What converting one item needs from the surrounding conversion. */
export interface ItemContext {
  ids: IdAllocator;
  entries: Map<string, VsaqEntry>;
  /** Converts a VSAQ condition, reporting what cannot be converted against `path`. */
  condition(source: string | undefined, path: string): Condition | undefined;
  warn(message: string): void;
  count(what: "defaultChoices" | "conditionalOptions" | "warningFindings" | "clarifications"): void;
}

/** The label VSAQ gives the choice it adds when `defaultChoice` is set. */
export const DEFAULT_CHOICE_LABEL = "None of the above.";
const DEFAULT_CHOICE_VALUE = "none-of-the-above";
const DEFAULT_SEVERITY: Severity = "medium";

function plain(html: string | undefined, fallback: string): string {
  const text = htmlToText(html ?? "");
  return text === "" ? fallback : text;
}

function severityOf(item: VsaqItem, where: string, ctx: ItemContext): Severity {
  const severity = item.severity?.toLowerCase();
  if ((SEVERITIES as readonly string[]).includes(severity ?? "")) return severity as Severity;
  ctx.warn(
    `${where}: warning without a known severity (${JSON.stringify(item.severity ?? null)}); imported as ${DEFAULT_SEVERITY}`,
  );
  return DEFAULT_SEVERITY;
}

/** The id of a check group VSAQ left without one: the common stem of its choice ids, when there is one. */
function groupIdFor(item: VsaqItem, ctx: ItemContext): string {
  if (item.id !== undefined) return ctx.ids.idOf(item.id);
  const choiceIds = (item.choices ?? []).map((entry) => choiceEntry(entry)[0].toLowerCase());
  let stem = choiceIds[0] ?? "";
  for (const id of choiceIds) while (!id.startsWith(stem)) stem = stem.slice(0, -1);
  stem = stem.replace(/[^a-z0-9]+$/, "");
  return stem.length >= 3 ? ctx.ids.fresh(sanitizeVsaqId(stem), true) : ctx.ids.fresh(item.type);
}

function convertChoices(item: VsaqItem, questionId: string, path: string, ctx: ItemContext): OptionInput[] {
  const group = item.type as "radiogroup" | "checkgroup";
  const conditions = new Map((item.choicesConds ?? []).map((entry) => choiceEntry(entry)));
  const options: OptionInput[] = (item.choices ?? []).map((entry) => {
    const [choiceId, text] = choiceEntry(entry);
    const value = ctx.ids.idOf(choiceId);
    const showIf = ctx.condition(conditions.get(choiceId), `${path}.choicesConds (${choiceId})`);
    if (showIf) ctx.count("conditionalOptions");
    const visible: Condition = showIf ? { all: [{ visible: questionId }, showIf] } : { visible: questionId };
    ctx.entries.set(choiceId, { type: "choice", visible, questionId, group, value });
    return { value, label: plain(text, choiceId), score: 1, vsaqId: choiceId, ...(showIf ? { showIf } : {}) };
  });
  if (hasDefaultChoice(item)) {
    ctx.count("defaultChoices");
    let value = DEFAULT_CHOICE_VALUE;
    for (let n = 2; options.some((option) => option.value === value); n++)
      value = `${DEFAULT_CHOICE_VALUE}-${n}`;
    options.push({ value, label: DEFAULT_CHOICE_LABEL, score: 1 });
  }
  return options;
}

/**
 * A group with a single choice is one checkbox, and our choice questions need two options, so it becomes a
 * yes/no question like a VSAQ `check`: the choice id (and the group id) test "yes".
 */
function convertLoneChoice(item: VsaqItem, path: string, ctx: ItemContext): QuestionInput {
  const [choiceId, choiceText] = choiceEntry((item.choices ?? [])[0] ?? {});
  const id = ctx.ids.idOf(item.id ?? choiceId);
  const showIf = ctx.condition(item.cond, `${path}.cond`);
  const entry: VsaqEntry = { type: "check", questionId: id, visible: { visible: id } };
  ctx.entries.set(choiceId, entry);
  if (item.id !== undefined) ctx.entries.set(item.id, entry);
  const groupText = htmlToText(item.text ?? "");
  return {
    id,
    text: plain(choiceText, choiceId),
    ...(groupText === "" ? {} : { help: groupText }),
    type: "yes_no",
    weight: 0,
    ...(showIf ? { showIf } : {}),
    vsaq: {
      type: item.type as "checkgroup",
      ...(item.id === undefined ? {} : { id: item.id }),
      choice: choiceId,
    },
  };
}

/**
 * Converts one non-block VSAQ item into questions (a tip that asks for an explanation gives two), registering
 * what its id and its choice ids mean for later conditions. VSAQ answers carry no scores, so answerable
 * questions get weight 0: the imported risk signal is the warning tips, which become findings.
 */
export function convertItem(item: VsaqItem, path: string, ctx: ItemContext): QuestionInput[] {
  const showIf = ctx.condition(item.cond, `${path}.cond`);
  const common = { ...(showIf ? { showIf } : {}) };
  const vsaq = { type: item.type as "line", ...(item.id === undefined ? {} : { id: item.id }) };
  const register = (entry: Omit<VsaqEntry, "visible">, id: string) => {
    if (item.id !== undefined) ctx.entries.set(item.id, { ...entry, visible: { visible: id } });
  };

  switch (item.type) {
    case "line":
    case "box":
    case "upload":
    case "check":
    case "yesno": {
      const id = item.id === undefined ? ctx.ids.fresh(item.type) : ctx.ids.idOf(item.id);
      register({ type: item.type, questionId: id }, id);
      const question: QuestionInput = {
        id,
        text: plain(item.text, "(no text)"),
        type: "short_text",
        ...common,
        vsaq,
      };
      if (item.required === true) question.required = true;
      if (item.type === "box") question.type = "long_text";
      if (item.type === "upload")
        Object.assign(question, { type: "evidence", evidence: { kinds: [...EVIDENCE_KINDS] } });
      if (item.type === "check" || item.type === "yesno")
        Object.assign(question, { type: "yes_no", weight: 0 });
      if (item.type === "yesno" && item.yes && item.no)
        question.labels = { yes: plain(item.yes, "Yes"), no: plain(item.no, "No") };
      return [question];
    }
    case "radiogroup":
    case "checkgroup": {
      if ((item.choices ?? []).length === 1 && !hasDefaultChoice(item))
        return [convertLoneChoice(item, path, ctx)];
      const id = groupIdFor(item, ctx);
      if (item.id !== undefined)
        ctx.entries.set(item.id, { type: item.type, questionId: id, visible: { visible: id } });
      const fallback = item.type === "radiogroup" ? "Choose one." : "Choose all that apply.";
      return [
        {
          id,
          text: plain(item.text, fallback),
          type: item.type === "radiogroup" ? "single_choice" : "multiple_choice",
          weight: 0,
          options: convertChoices(item, id, path, ctx),
          ...common,
          vsaq,
        },
      ];
    }
    case "info":
    case "tip": {
      const id = item.id === undefined ? ctx.ids.fresh(item.type) : ctx.ids.idOf(item.id);
      const text = plain(item.text, "(no text)");
      const notice: QuestionInput = { id, text, type: "notice", ...common, vsaq };
      const questions = [notice];
      let whyId: string | undefined;
      if (item.type === "tip" && item.warn === "yes") {
        ctx.count("warningFindings");
        const severity = severityOf(item, path, ctx);
        notice.finding = { severity, title: plain(item.name, shortTitle(text)), recommendation: text };
      }
      if (item.type === "tip" && item.why) {
        ctx.count("clarifications");
        whyId = ctx.ids.fresh(`${id}.why`, true);
        questions.push({
          id: whyId,
          text: plain(item.why, "Please explain."),
          type: "long_text",
          showIf: { visible: id },
          vsaq,
        });
      }
      register({ type: item.type, questionId: whyId }, id);
      return questions;
    }
    default:
      return [];
  }
}
