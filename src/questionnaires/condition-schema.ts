import { z } from "zod";

/** Ids of sections and questions: lower case, digits, `_`, `.` and `-`, starting with a letter or digit. */
export const ITEM_ID_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/;

export const ItemId = z
  .string()
  .regex(
    ITEM_ID_PATTERN,
    "ids use lower-case letters, digits, '_', '.' and '-', starting with a letter or digit",
  );
export type ItemId = z.infer<typeof ItemId>;

export const ConditionValue = z.union([z.string(), z.number()]);
export type ConditionValue = z.infer<typeof ConditionValue>;

/**
 * A condition over earlier answers, used by `showIf` and `finding.when`. A hidden question counts as
 * unanswered for every condition. `caseSensitive` exists for imported VSAQ conditions, whose text tests
 * distinguish case; hand-written conditions compare text case-insensitively.
 */
export type Condition =
  | { question: string; equals: ConditionValue }
  | { question: string; oneOf: ConditionValue[] }
  | { question: string; includes: string }
  | { question: string; matches: string; caseSensitive?: boolean | undefined }
  | { question: string; contains: string; caseSensitive?: boolean | undefined }
  | { question: string; answered: boolean }
  | { visible: string }
  | { not: Condition }
  | { all: Condition[] }
  | { any: Condition[] };

/** The operators that test one question's answer, in the order the docs list them. */
export const ANSWER_OPERATORS = ["equals", "oneOf", "includes", "matches", "contains", "answered"] as const;
export type AnswerOperator = (typeof ANSWER_OPERATORS)[number];

/** The keys that mark each kind of condition; used to tell which form an author meant. */
export const CONDITION_FORMS = [...ANSWER_OPERATORS, "visible", "not", "all", "any"] as const;

export const Condition: z.ZodType<Condition> = z
  .lazy(() =>
    z.union([
      z.strictObject({ question: ItemId, equals: ConditionValue }),
      z.strictObject({ question: ItemId, oneOf: z.array(ConditionValue).min(1) }),
      z.strictObject({ question: ItemId, includes: z.string() }),
      z.strictObject({ question: ItemId, matches: z.string(), caseSensitive: z.boolean().optional() }),
      z.strictObject({ question: ItemId, contains: z.string(), caseSensitive: z.boolean().optional() }),
      z.strictObject({ question: ItemId, answered: z.boolean() }),
      z.strictObject({ visible: ItemId }),
      z.strictObject({ not: Condition }),
      // An empty `all` always holds and an empty `any` never does (the VSAQ import uses the latter for `false`).
      z.strictObject({ all: z.array(Condition) }),
      z.strictObject({ any: z.array(Condition) }),
    ]),
  )
  .meta({
    id: "Condition",
    description:
      "{question, equals|oneOf|includes|matches|contains|answered}, {visible: id}, {not: c}, {all: [c...]} or {any: [c...]}",
  });

/** The form of a condition object: which of CONDITION_FORMS it uses, if exactly one. */
export function conditionForm(value: unknown): (typeof CONDITION_FORMS)[number] | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const forms = CONDITION_FORMS.filter((form) => Object.hasOwn(value, form));
  return forms.length === 1 ? forms[0] : undefined;
}
