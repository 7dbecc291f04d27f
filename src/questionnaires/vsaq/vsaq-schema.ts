import { z } from "zod";

/** A `{ "choice_id": "Choice text" }` entry of `choices` or `choicesConds`: exactly one key. */
const SingleEntry = z
  .record(z.string(), z.string())
  .refine((entry) => Object.keys(entry).length === 1, "each entry holds exactly one id and its text");

/** One item of a VSAQ questionnaire, as far as the import reads it; other properties are kept for the report. */
export interface VsaqItem {
  type: string;
  id?: string | undefined;
  cond?: string | undefined;
  text?: string | undefined;
  items?: VsaqItem[] | undefined;
  choices?: Record<string, string>[] | undefined;
  choicesConds?: Record<string, string>[] | undefined;
  defaultChoice?: boolean | string | undefined;
  warn?: string | undefined;
  severity?: string | undefined;
  name?: string | undefined;
  why?: string | undefined;
  yes?: string | undefined;
  no?: string | undefined;
  required?: boolean | undefined;
  insertAfter?: string | undefined;
  insertBefore?: string | undefined;
  [property: string]: unknown;
}

export const VsaqItem: z.ZodType<VsaqItem> = z.lazy(() =>
  z.looseObject({
    type: z.string(),
    id: z.string().optional(),
    cond: z.string().optional(),
    text: z.string().optional(),
    items: z.array(VsaqItem).optional(),
    choices: z.array(SingleEntry).optional(),
    choicesConds: z.array(SingleEntry).optional(),
    defaultChoice: z.union([z.boolean(), z.string()]).optional(),
    warn: z.string().optional(),
    severity: z.string().optional(),
    name: z.string().optional(),
    why: z.string().optional(),
    yes: z.string().optional(),
    no: z.string().optional(),
    required: z.boolean().optional(),
    insertAfter: z.string().optional(),
    insertBefore: z.string().optional(),
  }),
);

/** A VSAQ questionnaire file: one root block in `questionnaire`. */
export const VsaqQuestionnaire = z.looseObject({
  version: z.number().optional(),
  questionnaire: z.array(VsaqItem).length(1, "a VSAQ questionnaire holds exactly one root block"),
});
export type VsaqQuestionnaire = z.infer<typeof VsaqQuestionnaire>;

/** A VSAQ template extension: items placed with `insertAfter` or `insertBefore`, ids prefixed by `namespace`. */
export const VsaqExtension = z.looseObject({
  version: z.number().optional(),
  namespace: z.string().optional(),
  extensions: z.array(VsaqItem),
});
export type VsaqExtension = z.infer<typeof VsaqExtension>;

/** VSAQ's `defaultChoice` appears as a boolean or as the strings "true"/"false". */
export function hasDefaultChoice(item: VsaqItem): boolean {
  return item.defaultChoice === true || item.defaultChoice === "true";
}

/** The single id and text of a choice entry. */
export function choiceEntry(entry: Record<string, string>): [string, string] {
  const [id = "", text = ""] = Object.entries(entry)[0] ?? [];
  return [id, text];
}
