import type { Principal } from "../../http/hono-env.ts";
import type { FieldIssue } from "../../shared/errors.ts";
import {
  ChoiceGroup,
  COUNTRY_OPTIONS,
  ErrorSummary,
  errorUnder,
  FieldError,
  type Option,
  SelectField,
  TextField,
} from "../../web/form-fields.tsx";
import { CsrfField } from "../../web/layout.tsx";
import type { LocationFormValues, ProcessingFormValues } from "../form-parsing.ts";
import {
  Access,
  Art9Condition,
  accessLabels,
  art9ConditionInfo,
  DataCategory,
  DataSubject,
  dataCategoryInfo,
  dataSubjectLabels,
  Frequency,
  frequencyLabels,
  LegalBasis,
  legalBasisInfo,
  type SccModule,
  sccModuleInfo,
  TransferMechanism,
  transferMechanismInfo,
} from "../register-vocabulary.ts";

export const EMPTY_PROCESSING: ProcessingFormValues = {
  purpose: "",
  legalBasis: "",
  dataCategories: [],
  art9Condition: "",
  art10Basis: "",
  dataSubjects: [],
  otherSubjects: "",
  subjectCount: "",
  retention: "",
  frequency: "",
  access: "",
  locations: [],
};

const LABELS: Record<string, string> = {
  purpose: "Purpose",
  legalBasis: "Legal basis",
  dataCategories: "Categories of personal data",
  art9Condition: "Art. 9(2) condition",
  art10Basis: "Art. 10 basis",
  dataSubjects: "Categories of data subjects",
  subjectCount: "Number of data subjects",
  retention: "Retention",
  frequency: "Frequency",
  access: "Vendor's access",
  locations: "Processing locations",
  "locations[].country": "Location country",
  "locations[].mechanism": "Transfer mechanism",
  "locations[].sccModule": "SCC module",
};

/** Blank location rows offered besides the existing ones, so several can be added without JavaScript. */
const BLANK_LOCATION_ROWS = 3;

const LEGAL_BASIS_OPTIONS: readonly Option[] = LegalBasis.options.map((b) => [
  b,
  `Art. 6(1)(${legalBasisInfo[b].letter}) ${legalBasisInfo[b].label}`,
]);
const ART9_OPTIONS: readonly Option[] = Art9Condition.options.map((c) => [
  c,
  `Art. 9(2)(${art9ConditionInfo[c].letter}) ${art9ConditionInfo[c].label}`,
]);
export const MECHANISM_OPTIONS: readonly Option[] = TransferMechanism.options.map((m) => [
  m,
  transferMechanismInfo[m].article
    ? `${transferMechanismInfo[m].label} (${transferMechanismInfo[m].article})`
    : transferMechanismInfo[m].label,
]);
export const SCC_OPTIONS: readonly Option[] = ([1, 2, 3, 4] as const satisfies readonly SccModule[]).map(
  (m) => [String(m), sccModuleInfo[m].label],
);

const ordinary = DataCategory.options.filter(
  (c) => !dataCategoryInfo[c].special && !dataCategoryInfo[c].criminal,
);
const special = DataCategory.options.filter((c) => dataCategoryInfo[c].special);
const criminal = DataCategory.options.filter((c) => dataCategoryInfo[c].criminal);

function CategoryFieldset(props: { values: ProcessingFormValues; issues?: FieldIssue[] | undefined }) {
  const { values } = props;
  const error = errorUnder(props.issues, "dataCategories");
  const category = (c: DataCategory) => [c, dataCategoryInfo[c].label] as const;
  return (
    <fieldset
      id="f-dataCategories"
      class="category-groups"
      aria-invalid={error ? "true" : undefined}
      aria-describedby={error ? "f-dataCategories-error" : undefined}
    >
      <legend>
        Categories of personal data <span class="required">(required)</span>
      </legend>
      <FieldError id="f-dataCategories-error" message={error} />
      <ChoiceGroup
        path="dataCategories"
        id="f-dataCategories-ordinary"
        legend="Ordinary personal data"
        type="checkbox"
        options={ordinary.map(category)}
        selected={values.dataCategories}
        class="checkbox-columns"
      />
      <ChoiceGroup
        path="dataCategories"
        id="f-dataCategories-special"
        legend="Special categories (GDPR Art. 9)"
        hint="Processing these is prohibited unless an Art. 9(2) condition applies: choose it below."
        type="checkbox"
        options={special.map((c) => [...category(c), "GDPR Art. 9"] as const)}
        selected={values.dataCategories}
        class="checkbox-columns special-categories"
      />
      <ChoiceGroup
        path="dataCategories"
        id="f-dataCategories-criminal"
        legend="Criminal convictions and offences (GDPR Art. 10)"
        type="checkbox"
        options={criminal.map((c) => [...category(c), "GDPR Art. 10"] as const)}
        selected={values.dataCategories}
      />
    </fieldset>
  );
}

function LocationRows(props: { locations: LocationFormValues[]; issues?: FieldIssue[] | undefined }) {
  const blank: LocationFormValues = { country: "", mechanism: "", sccModule: "" };
  const rows = [...props.locations, ...Array.from({ length: BLANK_LOCATION_ROWS }, () => blank)];
  const groupError = props.issues?.find((i) => i.path === "locations")?.message;
  return (
    <fieldset
      id="f-locations"
      aria-invalid={groupError ? "true" : undefined}
      aria-describedby={groupError ? "f-locations-hint f-locations-error" : "f-locations-hint"}
    >
      <legend>
        Where the vendor processes the data <span class="required">(required)</span>
      </legend>
      <small class="hint" id="f-locations-hint">
        One row per country. Inside the EEA no safeguard is needed: choose "No transfer mechanism". Standard
        contractual clauses need their module. Empty rows are ignored.
      </small>
      <FieldError id="f-locations-error" message={groupError} />
      {rows.map((l, i) => (
        <fieldset class="row-group">
          <legend class="row-legend">Location {i + 1}</legend>
          <div class="grid">
            <SelectField
              path={`locations[${i}].country`}
              label="Country"
              value={l.country}
              options={COUNTRY_OPTIONS}
              placeholder="Choose a country"
              issues={props.issues}
            />
            <SelectField
              path={`locations[${i}].mechanism`}
              label="Transfer mechanism"
              value={l.mechanism}
              options={MECHANISM_OPTIONS}
              placeholder="Choose a mechanism"
              issues={props.issues}
            />
            <SelectField
              path={`locations[${i}].sccModule`}
              label="SCC module"
              value={l.sccModule}
              options={SCC_OPTIONS}
              placeholder="Not SCCs"
              issues={props.issues}
            />
          </div>
        </fieldset>
      ))}
    </fieldset>
  );
}

/** The data-sharing record form (GDPR Art. 30(1) fields), for a new record or an existing one. */
export function ProcessingForm(props: {
  principal: Principal | undefined;
  action: string;
  values: ProcessingFormValues;
  issues?: FieldIssue[] | undefined;
  submitLabel: string;
  cancelHref: string;
}) {
  const { values, issues } = props;
  return (
    <form method="post" action={props.action} novalidate>
      <ErrorSummary issues={issues} labels={LABELS} groups={["dataCategories", "dataSubjects"]} />
      <CsrfField principal={props.principal} />
      <TextField
        path="purpose"
        label="Purpose of sharing the data"
        value={values.purpose}
        issues={issues}
        multiline
        required
        hint="Why the vendor gets the data, e.g. payroll processing for our employees (GDPR Art. 30(1)(b))"
      />
      <SelectField
        path="legalBasis"
        label="Legal basis (GDPR Art. 6)"
        value={values.legalBasis}
        options={LEGAL_BASIS_OPTIONS}
        placeholder="Choose a legal basis"
        issues={issues}
        required
      />
      <CategoryFieldset values={values} issues={issues} />
      <SelectField
        path="art9Condition"
        label="Art. 9(2) condition for special category data"
        value={values.art9Condition}
        options={ART9_OPTIONS}
        placeholder="None: no special category data"
        issues={issues}
        hint="Required when any GDPR Art. 9 category is ticked."
      />
      <TextField
        path="art10Basis"
        label="Art. 10 basis for criminal offence data"
        value={values.art10Basis}
        issues={issues}
        hint="The law or official authority that allows it, when criminal offence data is ticked."
      />
      <ChoiceGroup
        path="dataSubjects"
        legend="Categories of data subjects"
        type="checkbox"
        options={DataSubject.options.map((s) => [s, dataSubjectLabels[s]] as const)}
        selected={values.dataSubjects}
        issues={issues}
        required
        class="checkbox-columns"
      />
      <TextField
        path="otherSubjects"
        label="Other categories of data subjects"
        value={values.otherSubjects}
        issues={issues}
        hint="Separate several with commas, e.g. suppliers' staff, event guests"
      />
      <div class="grid">
        <TextField
          path="subjectCount"
          label="Approximate number of data subjects"
          type="number"
          min="0"
          value={values.subjectCount}
          issues={issues}
          required
        />
        <TextField
          path="retention"
          label="Retention"
          value={values.retention}
          issues={issues}
          hint="How long the vendor keeps the data, e.g. 7 years after the contract ends"
        />
      </div>
      <div class="grid">
        <ChoiceGroup
          path="frequency"
          legend="How often data is shared"
          type="radio"
          options={Frequency.options.map((f) => [f, frequencyLabels[f]] as const)}
          selected={[values.frequency]}
          issues={issues}
          required
        />
        <ChoiceGroup
          path="access"
          legend="The vendor's access to the data"
          type="radio"
          options={Access.options.map((a) => [a, accessLabels[a]] as const)}
          selected={[values.access]}
          issues={issues}
          required
        />
      </div>
      <LocationRows locations={values.locations} issues={issues} />
      <div class="actions">
        <button type="submit">{props.submitLabel}</button>
        <a href={props.cancelHref}>Cancel</a>
      </div>
    </form>
  );
}
