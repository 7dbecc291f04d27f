import type { Principal } from "../../http/hono-env.ts";
import type { FieldIssue } from "../../shared/errors.ts";
import {
  CheckboxField,
  COUNTRY_OPTIONS,
  ErrorSummary,
  type Option,
  SelectField,
  TextField,
} from "../../web/form-fields.tsx";
import { CsrfField } from "../../web/layout.tsx";
import type { ContactFormValues, VendorFormValues } from "../form-parsing.ts";
import { BusinessCriticality, ContactRole, contactRoleLabels } from "../register-vocabulary.ts";
import type { VendorDetail } from "../vendor-read.ts";
import { DPA_PARTY_LABELS, DpaPartyFieldset } from "./dpa-party-fieldset.tsx";

export const EMPTY_VENDOR: VendorFormValues = {
  name: "",
  legalName: "",
  registeredAddress: "",
  country: "",
  website: "",
  serviceDescription: "",
  businessOwner: "",
  businessCriticality: "",
  dpfCertified: false,
  canadaCommercial: false,
  ccpaServiceProvider: false,
  dpoName: "",
  dpoEmail: "",
  euRepresentative: "",
  signatoryName: "",
  signatoryTitle: "",
  contacts: [],
};

/** A stored vendor as form values, for the edit page. */
export function vendorFormValues(v: VendorDetail): VendorFormValues {
  return {
    name: v.name,
    legalName: v.legalName ?? "",
    registeredAddress: v.registeredAddress ?? "",
    country: v.country,
    website: v.website ?? "",
    serviceDescription: v.serviceDescription ?? "",
    businessOwner: v.businessOwner ?? "",
    businessCriticality: v.businessCriticality,
    dpfCertified: v.dpfCertified,
    canadaCommercial: v.canadaCommercial,
    ccpaServiceProvider: v.ccpaServiceProvider,
    dpoName: v.dpoName ?? "",
    dpoEmail: v.dpoEmail ?? "",
    euRepresentative: v.euRepresentative ?? "",
    signatoryName: v.signatoryName ?? "",
    signatoryTitle: v.signatoryTitle ?? "",
    contacts: [],
  };
}

const VENDOR_LABELS: Record<string, string> = {
  name: "Name",
  legalName: "Legal entity name",
  registeredAddress: "Registered address",
  country: "Country",
  website: "Website",
  serviceDescription: "Service description",
  businessOwner: "Business owner",
  businessCriticality: "Business criticality",
  ...DPA_PARTY_LABELS,
  "contacts[].name": "Contact name",
  "contacts[].email": "Contact email",
  "contacts[].role": "Contact role",
  "contact.name": "Contact name",
  "contact.email": "Contact email",
  "contact.role": "Contact role",
};

const CRITICALITY_OPTIONS: readonly Option[] = BusinessCriticality.options.map((c) => [
  c,
  c[0]?.toUpperCase() + c.slice(1),
]);
export const CONTACT_ROLE_OPTIONS: readonly Option[] = ContactRole.options.map((r) => [
  r,
  contactRoleLabels[r],
]);

/** Blank contact rows offered on the new-vendor form, so contacts can be added without JavaScript. */
const BLANK_CONTACT_ROWS = 2;

function ContactRows(props: { contacts: ContactFormValues[]; issues?: FieldIssue[] | undefined }) {
  const blank: ContactFormValues = { name: "", email: "", role: "" };
  const rows = [...props.contacts, ...Array.from({ length: BLANK_CONTACT_ROWS }, () => blank)];
  return (
    <fieldset id="f-contacts">
      <legend>Contacts at the vendor</legend>
      <small class="hint">Fill in as many rows as you need; empty rows are ignored.</small>
      {rows.map((c, i) => (
        <fieldset class="row-group">
          <legend class="row-legend">Contact {i + 1}</legend>
          <div class="grid">
            <TextField path={`contacts[${i}].name`} label="Name" value={c.name} issues={props.issues} />
            <TextField
              path={`contacts[${i}].email`}
              label="Email"
              type="email"
              value={c.email}
              issues={props.issues}
            />
            <SelectField
              path={`contacts[${i}].role`}
              label="Role"
              value={c.role}
              options={CONTACT_ROLE_OPTIONS}
              placeholder="Choose a role"
              issues={props.issues}
            />
          </div>
        </fieldset>
      ))}
    </fieldset>
  );
}

/** The vendor's details; on the new-vendor form also its first contacts. */
export function VendorForm(props: {
  principal: Principal | undefined;
  action: string;
  values: VendorFormValues;
  issues?: FieldIssue[] | undefined;
  withContacts: boolean;
  submitLabel: string;
  cancelHref: string;
}) {
  const { values, issues } = props;
  return (
    <form method="post" action={props.action} novalidate>
      <ErrorSummary issues={issues} labels={VENDOR_LABELS} />
      <CsrfField principal={props.principal} />
      <div class="grid">
        <TextField path="name" label="Name" value={values.name} issues={issues} required />
        <TextField path="legalName" label="Legal entity name" value={values.legalName} issues={issues} />
      </div>
      <TextField
        path="registeredAddress"
        label="Registered address"
        value={values.registeredAddress}
        issues={issues}
        multiline
      />
      <div class="grid">
        <SelectField
          path="country"
          label="Country of the legal entity"
          value={values.country}
          options={COUNTRY_OPTIONS}
          placeholder="Choose a country"
          issues={issues}
          required
        />
        <TextField
          path="website"
          label="Website"
          type="url"
          value={values.website}
          issues={issues}
          hint="An address starting with https://"
        />
      </div>
      <TextField
        path="serviceDescription"
        label="What the vendor does for us"
        value={values.serviceDescription}
        issues={issues}
        multiline
      />
      <div class="grid">
        <TextField
          path="businessOwner"
          label="Business owner"
          value={values.businessOwner}
          issues={issues}
          hint="The person in our organisation who owns the relationship"
        />
        <SelectField
          path="businessCriticality"
          label="Business criticality"
          value={values.businessCriticality}
          options={CRITICALITY_OPTIONS}
          placeholder="Choose how critical"
          issues={issues}
          required
          hint="How badly an outage at this vendor would hurt us"
        />
      </div>
      <fieldset>
        <legend>Certifications and status under other laws</legend>
        <CheckboxField
          path="dpfCertified"
          label="Certified under the EU-US Data Privacy Framework"
          checked={values.dpfCertified}
          hint="For a US vendor, the adequacy decision covers only certified organisations."
        />
        <CheckboxField
          path="canadaCommercial"
          label="A Canadian commercial organisation (PIPEDA)"
          checked={values.canadaCommercial}
          hint="Canada's adequacy decision covers only organisations subject to PIPEDA."
        />
        <CheckboxField
          path="ccpaServiceProvider"
          label="A CCPA service provider for California consumers' data"
          checked={values.ccpaServiceProvider}
        />
      </fieldset>
      <DpaPartyFieldset values={values} issues={issues} />
      {props.withContacts ? <ContactRows contacts={values.contacts} issues={issues} /> : null}
      <div class="actions">
        <button type="submit">{props.submitLabel}</button>
        <a href={props.cancelHref}>Cancel</a>
      </div>
    </form>
  );
}

/** Contacts on the edit page: each with a remove button, and a form to add one. */
export function ContactsEditor(props: {
  principal: Principal | undefined;
  vendorId: string;
  contacts: { id: string; name: string; email: string; role: string }[];
  values?: ContactFormValues | undefined;
  issues?: FieldIssue[] | undefined;
}) {
  const values = props.values ?? { name: "", email: "", role: "" };
  const base = `/vendors/${props.vendorId}/contacts`;
  return (
    <section id="contacts" aria-labelledby="contacts-title">
      <h2 id="contacts-title">Contacts</h2>
      {props.contacts.length === 0 ? (
        <p>No contacts yet.</p>
      ) : (
        <ul class="plain-list">
          {props.contacts.map((c) => (
            <li class="actions">
              <span>
                {c.name} &lt;{c.email}&gt; · {contactRoleLabels[c.role as ContactRole] ?? c.role}
              </span>
              <form method="post" action={`${base}/${c.id}/delete`} class="inline-form">
                <CsrfField principal={props.principal} />
                <button type="submit" class="secondary outline">
                  Remove <span class="visually-hidden">contact {c.name}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <h3>Add a contact</h3>
      <form method="post" action={base} novalidate>
        <ErrorSummary issues={props.issues} labels={VENDOR_LABELS} />
        <CsrfField principal={props.principal} />
        <div class="grid">
          <TextField
            path="contact.name"
            label="Contact name"
            value={values.name}
            issues={props.issues}
            required
          />
          <TextField
            path="contact.email"
            label="Contact email"
            type="email"
            value={values.email}
            issues={props.issues}
            required
          />
          <SelectField
            path="contact.role"
            label="Contact role"
            value={values.role}
            options={CONTACT_ROLE_OPTIONS}
            placeholder="Choose a role"
            issues={props.issues}
            required
          />
        </div>
        <button type="submit">Add contact</button>
      </form>
    </section>
  );
}
