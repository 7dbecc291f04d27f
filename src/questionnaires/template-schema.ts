import { z } from "zod";
import { Condition, ItemId } from "./condition-schema.ts";

export { Condition, ItemId } from "./condition-schema.ts";

export const TIERS = ["critical", "high", "medium", "low"] as const;
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export const QUESTION_TYPES = [
  "yes_no",
  "single_choice",
  "multiple_choice",
  "short_text",
  "long_text",
  "number",
  "date",
  "evidence",
  "notice",
] as const;
export const EVIDENCE_KINDS = [
  "soc2_report",
  "iso27001_certificate",
  "pentest_report",
  "policy_document",
  "other",
] as const;
/** The measure groups of Annex II of the 2021 Standard Contractual Clauses (technical and organisational measures). */
export const ANNEX_GROUPS = [
  "pseudonymisation-encryption",
  "confidentiality-integrity-availability",
  "restore-availability",
  "regular-testing",
  "identification-authorisation",
  "protection-in-transit",
  "protection-at-rest",
  "physical-security",
  "logging",
  "configuration",
  "governance",
  "certification",
  "data-minimisation",
  "data-quality",
  "retention",
  "accountability",
  "portability-erasure",
  "subprocessors",
] as const;
/** VSAQ item types that the import keeps as questions (blocks become sections, spacers are dropped). */
export const VSAQ_ITEM_TYPES = [
  "line",
  "box",
  "info",
  "tip",
  "check",
  "radiogroup",
  "checkgroup",
  "yesno",
  "upload",
] as const;

export const Tier = z.enum(TIERS);
export type Tier = z.infer<typeof Tier>;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;
export const QuestionType = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionType>;
export const EvidenceKind = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKind>;
export const AnnexGroup = z.enum(ANNEX_GROUPS);
export type AnnexGroup = z.infer<typeof AnnexGroup>;

/** The score an answer needs to pass when a question sets no passScore. */
export const DEFAULT_PASS_SCORE = 0.5;

const Score = z.number().min(0, "scores lie between 0 and 1").max(1, "scores lie between 0 and 1");
const Text = z.string().trim().min(1, "must not be empty");

export const Option = z.strictObject({
  value: z.string().min(1, "must not be empty"),
  label: Text,
  score: z.number({ error: "every option needs a score between 0 and 1" }).pipe(Score),
  /** Shows this one option only while the condition holds (VSAQ `choicesConds`). */
  showIf: Condition.optional(),
  /** Set by the VSAQ import: the VSAQ choice id this option came from. */
  vsaqId: z.string().optional(),
});
export type Option = z.infer<typeof Option>;
export type OptionInput = z.input<typeof Option>;

export const Finding = z.strictObject({
  severity: Severity,
  title: Text,
  recommendation: Text,
  when: Condition.optional(),
});
export type Finding = z.infer<typeof Finding>;

export const NumberThreshold = z.strictObject({
  min: z.number().optional(),
  max: z.number().optional(),
  score: Score,
});
export type NumberThreshold = z.infer<typeof NumberThreshold>;

export const NumberSettings = z.strictObject({
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
  thresholds: z.array(NumberThreshold).min(1).optional(),
});
export type NumberSettings = z.infer<typeof NumberSettings>;

export const DateSettings = z.strictObject({
  maxAgeMonths: z.number().int().positive().optional(),
});
export type DateSettings = z.infer<typeof DateSettings>;

export const EvidenceSettings = z.strictObject({
  kinds: z
    .array(EvidenceKind)
    .min(1)
    .default([...EVIDENCE_KINDS]),
  expiry: z.boolean().default(false),
});
export type EvidenceSettings = z.infer<typeof EvidenceSettings>;

const Tag = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]*:\S+$/i, "tags read framework:reference, for example iso27001:A.8.5");

const QuestionFields = z.strictObject({
  id: ItemId,
  text: Text,
  help: z.string().optional(),
  type: QuestionType,
  required: z.boolean().default(false),
  weight: z.number().min(0, "weights are 0 or more").optional(),
  critical: z.boolean().default(false),
  allowNotApplicable: z.boolean().default(false),
  expected: z.enum(["yes", "no"]).optional(),
  /** Custom captions for the two answers of a yes_no question (VSAQ `yesno` items carry them). */
  labels: z.strictObject({ yes: Text, no: Text }).optional(),
  passScore: Score.default(DEFAULT_PASS_SCORE),
  options: z.array(Option).optional(),
  combine: z.enum(["max", "sum", "min"]).optional(),
  number: NumberSettings.optional(),
  date: DateSettings.optional(),
  evidence: EvidenceSettings.optional(),
  showIf: Condition.optional(),
  finding: Finding.optional(),
  tags: z.array(Tag).default([]),
  annex: AnnexGroup.optional(),
  /** The measure a passing answer confirms, written as a statement for the DPA's Annex II. */
  measure: z.string().trim().min(1).optional(),
  /** Set by the VSAQ import: the VSAQ item this question came from (`choice` for a group of one checkbox). */
  vsaq: z
    .strictObject({ type: z.enum(VSAQ_ITEM_TYPES), id: z.string().optional(), choice: z.string().optional() })
    .optional(),
});

/** Whether a question of this shape produces a score at all (text and evidence only when weighted). */
export function isScorable(question: {
  type: QuestionType;
  weight?: number | undefined;
  number?: NumberSettings | undefined;
  date?: DateSettings | undefined;
}): boolean {
  switch (question.type) {
    case "yes_no":
    case "single_choice":
    case "multiple_choice":
      return true;
    case "number":
      return question.number?.thresholds !== undefined;
    case "date":
      return question.date?.maxAgeMonths !== undefined;
    case "short_text":
    case "long_text":
    case "evidence":
      return (question.weight ?? 0) > 0;
    case "notice":
      return false;
  }
}

export const Question = QuestionFields.transform((q) => ({
  ...q,
  weight: q.weight ?? (isScorable(q) ? 1 : 0),
  ...(q.type === "yes_no" ? { expected: q.expected ?? "yes" } : {}),
  ...(q.type === "multiple_choice" ? { combine: q.combine ?? "max" } : {}),
  ...(q.type === "evidence" ? { evidence: q.evidence ?? { kinds: [...EVIDENCE_KINDS], expiry: false } } : {}),
})).meta({ id: "Question" });
export type Question = z.infer<typeof Question>;
export type QuestionInput = z.input<typeof Question>;

export const Section = z
  .strictObject({
    id: ItemId,
    title: Text,
    description: z.string().optional(),
    weight: z.number().positive("section weights are greater than 0").default(1),
    showIf: Condition.optional(),
    questions: z.array(Question).min(1, "a section needs at least one question"),
    /** Set by the VSAQ import: the block this section came from; `continued` for the part after a nested block. */
    vsaq: z.strictObject({ id: z.string().optional(), continued: z.boolean().optional() }).optional(),
  })
  .meta({ id: "Section" });
export type Section = z.infer<typeof Section>;
export type SectionInput = z.input<typeof Section>;

export const Template = z
  .strictObject({
    $schema: z.string().optional(),
    key: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]*$/,
        "keys use lower-case letters, digits and '-', starting with a letter or digit",
      ),
    version: z.number().int().min(1, "versions start at 1"),
    title: Text,
    description: z.string().optional(),
    tiers: z.array(Tier).min(1, "name at least one tier"),
    estimatedMinutes: z.number().int().positive().optional(),
    scoring: z.strictObject({ notApplicable: z.enum(["exclude", "pass"]).default("exclude") }).default({
      notApplicable: "exclude",
    }),
    sections: z.array(Section).min(1, "a template needs at least one section"),
  })
  // `$schema` only points editors at the JSON Schema; it is not part of the template's content.
  .transform(({ $schema: _editorHint, ...template }) => template)
  .meta({ id: "Template", title: "VendorVet questionnaire template" });
export type Template = z.infer<typeof Template>;
export type TemplateInput = z.input<typeof Template>;

export const EvidenceAnswer = z.strictObject({
  fileIds: z.array(z.string().min(1)),
  expiresOn: z.iso.date().optional(),
});
export type EvidenceAnswer = z.infer<typeof EvidenceAnswer>;

/**
 * One answer: yes_no "yes" | "no" | "na"; single_choice an option value or "na"; multiple_choice option values
 * (or "na"); text a string; number a number; date "YYYY-MM-DD"; evidence file ids with an optional expiry.
 */
export const Answer = z.union([z.string(), z.number(), z.array(z.string()), EvidenceAnswer]);
export type Answer = z.infer<typeof Answer>;

/** Answers keyed by question id. */
export const Answers = z.record(z.string(), Answer);
export type Answers = z.infer<typeof Answers>;

/** The answer value that means "not applicable". */
export const NOT_APPLICABLE = "na";
