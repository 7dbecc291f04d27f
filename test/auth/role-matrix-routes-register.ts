import {
  acme,
  EVERYONE,
  hosting,
  newsletter,
  PRIVACY,
  PROCURE,
  type RouteRule,
} from "./role-matrix-rules.ts";

/**
 * Who may use the vendor register routes (vendors, contacts, data-sharing records, sub-processors, risk, import
 * and export), written out by hand from the product's rules, so a route whose declared access drifts fails.
 */
const newsletterForm = {
  ...newsletter,
  subjectCount: "2000",
  locations: undefined,
  "locations[0].country": "DE",
  "locations[0].mechanism": "adequacy",
};
const override = { tier: "high", reason: "Holds every customer's address" };
const contactForm = { "contact.name": "Sam", "contact.email": "sam@x.example", "contact.role": "security" };
const storageForm = { name: "Backups", service: "Storage", country: "DE", mechanism: "adequacy" };
const contact = { name: "Sam", email: "sam@mailer.example", role: "security" };

/** Two rows in the import layout: a new vendor and one of its data-sharing records. */
const importCsv = [
  "vendor_name,country,business_criticality,purpose,legal_basis,data_categories,data_subjects,subject_count,frequency,access,locations",
  "Print Shop,FR,low,Printing invoices,contract,identity;contact,customers,500,recurring,processes_only,FR:adequacy",
].join("\n");
const importUpload = { file: new File([importCsv], "vendors.csv", { type: "text/csv" }) };

export const REGISTER_ROUTES: RouteRule[] = [
  ["GET", "/api/v1/vendors", EVERYONE],
  ["POST", "/api/v1/vendors", PROCURE, acme],
  ["GET", "/api/v1/vendors/:id", EVERYONE],
  ["PATCH", "/api/v1/vendors/:id", PROCURE, { name: "Mailer Renamed" }],
  ["POST", "/api/v1/vendors/:id/status", PROCURE, { status: "under_review" }],
  ["POST", "/api/v1/vendors/:id/contacts", PROCURE, contact],
  ["DELETE", "/api/v1/vendors/:id/contacts/:contactId", PROCURE],
  ["POST", "/api/v1/vendors/:id/processing", PROCURE, newsletter],
  ["PUT", "/api/v1/vendors/:id/processing/:recordId", PROCURE, { ...newsletter, subjectCount: 3_000 }],
  ["DELETE", "/api/v1/vendors/:id/processing/:recordId", PROCURE],
  ["POST", "/api/v1/vendors/:id/subprocessors", PROCURE, { ...hosting, name: "Backups" }],
  ["DELETE", "/api/v1/vendors/:id/subprocessors/:subId", PROCURE],
  ["GET", "/api/v1/vendors/:id/risk", EVERYONE],
  ["POST", "/api/v1/vendors/:id/risk/override", PRIVACY, override],
  ["GET", "/api/v1/vendors/import/template.csv", EVERYONE],
  ["POST", "/api/v1/vendors/import", PROCURE, importCsv],
  ["GET", "/api/v1/register/export.csv", EVERYONE],
  ["GET", "/api/v1/register/ropa.csv", EVERYONE],
  ["GET", "/", EVERYONE],
  ["GET", "/vendors", EVERYONE],
  ["GET", "/register/checks", EVERYONE],
  ["GET", "/vendors/import", PROCURE],
  ["POST", "/vendors/import", PROCURE, importUpload],
  ["GET", "/vendors/new", PROCURE],
  ["POST", "/vendors/new", PROCURE, acme],
  ["GET", "/vendors/:id", EVERYONE],
  ["GET", "/vendors/:id/edit", PROCURE],
  ["POST", "/vendors/:id/edit", PROCURE, { ...acme, name: "Mailer Renamed" }],
  ["POST", "/vendors/:id/contacts", PROCURE, contactForm],
  ["POST", "/vendors/:id/contacts/:contactId/delete", PROCURE],
  ["POST", "/vendors/:id/status", PROCURE, { status: "under_review" }],
  ["POST", "/vendors/:id/override", PRIVACY, override],
  ["GET", "/vendors/:id/processing/new", PROCURE],
  ["POST", "/vendors/:id/processing/new", PROCURE, newsletterForm],
  ["GET", "/vendors/:id/processing/:recordId/edit", PROCURE],
  ["POST", "/vendors/:id/processing/:recordId/edit", PROCURE, { ...newsletterForm, subjectCount: "3000" }],
  ["POST", "/vendors/:id/processing/:recordId/delete", PROCURE],
  ["GET", "/vendors/:id/subprocessors/new", PROCURE],
  ["POST", "/vendors/:id/subprocessors/new", PROCURE, storageForm],
  ["POST", "/vendors/:id/subprocessors/:subId/delete", PROCURE],
];
