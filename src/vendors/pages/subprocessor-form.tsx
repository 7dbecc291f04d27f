import type { Principal } from "../../http/hono-env.ts";
import type { FieldIssue } from "../../shared/errors.ts";
import {
  CheckboxField,
  ChoiceGroup,
  COUNTRY_OPTIONS,
  ErrorSummary,
  SelectField,
  TextField,
} from "../../web/form-fields.tsx";
import { CsrfField } from "../../web/layout.tsx";
import type { SubprocessorFormValues } from "../form-parsing.ts";
import { MECHANISM_OPTIONS, SCC_OPTIONS } from "./processing-form.tsx";

export function emptySubprocessor(today: string): SubprocessorFormValues {
  return {
    name: "",
    service: "",
    country: "",
    mechanism: "",
    sccModule: "",
    dpfCertified: false,
    canadaCommercial: false,
    processingIds: [],
    addedOn: today,
  };
}

const LABELS: Record<string, string> = {
  name: "Name",
  service: "Service",
  country: "Country",
  mechanism: "Transfer mechanism",
  sccModule: "SCC module",
  processingIds: "Data-sharing records",
  addedOn: "Date added",
};

/** A sub-processor of the vendor (GDPR Art. 28(2) and (4)): who, what, where, under which safeguard. */
export function SubprocessorForm(props: {
  principal: Principal | undefined;
  action: string;
  values: SubprocessorFormValues;
  records: { id: string; purpose: string }[];
  issues?: FieldIssue[] | undefined;
  cancelHref: string;
}) {
  const { values, issues } = props;
  return (
    <form method="post" action={props.action} novalidate>
      <ErrorSummary issues={issues} labels={LABELS} groups={["processingIds"]} />
      <CsrfField principal={props.principal} />
      <div class="grid">
        <TextField path="name" label="Name" value={values.name} issues={issues} required />
        <TextField
          path="service"
          label="Service it provides"
          value={values.service}
          issues={issues}
          required
          hint="e.g. cloud hosting, email delivery, customer support"
        />
      </div>
      <div class="grid">
        <SelectField
          path="country"
          label="Country where it processes the data"
          value={values.country}
          options={COUNTRY_OPTIONS}
          placeholder="Choose a country"
          issues={issues}
          required
        />
        <SelectField
          path="mechanism"
          label="Transfer mechanism"
          value={values.mechanism}
          options={MECHANISM_OPTIONS}
          placeholder="Choose a mechanism"
          issues={issues}
          required
          hint={'Inside the EEA choose "No transfer mechanism".'}
        />
        <SelectField
          path="sccModule"
          label="SCC module"
          value={values.sccModule}
          options={SCC_OPTIONS}
          placeholder="Not SCCs"
          issues={issues}
          hint="A processor's own processor usually signs module 3."
        />
      </div>
      <fieldset>
        <legend>Certifications</legend>
        <CheckboxField
          path="dpfCertified"
          label="Certified under the EU-US Data Privacy Framework"
          checked={values.dpfCertified}
        />
        <CheckboxField
          path="canadaCommercial"
          label="A Canadian commercial organisation (PIPEDA)"
          checked={values.canadaCommercial}
        />
      </fieldset>
      {props.records.length > 0 ? (
        <ChoiceGroup
          path="processingIds"
          legend="Which of the vendor's data-sharing records it handles"
          type="checkbox"
          options={props.records.map((r) => [r.id, r.purpose || "Record without a purpose"] as const)}
          selected={values.processingIds}
          issues={issues}
        />
      ) : (
        <p class="muted">This vendor has no data-sharing records yet, so there is nothing to link.</p>
      )}
      <TextField path="addedOn" label="Date added" type="date" value={values.addedOn} issues={issues} />
      <div class="actions">
        <button type="submit">Add sub-processor</button>
        <a href={props.cancelHref}>Cancel</a>
      </div>
    </form>
  );
}
