import type { Principal } from "../../http/hono-env.ts";
import type { QuestionnaireVersionMetaRow } from "../../questionnaires/questionnaire-queries.ts";
import type { FieldIssue } from "../../shared/errors.ts";
import {
  ErrorSummary,
  errorFor,
  FieldError,
  fieldId,
  SelectField,
  TextField,
} from "../../web/form-fields.tsx";
import { CsrfField, Layout } from "../../web/layout.tsx";
import { recipientRows, type SendFormValues } from "../assessment-form.ts";

const LABELS: Record<string, string> = {
  vendorId: "Vendor",
  questionnaire: "Questionnaire",
  version: "Questionnaire version",
  dueDate: "Due date",
  message: "Message",
  recipients: "Recipients",
  "recipients[].name": "Recipient name",
  "recipients[].email": "Recipient email",
};

function RecipientRow(props: {
  index: number;
  value: { name: string; email: string };
  issues?: FieldIssue[] | undefined;
}) {
  const { index: i } = props;
  return (
    <fieldset class="row-group">
      <legend>Recipient {i + 1}</legend>
      <div class="grid">
        <TextField
          path={`recipients[${i}].name`}
          label="Name"
          value={props.value.name}
          issues={props.issues}
          autocomplete="off"
          required={i === 0}
        />
        <TextField
          path={`recipients[${i}].email`}
          label="Email"
          type="email"
          value={props.value.email}
          issues={props.issues}
          autocomplete="off"
          required={i === 0}
        />
      </div>
    </fieldset>
  );
}

/** The form that sends a questionnaire to one vendor; works without JavaScript. */
export function SendFormPage(props: {
  principal: Principal | undefined;
  vendor: { id: string; name: string };
  questionnaires: QuestionnaireVersionMetaRow[];
  recommended: string | undefined;
  values: SendFormValues;
  issues?: FieldIssue[] | undefined;
  error?: string | undefined;
  today: string;
}) {
  const { vendor, values, issues } = props;
  const options = props.questionnaires.map(
    (q) =>
      [
        q.key,
        `${q.title} (version ${q.version}, ${q.question_count} questions)${q.key === props.recommended ? " (recommended)" : ""}`,
      ] as const,
  );
  const recipientsError = errorFor(issues, "recipients");
  return (
    <Layout
      title={`Send a questionnaire to ${vendor.name}`}
      principal={props.principal}
      currentPath="/assessments"
    >
      <p>
        <a href={`/vendors/${vendor.id}`}>Back to {vendor.name}</a>
      </p>
      <h1>Send a questionnaire to {vendor.name}</h1>
      <ErrorSummary issues={issues} labels={LABELS} message={props.error} />
      {props.questionnaires.length === 0 ? (
        <p role="alert">No questionnaire has been published yet, so there is nothing to send.</p>
      ) : (
        <form method="post" action="/assessments" novalidate>
          <CsrfField principal={props.principal} />
          <input type="hidden" name="vendorId" value={vendor.id} />
          <SelectField
            path="questionnaire"
            label="Questionnaire"
            value={values.questionnaire}
            options={options}
            placeholder="Choose a questionnaire"
            issues={issues}
            hint="The latest published version is sent; the assessment keeps that version even if the questionnaire changes later."
            required
          />
          <TextField
            path="dueDate"
            label="Due date"
            type="date"
            value={values.dueDate}
            min={props.today}
            issues={issues}
            hint="Reminders go out before this date and daily once it has passed."
            required
          />
          <fieldset
            id={fieldId("recipients")}
            aria-describedby={recipientsError ? `${fieldId("recipients")}-error` : "recipients-hint"}
          >
            <legend>Who at {vendor.name} should answer</legend>
            <small class="hint" id="recipients-hint">
              Each person gets their own personal link by email. Leave rows you do not need empty.
            </small>
            <FieldError id={`${fieldId("recipients")}-error`} message={recipientsError} />
            {recipientRows(values.recipients).map((r, i) => (
              <RecipientRow index={i} value={r} issues={issues} />
            ))}
          </fieldset>
          <TextField
            path="message"
            label="Message to the recipients"
            value={values.message}
            multiline
            issues={issues}
            hint="Optional. Added to the invitation email, for example what evidence you expect."
          />
          <button type="submit">Send questionnaire</button>
        </form>
      )}
    </Layout>
  );
}
