import type { Role } from "../../src/auth/roles.ts";
import type { ProcessingInput } from "../../src/vendors/register-service.ts";
import { createVendor } from "../../src/vendors/vendor-service.ts";
import type { TestApp } from "../support/test-app.ts";

/** Signing in and posting forms like a browser would, for the vendor register page tests. */

export type Session = { cookie: string; csrf: string };
export type Fields = Record<string, string> | [string, string][];

export async function signedIn(t: TestApp, role: Role): Promise<Session> {
  const user = await t.addUser(role);
  return t.signIn(user.email);
}

export async function get(t: TestApp, s: Session, path: string) {
  const res = await t.app.request(path, { headers: { cookie: s.cookie } });
  return { status: res.status, html: await res.text(), location: res.headers.get("location") };
}

export async function post(t: TestApp, s: Session, path: string, fields: Fields) {
  const body = new URLSearchParams(fields);
  body.set("_csrf", s.csrf);
  const res = await t.app.request(path, {
    method: "POST",
    headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  return { status: res.status, html: await res.text(), location: res.headers.get("location") ?? "" };
}

export function count(t: TestApp, table: string): number {
  return (t.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

/** The markup of the element with this id up to its closing tag name (enough to check attributes and text). */
export function element(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return "";
  const open = html.lastIndexOf("<", start);
  return html.slice(open, html.indexOf(">", start) + 1);
}

/** The text inside the element with this id (its tag must not nest inside itself). */
export function textOf(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return "";
  const tag = /<(\w+)[^<]*$/.exec(html.slice(0, start))?.[1] ?? "";
  const from = html.indexOf(">", start) + 1;
  return html.slice(from, html.indexOf(`</${tag}>`, from)).replace(/<[^>]+>/g, "");
}

export async function addVendor(
  t: TestApp,
  name: string,
  extra: Partial<Parameters<typeof createVendor>[1]> = {},
) {
  return createVendor(t.ctx, { name, country: "DE", businessCriticality: "medium", ...extra });
}

/** A small occupational-health record with special category data, kept in France. */
export const health: ProcessingInput = {
  purpose: "Occupational health checks",
  legalBasis: "legal_obligation",
  dataCategories: ["health"],
  art9Condition: "health_social_care",
  dataSubjects: ["employees"],
  subjectCount: 200,
  frequency: "recurring",
  access: "stores",
  locations: [{ country: "FR", mechanism: "none" }],
};
