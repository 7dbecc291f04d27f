import type { Role } from "../../src/auth/roles.ts";
import { DEFAULT_REVIEW_POLICY } from "../../src/scoring/review-policy.ts";
import { samplePdf } from "../evidence/sample-files.ts";

/**
 * Who may use which route, written out by hand from the product's rules (not read from the code),
 * so a route whose declared access drifts fails the role matrix.
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * What a call sends: JSON (API) or form fields (pages), or a string sent as text/csv. A File among the fields
 * makes it multipart, for the API too.
 * A string value ":name" stands for that fixture's id (see fill in role-matrix-fixtures.ts).
 */
export type Payload = Record<string, unknown> | string;

/** Method, route as Hono registers it, who may use it, what to send, and a query string (same placeholders). */
export type RouteRule = [
  method: Method,
  pattern: string,
  roles: readonly Role[],
  body?: Payload,
  query?: string,
];

export const EVERYONE: readonly Role[] = ["admin", "privacy", "procurement", "viewer"];
export const PROCURE: readonly Role[] = ["admin", "privacy", "procurement"];
export const PRIVACY: readonly Role[] = ["admin", "privacy"];
export const ADMIN: readonly Role[] = ["admin"];

export const newsletter = {
  purpose: "Sending the monthly newsletter to customers who asked for it",
  legalBasis: "consent",
  dataCategories: ["identity", "contact"],
  dataSubjects: ["customers"],
  subjectCount: 2_000,
  frequency: "recurring",
  access: "stores",
  locations: [{ country: "DE", mechanism: "adequacy" }],
};
const newsletterForm = {
  ...newsletter,
  subjectCount: "2000",
  locations: undefined,
  "locations[0].country": "DE",
  "locations[0].mechanism": "adequacy",
};
export const hosting = { name: "Hosting", service: "Servers", country: "US", mechanism: "scc", sccModule: 3 };
const newUser = { email: "new@example.test", name: "New", role: "viewer", password: "a long enough secret" };
export const acme = { name: "Acme", country: "DE", businessCriticality: "low" };
const override = { tier: "high", reason: "Holds every customer's address" };
const contactForm = { "contact.name": "Sam", "contact.email": "sam@x.example", "contact.role": "security" };
const storageForm = { name: "Backups", service: "Storage", country: "DE", mechanism: "adequacy" };

/** Two rows in the import layout: a new vendor and one of its data-sharing records. */
const importCsv = [
  "vendor_name,country,business_criticality,purpose,legal_basis,data_categories,data_subjects,subject_count,frequency,access,locations",
  "Print Shop,FR,low,Printing invoices,contract,identity;contact,customers,500,recurring,processes_only,FR:adequacy",
].join("\n");

/** A questionnaire template other than the fixture's, so publishing it makes a new version. */
const checkTemplate = {
  key: "matrix-check",
  version: 1,
  title: "Matrix check",
  tiers: ["low"],
  estimatedMinutes: 5,
  sections: [
    {
      id: "basics",
      title: "Basics",
      questions: [
        { id: "has-policy", type: "yes_no", required: true, text: "Do you have a security policy?" },
      ],
    },
  ],
};
/** The smallest VSAQ questionnaire: one block with one yes/no item. */
const vsaq = JSON.stringify({
  questionnaire: [
    {
      type: "block",
      text: "Security",
      items: [{ type: "yesno", id: "uses_tls", text: "Do you use TLS everywhere?", yes: "Yes", no: "No" }],
    },
  ],
});
const textFile = (text: string, name: string) => new File([text], name, { type: "text/plain" });
const templateUpload = { file: textFile(JSON.stringify(checkTemplate), "check.yaml") };
const vsaqUpload = { file: textFile(vsaq, "small.json"), key: "matrix-vsaq" };

const sendQuestionnaire = {
  vendorId: ":vendorId",
  questionnaire: ":questionnaireKey",
  dueDate: "2026-03-31",
  recipients: [{ name: "Nina New", email: "nina@mailer.example" }],
};
const sendForm = {
  vendorId: ":vendorId",
  questionnaire: ":questionnaireKey",
  dueDate: "2026-03-31",
  "recipients[0].name": "Nina New",
  "recipients[0].email": "nina@mailer.example",
};
const recipient = { name: "Omar Other", email: "omar@mailer.example" };

/** The question of the submitted assessment that reviews override and ask about: a scored one. */
export const scoredQuestion = "hosting";
const finding = {
  vendorId: ":vendorId",
  severity: "high",
  title: "Backups are not encrypted",
  recommendation: "Ask the vendor to encrypt its backups.",
};
const plan = { plan: "Encrypt every backup by the end of April", targetDate: "2026-04-30" };
const resolve = { note: "Saw the vendor's encryption report" };
const acceptRisk = { justification: "The backups hold only public data", until: "2026-09-30" };
const reopen = { reason: "The vendor rolled the fix back" };
const comment = "Hosting in the EU was confirmed on a call";
const ask = "Which EU country hosts our data?";
const clarify = { questions: [{ questionId: scoredQuestion, message: ask }] };
const clarifyForm = { ask: scoredQuestion, [`message.${scoredQuestion}`]: ask };
const overrideForm = { score: "1", scale: "points", comment };
const reject = { decision: "rejected", reason: "Hosting does not meet our requirements" };
const countersigned = {
  file: new File([samplePdf("countersigned")], "signed.pdf", { type: "application/pdf" }),
  signedOn: "2026-03-02",
};

export const MATRIX: RouteRule[] = [
  ["GET", "/api/v1/users", ADMIN],
  ["POST", "/api/v1/users", ADMIN, newUser],
  ["GET", "/api/v1/users/:id", ADMIN],
  ["PATCH", "/api/v1/users/:id", ADMIN, { role: "procurement" }],
  ["GET", "/api/v1/me", EVERYONE],
  ["GET", "/api/v1/tokens", ADMIN],
  ["POST", "/api/v1/tokens", ADMIN, { name: "ci" }],
  ["DELETE", "/api/v1/tokens/:id", ADMIN],
  ["GET", "/api/v1/audit", PRIVACY],
  ["GET", "/api/v1/audit/verify", PRIVACY],
  ["GET", "/api/v1/settings", EVERYONE],
  ["PATCH", "/api/v1/settings", ADMIN, { organisationName: "Example Org" }],
  ["GET", "/api/v1/outbox", ADMIN],
  ["GET", "/api/v1/outbox/:id", ADMIN],
  ["POST", "/api/v1/outbox/:id/retry", ADMIN],
  ["GET", "/api/v1/vendors", EVERYONE],
  ["POST", "/api/v1/vendors", PROCURE, acme],
  ["GET", "/api/v1/vendors/:id", EVERYONE],
  ["PATCH", "/api/v1/vendors/:id", PROCURE, { name: "Mailer Renamed" }],
  ["POST", "/api/v1/vendors/:id/status", PROCURE, { status: "under_review" }],
  [
    "POST",
    "/api/v1/vendors/:id/contacts",
    PROCURE,
    { name: "Sam", email: "sam@mailer.example", role: "security" },
  ],
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
  ["GET", "/api/v1/questionnaires", EVERYONE],
  ["GET", "/api/v1/questionnaires/schema.json", EVERYONE],
  ["GET", "/api/v1/questionnaires/:key", EVERYONE],
  ["POST", "/api/v1/questionnaires", PRIVACY, { template: checkTemplate }],
  ["POST", "/api/v1/questionnaires/import-vsaq", PRIVACY, { questionnaire: vsaq, key: "matrix-vsaq" }],
  ["GET", "/api/v1/assessments", EVERYONE],
  ["POST", "/api/v1/assessments", PROCURE, sendQuestionnaire],
  ["GET", "/api/v1/assessments/:id", EVERYONE],
  ["GET", "/api/v1/assessments/:id/evidence/:fileId", EVERYONE],
  ["POST", "/api/v1/assessments/:id/cancel", PROCURE, { reason: "Sent to the wrong vendor" }],
  ["POST", "/api/v1/assessments/:id/invites", PROCURE, recipient],
  ["POST", "/api/v1/assessments/:id/invites/:inviteId/revoke", PROCURE],
  ["POST", "/api/v1/assessments/:id/invites/:inviteId/reissue", PROCURE],
  // force: a valid role's reminder must not depend on whether one already went out today.
  ["POST", "/api/v1/assessments/:id/remind", PROCURE, { force: true }],
  ["PUT", "/api/v1/assessments/:id/overrides/:questionId", PRIVACY, { score: 0.5, comment }],
  ["DELETE", "/api/v1/assessments/:id/overrides/:questionId", PRIVACY],
  ["POST", "/api/v1/assessments/:id/comments", PRIVACY, { questionId: ":questionId", body: comment }],
  ["POST", "/api/v1/assessments/:id/clarifications", PRIVACY, clarify],
  ["POST", "/api/v1/assessments/:id/complete", PRIVACY, reject],
  ["GET", "/api/v1/vendors/:id/decisions", EVERYONE],
  ["GET", "/api/v1/review-policy", EVERYONE],
  ["PUT", "/api/v1/review-policy", ADMIN, DEFAULT_REVIEW_POLICY],
  ["GET", "/api/v1/findings", EVERYONE],
  ["GET", "/api/v1/findings/export.csv", EVERYONE],
  ["GET", "/api/v1/findings/:id", EVERYONE],
  ["POST", "/api/v1/findings", PRIVACY, finding],
  ["POST", "/api/v1/findings/:id/remediation-plan", PROCURE, plan],
  ["POST", "/api/v1/findings/:id/resolve", PRIVACY, resolve],
  ["POST", "/api/v1/findings/:id/accept-risk", PRIVACY, acceptRisk],
  ["POST", "/api/v1/findings/:id/reopen", PRIVACY, reopen],
  ["GET", "/api/v1/dpa/export.zip", PRIVACY],
  ["POST", "/api/v1/vendors/:id/dpa", PRIVACY],
  ["GET", "/api/v1/vendors/:id/dpa", EVERYONE],
  ["GET", "/api/v1/dpa/:documentId", EVERYONE],
  ["POST", "/api/v1/dpa/:documentId/sent", PRIVACY],
  ["POST", "/api/v1/dpa/:documentId/signed", PRIVACY, countersigned],
  ["GET", "/api/v1/dpa/:documentId/signed", EVERYONE],
  ["GET", "/", EVERYONE],
  ["GET", "/admin/users", ADMIN],
  ["POST", "/admin/users", ADMIN, newUser],
  ["POST", "/admin/users/:id/role", ADMIN, { role: "procurement" }],
  ["POST", "/admin/users/:id/disable", ADMIN],
  ["POST", "/admin/users/:id/enable", ADMIN],
  ["GET", "/admin/tokens", ADMIN],
  ["POST", "/admin/tokens", ADMIN, { name: "ci" }],
  ["POST", "/admin/tokens/:id/revoke", ADMIN],
  ["GET", "/admin/settings", ADMIN],
  ["POST", "/admin/settings", ADMIN, { organisationName: "Example Org" }],
  ["GET", "/admin/outbox", ADMIN],
  ["GET", "/admin/outbox/:id", ADMIN],
  ["POST", "/admin/outbox/:id/retry", ADMIN],
  ["GET", "/audit", PRIVACY],
  ["GET", "/vendors", EVERYONE],
  ["GET", "/register/checks", EVERYONE],
  ["GET", "/vendors/import", PROCURE],
  ["POST", "/vendors/import", PROCURE, { file: new File([importCsv], "vendors.csv", { type: "text/csv" }) }],
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
  ["GET", "/questionnaires", EVERYONE],
  ["POST", "/questionnaires/upload", PRIVACY, templateUpload],
  ["POST", "/questionnaires/import-vsaq", PRIVACY, vsaqUpload],
  ["GET", "/questionnaires/:key", EVERYONE],
  ["GET", "/questionnaires/:key/preview", EVERYONE],
  ["GET", "/assessments", EVERYONE],
  ["GET", "/assessments/new", PROCURE, undefined, "vendorId=:vendorId"],
  ["POST", "/assessments", PROCURE, sendForm],
  ["GET", "/assessments/:id", EVERYONE],
  ["GET", "/assessments/:id/evidence/:fileId", EVERYONE],
  ["POST", "/assessments/:id/cancel", PROCURE, { reason: "Sent to the wrong vendor" }],
  ["POST", "/assessments/:id/invites", PROCURE, recipient],
  ["POST", "/assessments/:id/invites/:inviteId/revoke", PROCURE],
  ["POST", "/assessments/:id/invites/:inviteId/reissue", PROCURE],
  ["POST", "/assessments/:id/remind", PROCURE, { force: "on" }],
  ["GET", "/assessments/:id/review", EVERYONE],
  ["POST", "/assessments/:id/review/overrides/:questionId", PRIVACY, overrideForm],
  ["POST", "/assessments/:id/review/overrides/:questionId/delete", PRIVACY],
  ["POST", "/assessments/:id/review/comments", PRIVACY, { body: comment }],
  ["POST", "/assessments/:id/review/clarifications", PRIVACY, clarifyForm],
  ["POST", "/assessments/:id/review/complete", PRIVACY, reject],
  ["GET", "/evidence/expiring", EVERYONE],
  ["GET", "/findings", EVERYONE],
  ["GET", "/findings/new", PRIVACY, undefined, "vendorId=:vendorId"],
  ["POST", "/findings", PRIVACY, { ...finding, returnTo: "/findings" }],
  ["GET", "/findings/:id", EVERYONE],
  ["POST", "/findings/:id/remediation-plan", PROCURE, plan],
  ["POST", "/findings/:id/resolve", PRIVACY, resolve],
  ["POST", "/findings/:id/accept-risk", PRIVACY, acceptRisk],
  ["POST", "/findings/:id/reopen", PRIVACY, reopen],
  ["GET", "/dpa", EVERYONE],
  ["GET", "/vendors/:id/dpa", EVERYONE],
  ["POST", "/vendors/:id/dpa/generate", PRIVACY],
  ["POST", "/dpa/:documentId/sent", PRIVACY],
  ["POST", "/dpa/:documentId/signed", PRIVACY, countersigned],
];

/** Routes anyone may reach; they have their own tests. */
export const PUBLIC = new Set([
  "GET /healthz",
  "GET /openapi.json",
  "GET /docs",
  "GET /login",
  "POST /login",
  "POST /logout",
  "GET /setup/:token",
  "POST /setup/:token",
  "GET /static/:file",
  "GET /favicon.ico",
]);

/** The emailed link itself: its secret is the credential (test/portal/portal-link.test.ts). */
export const PORTAL_LINK = "GET /portal/:secret";

/** The vendor portal behind the link: only a portal session opens these, never a staff role. */
export const PORTAL_SESSION_ROUTES = [
  "GET /portal/assessment",
  "GET /portal/assessment/sections/:sectionId",
  "POST /portal/assessment/sections/:sectionId",
  "POST /portal/assessment/answers",
  "POST /portal/assessment/evidence",
  "GET /portal/assessment/evidence/:fileId",
  "POST /portal/assessment/evidence/:fileId/remove",
  "POST /portal/assessment/prefill",
  "GET /portal/assessment/submit",
  "POST /portal/assessment/submit",
  "POST /portal/leave",
] as const;
