// Loaded first: the vendor vocabulary needs zod's `.openapi()` (see test/assessments/fixtures.ts).
import "@hono/zod-openapi";
import { createAssessment } from "../../src/assessments/assessment-service.ts";
import { Template } from "../../src/questionnaires/template-schema.ts";
import { completeReview } from "../../src/reviews/completion-service.ts";
import { updateSettings } from "../../src/settings/settings-service.ts";
import { addProcessingRecord, addSubprocessor } from "../../src/vendors/register-service.ts";
import { createVendor } from "../../src/vendors/vendor-service.ts";
import { publishTemplate } from "../assessments/fixtures.ts";
import type { TestApp } from "../support/test-app.ts";

/** The organisation's DPA settings, as an admin would enter them. */
export async function configureOrganisation(t: TestApp) {
  await updateSettings(t.ctx, {
    organisationName: "Northwind",
    legalName: "Northwind Insurance SE",
    registeredAddress: "1 Harbour Road\nDublin 2",
    country: "IE",
    signatoryName: "Aoife Byrne",
    signatoryTitle: "Chief Operating Officer",
    privacyContactName: "Privacy Team",
    privacyContactEmail: "privacy@northwind.example",
    dpoName: "Dara Walsh",
    dpoEmail: "dpo@northwind.example",
    supervisoryAuthority: "Data Protection Commission (Ireland)",
    breachNotificationHours: 36,
    subprocessorNoticeDays: 45,
    governingLaw: "IE",
    courts: "IE",
    sccIndependentRedress: "Dublin Mediation Centre",
    ukData: true,
  });
}

/**
 * A vendor with special category data, a transfer to the US under SCCs (no DPF certification), CCPA terms and
 * three sub-processors, one of them in the US.
 */
export async function richVendor(t: TestApp, name = "Łódź Logistics") {
  const vendor = await createVendor(t.ctx, {
    name,
    legalName: `${name} Sp. z o.o.`,
    registeredAddress: "ul. Piotrkowska 1\n90-001 Łódź",
    country: "PL",
    serviceDescription: "Claims handling and customer support platform",
    businessCriticality: "high",
    ccpaServiceProvider: true,
    contacts: [
      { name: "Zofia Nowak", email: "privacy@lodz.example", role: "privacy" },
      { name: "Piotr Wiśniewski", email: "security@lodz.example", role: "security" },
    ],
  });
  const { record: claims } = await addProcessingRecord(t.ctx, vendor.id, {
    purpose: "Handling insurance claims, including medical reports submitted by claimants",
    legalBasis: "contract",
    dataCategories: ["identity", "contact", "health"],
    art9Condition: "legal_claims",
    dataSubjects: ["customers"],
    subjectCount: 25_000,
    retention: "7 years after the claim closes",
    frequency: "continuous",
    access: "stores",
    locations: [
      { country: "PL", mechanism: "none" },
      { country: "US", mechanism: "scc", sccModule: 2 },
    ],
  });
  const { record: support } = await addProcessingRecord(t.ctx, vendor.id, {
    purpose: "Answering customer support requests by email and chat",
    legalBasis: "contract",
    dataCategories: ["identity", "contact", "communications"],
    dataSubjects: ["customers", "prospects"],
    subjectCount: 60_000,
    retention: "24 months",
    frequency: "continuous",
    access: "stores",
    locations: [{ country: "PL", mechanism: "none" }],
  });
  const subs = [
    {
      name: "Mailer Inc",
      service: "Transactional email delivery",
      country: "US",
      mechanism: "scc",
      sccModule: 3,
    },
    { name: "Müller GmbH", service: "Data centre hosting", country: "DE", mechanism: "none" },
    { name: "Ελληνικά Δεδομένα Α.Ε.", service: "Call centre overflow", country: "GR", mechanism: "none" },
  ] as const;
  for (const sub of subs)
    await addSubprocessor(t.ctx, vendor.id, {
      ...sub,
      dpfCertified: false,
      canadaCommercial: false,
      processingIds: sub.name === "Mailer Inc" ? [support.id] : [claims.id, support.id],
    });
  return { vendor, claims, support };
}

/** A small questionnaire whose questions evidence Annex II measure groups. */
export function annexTemplate(): Template {
  const yesNo = (id: string, annex: string, measure: string, extra: object = {}) => ({
    id,
    type: "yes_no",
    required: true,
    text: `Question ${id}?`,
    annex,
    measure,
    ...extra,
  });
  return Template.parse({
    key: "dpa-annex-check",
    version: 1,
    title: "DPA annex check",
    tiers: ["low", "medium", "high", "critical"],
    sections: [
      {
        id: "controls",
        title: "Controls",
        questions: [
          yesNo("enc-rest", "protection-at-rest", "Personal data is encrypted at rest with AES-256."),
          yesNo(
            "mfa",
            "identification-authorisation",
            "Administrator accounts require multi-factor authentication.",
          ),
          yesNo("pentest", "regular-testing", "An independent penetration test runs every year.", {
            finding: {
              severity: "medium",
              title: "No yearly penetration test",
              recommendation: "Ask for a penetration test before renewal.",
            },
          }),
          yesNo("has-logs", "logging", "Security events are logged centrally."),
          yesNo("log-review", "logging", "Security logs are reviewed every week.", {
            showIf: { question: "has-logs", equals: "yes" },
          }),
        ],
      },
    ],
  });
}

/** Sends the annex questionnaire, stores the answers, and completes the review with an approval. */
export async function completeAnnexAssessment(t: TestApp, vendorId: string, answers: Record<string, string>) {
  const existing = await t.deps.db
    .selectFrom("questionnaire_versions")
    .select("id")
    .where("key", "=", "dpa-annex-check")
    .executeTakeFirst();
  if (!existing) await publishTemplate(t.deps, annexTemplate(), 1);
  const assessment = await createAssessment(t.ctx, {
    vendorId,
    questionnaire: "dpa-annex-check",
    dueDate: "2026-03-30",
    recipients: [{ name: "Zofia Nowak", email: "privacy@lodz.example" }],
  });
  const now = t.clock.now().toISOString();
  await t.deps.db
    .insertInto("answers")
    .values(
      Object.entries(answers).map(([question_id, value]) => ({
        assessment_id: assessment.id,
        question_id,
        value: JSON.stringify(value),
        comment: null,
        revision: 1,
        updated_at: now,
        updated_by: "vendor",
      })),
    )
    .execute();
  await t.deps.db
    .updateTable("assessments")
    .set({ status: "submitted", submitted_at: now })
    .where("id", "=", assessment.id)
    .execute();
  await completeReview(t.ctx, assessment.id, { decision: "approved", reason: "Controls are adequate." });
  return assessment.id;
}

/** A small real PDF, standing in for the countersigned scan a vendor sends back. */
export async function tinyPdf(text: string): Promise<Buffer> {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4" });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  doc.text(text);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** Downloads a response's bytes with its status and headers. */
export async function download(t: TestApp, headers: Record<string, string>, path: string) {
  const res = await t.app.request(path, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** POSTs the countersigned copy as multipart form data, like a browser or curl -F would. */
export async function uploadSigned(
  t: TestApp,
  headers: Record<string, string>,
  documentId: string,
  file: { bytes: Uint8Array; name?: string; type?: string } | null,
  signedOn = "2026-03-02",
) {
  const body = new FormData();
  if (file)
    body.set(
      "file",
      new File([file.bytes], file.name ?? "signed.pdf", { type: file.type ?? "application/pdf" }),
    );
  body.set("signedOn", signedOn);
  const res = await t.app.request(`/api/v1/dpa/${documentId}/signed`, { method: "POST", headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}
