import type { Role } from "../../src/auth/roles.ts";

/**
 * The shape of a role matrix row, the role groups, and the register records that both the rows and the
 * fixtures send. The rows themselves live in one file per feature area (role-matrix-routes-*.ts).
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

/** Who calls: a staff user of one role, or nobody signed in. */
export type Caller = Role | "anonymous";

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
export const hosting = { name: "Hosting", service: "Servers", country: "US", mechanism: "scc", sccModule: 3 };
export const acme = { name: "Acme", country: "DE", businessCriticality: "low" };

/** The question of the submitted assessment that reviews override and ask about: a scored one. */
export const scoredQuestion = "hosting";
