import { checkConditions, type ItemInfo } from "./template-condition-checks.ts";
import { isRecord, type PathSegment, type RawProblem } from "./template-problems.ts";
import {
  DEFAULT_PASS_SCORE,
  isScorable,
  NOT_APPLICABLE,
  QUESTION_TYPES,
  type QuestionType,
} from "./template-schema.ts";

const CHOICE_TYPES: readonly QuestionType[] = ["single_choice", "multiple_choice"];
const ALL_BUT_NOTICE = QUESTION_TYPES.filter((type) => type !== "notice");

/**
 * Which question types each type-specific field belongs to. A field left at its default value (`unset`) passes on
 * any type: the API serves templates with every default filled in, and such a template must publish again as is.
 */
const FIELD_RULES: Record<string, { types: readonly QuestionType[]; unset?: boolean | number }> = {
  options: { types: CHOICE_TYPES },
  combine: { types: ["multiple_choice"] },
  allowNotApplicable: { types: ["yes_no", "single_choice", "multiple_choice", "evidence"], unset: false },
  expected: { types: ["yes_no"] },
  labels: { types: ["yes_no"] },
  number: { types: ["number"] },
  date: { types: ["date"] },
  evidence: { types: ["evidence"] },
  required: { types: ALL_BUT_NOTICE, unset: false },
  weight: { types: ALL_BUT_NOTICE, unset: 0 },
  critical: { types: ALL_BUT_NOTICE, unset: false },
  passScore: { types: ALL_BUT_NOTICE, unset: DEFAULT_PASS_SCORE },
};

const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function checkOptions(
  q: Record<string, unknown>,
  type: QuestionType,
  at: PathSegment[],
  out: RawProblem[],
): void {
  if (!CHOICE_TYPES.includes(type)) return;
  if (!Array.isArray(q.options)) {
    if (q.options === undefined)
      out.push({ path: [...at, "options"], message: `${type} questions need options` });
    return;
  }
  if (q.options.length < 2) out.push({ path: [...at, "options"], message: "give at least two options" });
  const seen = new Map<string, number>();
  q.options.forEach((option, i) => {
    if (!isRecord(option) || typeof option.value !== "string") return;
    const first = seen.get(option.value);
    if (first !== undefined)
      out.push({
        path: [...at, "options", i, "value"],
        message: `"${option.value}" is already options[${first}]`,
      });
    else seen.set(option.value, i);
    if (option.value === NOT_APPLICABLE)
      out.push({
        path: [...at, "options", i, "value"],
        message: `"${NOT_APPLICABLE}" is reserved for "not applicable"; use allowNotApplicable instead`,
      });
  });
}

/** Thresholds are tried in order, so one whose whole range an earlier one covers can never apply. */
function checkThresholds(q: Record<string, unknown>, at: PathSegment[], out: RawProblem[]): void {
  const settings = isRecord(q.number) ? q.number : undefined;
  if (!settings) return;
  const min = num(settings.min);
  const max = num(settings.max);
  if (min !== undefined && max !== undefined && min > max)
    out.push({ path: [...at, "number", "max"], message: `max (${max}) is below min (${min})` });
  const thresholds = list(settings.thresholds).map((t) =>
    isRecord(t) ? { min: num(t.min), max: num(t.max) } : {},
  );
  thresholds.forEach((t, i) => {
    const path = [...at, "number", "thresholds", i];
    if (t.min !== undefined && t.max !== undefined && t.min > t.max) {
      out.push({ path, message: `min (${t.min}) is above max (${t.max}), so it never applies` });
      return;
    }
    const earlier = thresholds
      .slice(0, i)
      .findIndex(
        (e) =>
          (e.min === undefined || (t.min !== undefined && e.min <= t.min)) &&
          (e.max === undefined || (t.max !== undefined && e.max >= t.max)),
      );
    if (earlier >= 0)
      out.push({
        path,
        message: `thresholds are out of order: thresholds[${earlier}] already covers this range, so it never applies`,
      });
  });
}

function checkQuestion(q: Record<string, unknown>, at: PathSegment[], out: RawProblem[]): void {
  const type = q.type as QuestionType;
  if (!QUESTION_TYPES.includes(type)) return;
  for (const [field, { types, unset }] of Object.entries(FIELD_RULES)) {
    if (q[field] !== undefined && q[field] !== unset && !types.includes(type))
      out.push({ path: [...at, field], message: `"${field}" does not apply to ${type} questions` });
  }
  checkOptions(q, type, at, out);
  if (type === "number") checkThresholds(q, at, out);
  if (type === "evidence" && isRecord(q.evidence)) {
    const kinds = list(q.evidence.kinds);
    if (new Set(kinds).size !== kinds.length)
      out.push({ path: [...at, "evidence", "kinds"], message: "lists a kind twice" });
  }
  if (type === "notice") return;

  const shape = {
    type,
    weight: num(q.weight),
    number: isRecord(q.number)
      ? { thresholds: Array.isArray(q.number.thresholds) ? [] : undefined }
      : undefined,
    date: isRecord(q.date) ? { maxAgeMonths: num(q.date.maxAgeMonths) } : undefined,
  };
  const scorable = isScorable(shape);
  const why =
    type === "number"
      ? "add number.thresholds"
      : type === "date"
        ? "add date.maxAgeMonths"
        : "give it a weight above 0 (answered = 1, unanswered = 0)";
  if ((shape.weight ?? 0) > 0 && !scorable)
    out.push({
      path: [...at, "weight"],
      message: `this ${type} question is not scored; ${why} or drop the weight`,
    });
  if (q.critical === true && !scorable)
    out.push({ path: [...at, "critical"], message: `a knock-out question must be scored; ${why}` });
  if (isRecord(q.finding) && q.finding.when === undefined && !scorable)
    out.push({
      path: [...at, "finding"],
      message: `this ${type} question is not scored, so its answer never fails; add finding.when or ${why}`,
    });
}

/** Semantic checks that zod cannot express; they read the raw data so they run even when the schema fails. */
export function checkTemplateData(raw: unknown): RawProblem[] {
  const out: RawProblem[] = [];
  if (!isRecord(raw)) return out;
  const items = new Map<string, ItemInfo>();
  const sectionIds = new Map<string, number>();
  let order = 0;

  list(raw.sections).forEach((section, s) => {
    if (!isRecord(section)) return;
    const sectionPath: PathSegment[] = ["sections", s];
    let sectionId: string | undefined;
    if (typeof section.id === "string") {
      const first = sectionIds.get(section.id);
      if (first !== undefined)
        out.push({
          path: [...sectionPath, "id"],
          message: `section id "${section.id}" is already sections[${first}]`,
        });
      else if (items.has(section.id))
        out.push({
          path: [...sectionPath, "id"],
          message: `id "${section.id}" is already used by a question (ids are unique across sections and questions)`,
        });
      else {
        sectionIds.set(section.id, s);
        sectionId = section.id;
        items.set(section.id, { kind: "section", order: order, path: sectionPath });
      }
    }
    order++;
    list(section.questions).forEach((question, q) => {
      if (!isRecord(question)) return;
      const path: PathSegment[] = [...sectionPath, "questions", q];
      checkQuestion(question, path, out);
      if (typeof question.id === "string") {
        const taken = items.get(question.id);
        if (taken)
          out.push({
            path: [...path, "id"],
            message: `id "${question.id}" is already used by ${taken.kind === "section" ? "a section" : "a question"} (ids are unique across sections and questions)`,
          });
        else
          items.set(question.id, {
            kind: "question",
            order,
            path,
            sectionId,
            raw: question,
          });
      }
      order++;
    });
  });
  out.push(...checkConditions(raw, items));
  return out;
}
