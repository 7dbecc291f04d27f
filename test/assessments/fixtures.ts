// Loaded first on purpose: the vendor vocabulary calls `.openapi()` on zod schemas, which exists only once this
// module has extended zod, and a test that reaches the vendor service before the app would fail to load.
import "@hono/zod-openapi";
import { join } from "node:path";
import { sql } from "kysely";
import type { AppDeps } from "../../src/app-deps.ts";
import { insertQuestionnaireVersion } from "../../src/questionnaires/questionnaire-queries.ts";
import {
  countQuestions,
  loadTemplateFile,
  templateContentHash,
} from "../../src/questionnaires/template-loader.ts";
import { Template } from "../../src/questionnaires/template-schema.ts";
import type { ServiceContext } from "../../src/shared/service-context.ts";
import { changeVendorStatus, createVendor } from "../../src/vendors/vendor-service.ts";
import type { TestApp } from "../support/test-app.ts";

type Json = Record<string, unknown>;
export type ApiResult = {
  status: number;
  body: Json & { error?: { code: string; message: string; details?: { path: string; message: string }[] } };
};

/** Calls the JSON API of a test app. */
export async function api(
  t: TestApp,
  headers: Record<string, string>,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResult> {
  const res = await t.app.request(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

export async function shippedTemplate(key: string): Promise<Template> {
  const loaded = await loadTemplateFile(join(import.meta.dirname, "../../questionnaires", `${key}.yaml`));
  if (!loaded.template) throw new Error(`${key} does not load: ${JSON.stringify(loaded.problems)}`);
  return loaded.template;
}

/** Publishes a template as the next version of its key, straight into the table, and returns the row id. */
export async function publishTemplate(
  deps: Pick<AppDeps, "db" | "clock" | "newId">,
  template: Template,
  version: number,
) {
  const content = { ...template, version };
  const id = deps.newId();
  await insertQuestionnaireVersion(deps.db, {
    id,
    key: content.key,
    version,
    title: content.title,
    description: content.description ?? "",
    tiers: JSON.stringify(content.tiers),
    question_count: countQuestions(content),
    content: JSON.stringify(content),
    content_hash: templateContentHash(content),
    source: "shipped",
    source_name: null,
    published_at: deps.clock.now().toISOString(),
    published_by: "test",
  });
  return id;
}

/** A small template with a conditional question, for progress and version checks. */
export function smallTemplate(title = "Small security check"): Template {
  return Template.parse({
    key: "small-check",
    version: 1,
    title,
    tiers: ["low"],
    estimatedMinutes: 5,
    sections: [
      {
        id: "basics",
        title: "Basics",
        questions: [
          { id: "has-policy", type: "yes_no", required: true, text: "Do you have a security policy?" },
          {
            id: "policy-date",
            type: "date",
            required: true,
            text: "When was it last reviewed?",
            showIf: { question: "has-policy", equals: "yes" },
          },
          { id: "notes", type: "long_text", text: "Anything else we should know?" },
        ],
      },
    ],
  });
}

export async function addVendor(
  ctx: ServiceContext,
  name = "Acme Hosting",
  status?: "offboarded" | "rejected",
) {
  const vendor = await createVendor(ctx, {
    name,
    country: "DE",
    businessCriticality: "medium",
    contacts: [{ name: "Sam Security", email: "sam@acme.example", role: "security" }],
  });
  if (status === "rejected") await changeVendorStatus(ctx, vendor.id, { status: "rejected" });
  if (status === "offboarded") {
    for (const step of ["under_review", "approved", "offboarding"] as const)
      await changeVendorStatus(ctx, vendor.id, { status: step });
    await changeVendorStatus(ctx, vendor.id, {
      status: "offboarded",
      offboarding: { disposition: "deleted", confirmedOn: "2026-03-01", evidence: "Deletion certificate" },
    });
  }
  return vendor;
}

/** The test app with the shipped essentials questionnaire and the small one published, and a vendor. */
export async function sendingSetup(t: TestApp) {
  await publishTemplate(t.deps, await shippedTemplate("vendor-security-essentials"), 1);
  await publishTemplate(t.deps, smallTemplate(), 1);
  const vendor = await addVendor(t.ctx);
  return { vendor };
}

/** The queued mail in the order it was queued (rowid: the fixed clock gives many the same created_at). */
export function outbox(t: TestApp) {
  return t.deps.db.selectFrom("outbox").selectAll().orderBy(sql`rowid`).execute();
}

/** The portal link in an email body. */
export function linkIn(text: string): string {
  const found = /https?:\/\/\S+\/portal\/[A-Za-z0-9_-]+/.exec(text)?.[0];
  if (!found) throw new Error(`no portal link in:\n${text}`);
  return found;
}
