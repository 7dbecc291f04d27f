import type { TestApp } from "../support/test-app.ts";

/** Calling the JSON API with a bearer token's headers, for the vendor register API tests. */

export type Json = Record<string, unknown>;

export async function api(
  t: TestApp,
  headers: Record<string, string>,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await t.app.request(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : null) as Json & {
      error?: { code: string; details?: { path: string; message: string }[] };
    },
  };
}

export const payroll = {
  purpose: "Monthly payroll and sick-leave administration for our employees",
  legalBasis: "legal_obligation",
  dataCategories: ["identity", "financial", "health"],
  art9Condition: "employment_social_security",
  dataSubjects: ["employees"],
  subjectCount: 50_000,
  retention: "7 years after employment ends",
  frequency: "continuous",
  access: "stores",
  locations: [{ country: "DE", mechanism: "adequacy" }],
};

/** Adds a vendor through the API, as an integrator would, and returns what the API answered. */
export async function postVendor(
  t: TestApp,
  headers: Record<string, string>,
  fields: { name: string; country: string; businessCriticality: string },
) {
  return (await api(t, headers, "POST", "/api/v1/vendors", fields)).body;
}
