import type { FieldIssue } from "../shared/errors.ts";
import { zodIssuesToFields } from "../shared/errors.ts";
import { type FormSource, formText } from "../vendors/form-parsing.ts";
import { CreateAssessment, MAX_RECIPIENTS, Recipient } from "./assessment-schemas.ts";

/** The send form as typed, so it can be shown again with its errors. */
export interface SendFormValues {
  vendorId: string;
  questionnaire: string;
  dueDate: string;
  message: string;
  recipients: { name: string; email: string }[];
}

/** Rows the form shows: at least three, one per filled row, at most the recipient limit. */
export function recipientRows(values: SendFormValues["recipients"]): SendFormValues["recipients"] {
  const rows = [...values];
  while (rows.length < 3) rows.push({ name: "", email: "" });
  return rows.slice(0, MAX_RECIPIENTS);
}

/**
 * Reads the posted send form. Blank recipient rows are skipped, and issue paths are mapped back to the row
 * they came from, so an error about the second filled row lands on that row even when the first was blank.
 */
export function parseSendForm(
  form: FormSource,
):
  | { ok: true; input: CreateAssessment; values: SendFormValues; rowOf: (path: string) => string }
  | { ok: false; values: SendFormValues; issues: FieldIssue[] } {
  const recipients: SendFormValues["recipients"] = [];
  for (let i = 0; i < MAX_RECIPIENTS; i++)
    recipients.push({
      name: formText(form, `recipients[${i}].name`),
      email: formText(form, `recipients[${i}].email`),
    });
  while (recipients.length > 0 && recipients.at(-1)?.name === "" && recipients.at(-1)?.email === "")
    recipients.pop();
  const values: SendFormValues = {
    vendorId: formText(form, "vendorId"),
    questionnaire: formText(form, "questionnaire"),
    dueDate: formText(form, "dueDate"),
    message: formText(form, "message"),
    recipients,
  };
  const filled = recipients.flatMap((r, row) => (r.name || r.email ? [{ row, r }] : []));
  const rowOf = (path: string) =>
    path.replace(/^recipients\[(\d+)\]/, (_m, i: string) => `recipients[${filled[Number(i)]?.row ?? i}]`);
  const parsed = CreateAssessment.safeParse({
    vendorId: values.vendorId,
    questionnaire: values.questionnaire,
    dueDate: values.dueDate,
    recipients: filled.map((f) => f.r),
    ...(values.message ? { message: values.message } : {}),
  });
  if (!parsed.success) {
    const issues = zodIssuesToFields(parsed.error.issues).map((i) => ({ ...i, path: rowOf(i.path) }));
    return { ok: false, values, issues };
  }
  return { ok: true, input: parsed.data, values, rowOf };
}

/** The add-recipient form on the assessment page. */
export function parseRecipientForm(form: FormSource) {
  const values = { name: formText(form, "name"), email: formText(form, "email") };
  const parsed = Recipient.safeParse(values);
  return parsed.success
    ? { ok: true as const, input: parsed.data, values }
    : { ok: false as const, values, issues: zodIssuesToFields(parsed.error.issues) };
}
