import type { FieldIssue } from "../shared/errors.ts";
import { COUNTRY_CODES, countryName } from "../vendors/countries.ts";

// Small form pieces shared by the register pages. Every control has a visible label, every group of choices a
// fieldset and legend, and an error is tied to its control with aria-describedby and aria-invalid.

export type Option = readonly [value: string, label: string];

/** The element id for a field named by its path, e.g. `locations[0].country` -> `f-locations-0-country`. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, "-").replace(/-$/, "")}`;
}

/** The messages for one field (exact path), joined; undefined when it has none. */
export function errorFor(issues: readonly FieldIssue[] | undefined, path: string): string | undefined {
  const found = (issues ?? []).filter((i) => i.path === path).map((i) => i.message);
  return found.length > 0 ? found.join("; ") : undefined;
}

/** The messages for a group: the path itself and anything inside it (`dataSubjects[2]`). */
export function errorUnder(issues: readonly FieldIssue[] | undefined, path: string): string | undefined {
  const found = (issues ?? [])
    .filter((i) => i.path === path || i.path.startsWith(`${path}[`) || i.path.startsWith(`${path}.`))
    .map((i) => i.message);
  return found.length > 0 ? [...new Set(found)].join("; ") : undefined;
}

/** Countries by name, with the code people in privacy work also recognise. */
export const COUNTRY_OPTIONS: readonly Option[] = COUNTRY_CODES.map(
  (code) => [code, `${countryName(code)} (${code})`] as const,
).sort((a, b) => a[1].localeCompare(b[1], "en"));

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter((i): i is string => typeof i === "string");
  return present.length > 0 ? present.join(" ") : undefined;
}

export function FieldError(props: { id: string; message: string | undefined }) {
  if (!props.message) return null;
  return (
    <small class="field-error" id={props.id}>
      <span class="visually-hidden">Error: </span>
      {props.message}
    </small>
  );
}

function Hint(props: { id: string; text: string | undefined }) {
  return props.text ? (
    <small class="hint" id={props.id}>
      {props.text}
    </small>
  ) : null;
}

interface FieldProps {
  path: string;
  label: string;
  issues?: readonly FieldIssue[] | undefined;
  hint?: string;
  required?: boolean;
}

export function TextField(
  props: FieldProps & {
    value: string;
    type?: "text" | "email" | "url" | "date" | "number";
    multiline?: boolean;
    autocomplete?: string;
    name?: string;
    min?: string;
  },
) {
  const id = fieldId(props.path);
  const error = errorFor(props.issues, props.path);
  const common = {
    id,
    name: props.name ?? props.path,
    required: props.required,
    "aria-invalid": error ? "true" : undefined,
    "aria-describedby": describedBy(props.hint && `${id}-hint`, error && `${id}-error`),
  };
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.required ? <span class="required"> (required)</span> : null}
      </label>
      {props.multiline ? (
        <textarea {...common} rows={3}>
          {props.value}
        </textarea>
      ) : (
        <input
          {...common}
          type={props.type ?? "text"}
          value={props.value}
          autocomplete={props.autocomplete}
          min={props.min}
        />
      )}
      <Hint id={`${id}-hint`} text={props.hint} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function SelectField(
  props: FieldProps & { value: string; options: readonly Option[]; placeholder?: string; name?: string },
) {
  const id = fieldId(props.path);
  const error = errorFor(props.issues, props.path);
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.required ? <span class="required"> (required)</span> : null}
      </label>
      <select
        id={id}
        name={props.name ?? props.path}
        required={props.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(props.hint && `${id}-hint`, error && `${id}-error`)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
      <Hint id={`${id}-hint`} text={props.hint} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function CheckboxField(props: { path: string; label: string; checked: boolean; hint?: string }) {
  const id = fieldId(props.path);
  return (
    <div class="field">
      <label for={id}>
        <input
          id={id}
          type="checkbox"
          name={props.path}
          value="on"
          checked={props.checked}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
        />
        {props.label}
      </label>
      <Hint id={`${id}-hint`} text={props.hint} />
    </div>
  );
}

/** A fieldset of checkboxes or radio buttons; its error sits under the legend and describes the group. */
export function ChoiceGroup(props: {
  path: string;
  legend: string;
  type: "checkbox" | "radio";
  options: readonly (Option | readonly [string, string, string])[];
  selected: readonly string[];
  issues?: readonly FieldIssue[] | undefined;
  hint?: string;
  required?: boolean;
  class?: string;
  /** When several groups share one field name (categories split by kind). */
  id?: string;
}) {
  const id = props.id ?? fieldId(props.path);
  const error = errorUnder(props.issues, props.path);
  return (
    <fieldset
      id={id}
      class={props.class}
      aria-invalid={error ? "true" : undefined}
      aria-describedby={describedBy(props.hint && `${id}-hint`, error && `${id}-error`)}
    >
      <legend>
        {props.legend}
        {props.required ? <span class="required"> (required)</span> : null}
      </legend>
      <Hint id={`${id}-hint`} text={props.hint} />
      <FieldError id={`${id}-error`} message={error} />
      {props.options.map(([value, label, tag]) => (
        <label for={`${id}-${value}`}>
          <input
            id={`${id}-${value}`}
            type={props.type}
            name={props.path}
            value={value}
            checked={props.selected.includes(value)}
          />
          {label}
          {tag ? <span class="tag tag-special"> {tag}</span> : null}
        </label>
      ))}
    </fieldset>
  );
}

/** Shown at the top of a form that came back with errors; each entry links to its field. */
export function ErrorSummary(props: {
  issues?: readonly FieldIssue[] | undefined;
  labels: Record<string, string>;
  message?: string | undefined;
  /** Paths of checkbox groups: an issue inside one (`dataSubjects[2]`) links to the group. */
  groups?: readonly string[];
}) {
  const issues = props.issues ?? [];
  const target = (path: string) => fieldId(props.groups?.find((g) => path.startsWith(`${g}[`)) ?? path);
  if (issues.length === 0 && !props.message) return null;
  const label = (path: string) => {
    const base = path.replace(/\[\d+\]/g, "[]");
    const row = /\[(\d+)\]/.exec(path)?.[1];
    const name = props.labels[path] ?? props.labels[base] ?? path;
    return row === undefined ? name : `${name} (row ${Number(row) + 1})`;
  };
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">There is a problem</h2>
      {props.message ? <p>{props.message}</p> : null}
      <ul>
        {issues.map((i) => (
          <li>
            <a href={`#${target(i.path)}`}>
              {label(i.path)}: {i.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
