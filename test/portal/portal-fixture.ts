import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAssessment } from "../../src/assessments/assessment-service.ts";
import { publishTemplateData, publishVsaqImport } from "../../src/questionnaires/questionnaire-service.ts";
import type { TemplateInput } from "../../src/questionnaires/template-schema.ts";
import type { ServiceContext } from "../../src/shared/service-context.ts";
import { createVendor } from "../../src/vendors/vendor-service.ts";
import { buildTestApp, cookieHeader, type TestApp } from "../support/test-app.ts";

/** A small questionnaire with every question type and conditions in both directions. */
export const PORTAL_TEMPLATE: TemplateInput = {
  key: "portal-test",
  version: 1,
  title: "Portal test questionnaire",
  tiers: ["low"],
  estimatedMinutes: 10,
  sections: [
    {
      id: "basics",
      title: "Basics",
      questions: [
        {
          id: "has-policy",
          type: "yes_no",
          required: true,
          allowNotApplicable: true,
          text: "Do you have a security policy?",
        },
        {
          id: "policy-doc",
          type: "evidence",
          required: true,
          showIf: { question: "has-policy", equals: "yes" },
          text: "Attach the security policy",
          evidence: { kinds: ["policy_document", "other"], expiry: true },
        },
        {
          id: "hosting",
          type: "single_choice",
          required: true,
          text: "Where is our data hosted?",
          help: "Pick the main location.",
          options: [
            { value: "eu", label: "In the EU", score: 1 },
            { value: "us", label: "In the United States", score: 0.5 },
          ],
        },
        {
          id: "hosting-detail",
          type: "short_text",
          required: true,
          showIf: { question: "hosting", equals: "us" },
          text: "Which US region?",
        },
        {
          id: "staff",
          type: "number",
          text: "How many staff handle our data?",
          number: { min: 0, unit: "people" },
        },
      ],
    },
    {
      id: "controls",
      title: "Controls",
      questions: [
        { id: "controls-intro", type: "notice", text: "Tell us about your controls." },
        {
          id: "certs",
          type: "multiple_choice",
          required: true,
          text: "Which certifications do you hold?",
          options: [
            { value: "iso27001", label: "ISO/IEC 27001", score: 1 },
            { value: "soc2", label: "SOC 2", score: 1 },
            { value: "none", label: "None", score: 0 },
          ],
        },
        { id: "audit-date", type: "date", text: "When was your last audit?" },
        { id: "notes", type: "long_text", text: "Anything else we should know?" },
      ],
    },
  ],
};

export interface PortalFixture {
  t: TestApp;
  staff: { id: string; email: string };
  staffCtx: ServiceContext;
  vendorId: string;
  /** Closes the database and removes the uploaded files. */
  close(): void;
  /** Sends the test questionnaire (or another key) and returns the assessment id and each recipient's link secret. */
  send(opts?: {
    questionnaire?: string;
    recipients?: { name: string; email: string }[];
    dueDate?: string;
  }): Promise<{
    assessmentId: string;
    secrets: string[];
  }>;
}

/** The secret of the newest link mailed to this address, read from the outbox as the vendor would read the email. */
export async function secretFromOutbox(t: TestApp, email: string): Promise<string> {
  const rows = await t.deps.db
    .selectFrom("outbox")
    .select(["text_body", "created_at"])
    .where("to_email", "=", email.toLowerCase())
    .orderBy("created_at", "desc")
    .execute();
  for (const row of rows) {
    const secret = /\/portal\/([A-Za-z0-9_-]{20,})/.exec(row.text_body)?.[1];
    if (secret) return secret;
  }
  throw new Error(`no portal link was mailed to ${email}`);
}

export async function portalFixture(): Promise<PortalFixture> {
  const uploadDir = mkdtempSync(join(tmpdir(), "vendorvet-portal-test-"));
  const t = await buildTestApp({ config: { uploadDir } });
  const staff = await t.addUser("procurement");
  const staffCtx: ServiceContext = {
    ...t.ctx,
    actor: { type: "user", id: staff.id, label: staff.email, role: "procurement", userId: staff.id },
  };
  await publishTemplateData(staffCtx, PORTAL_TEMPLATE, { source: "upload" });
  const vendor = await createVendor(staffCtx, {
    name: "Acme Hosting",
    country: "NL",
    businessCriticality: "medium",
  });
  let n = 0;
  return {
    t,
    staff,
    staffCtx,
    vendorId: vendor.id,
    close() {
      t.sqlite.close();
      rmSync(uploadDir, { recursive: true, force: true });
    },
    async send(opts = {}) {
      n += 1;
      const recipients = opts.recipients ?? [{ name: `Vera Vendor ${n}`, email: `vera${n}@acme.example` }];
      const assessment = await createAssessment(staffCtx, {
        vendorId: vendor.id,
        questionnaire: opts.questionnaire ?? "portal-test",
        dueDate: opts.dueDate ?? "2026-03-31",
        recipients,
      });
      const secrets = await Promise.all(recipients.map((r) => secretFromOutbox(t, r.email)));
      return { assessmentId: assessment.id, secrets };
    },
  };
}

export interface PortalVisit {
  cookie: string;
  csrf: string;
}

/** Opens an emailed link like a browser: follows nothing, keeps the cookie, reads the CSRF token from the page. */
export async function openLink(t: TestApp, secret: string): Promise<PortalVisit> {
  const res = await t.app.request(`/portal/${secret}`);
  if (res.status !== 303) throw new Error(`opening the link answered ${res.status}`);
  const cookie = cookieHeader(res);
  const page = await t.app.request("/portal/assessment", { headers: { cookie } });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  return { cookie, csrf };
}

/** The hidden revision token of a question, as the section page carries it. */
export function baseOf(html: string, questionId: string): string {
  const m = new RegExp(`name="base\\.${questionId.replace(/[.-]/g, "\\$&")}" value="([^"]+)"`).exec(html);
  if (!m?.[1]) throw new Error(`no base token for ${questionId}`);
  return m[1];
}

/** Publishes a tiny VSAQ questionnaire, for the pre-fill story. */
export async function publishSmallVsaq(ctx: ServiceContext): Promise<string> {
  const text = JSON.stringify({
    questionnaire: [
      {
        type: "block",
        text: "Security",
        items: [
          { type: "yesno", id: "uses_tls", text: "Do you use TLS everywhere?", yes: "Yes", no: "No" },
          {
            type: "radiogroup",
            id: "hosting",
            text: "Hosting",
            choices: [{ hosting_cloud: "Cloud" }, { hosting_own: "Own" }],
          },
          { type: "box", id: "story", text: "Tell us about your programme" },
          { type: "upload", id: "report", text: "Upload your report" },
        ],
      },
    ],
  });
  const published = await publishVsaqImport(ctx, { text, file: "small-vsaq.json", key: "small-vsaq" });
  return published.questionnaire.key;
}
