import { createAssessment } from "../../src/assessments/assessment-service.ts";
import { generateDpa } from "../../src/dpa/dpa-service.ts";
import { recordSignedDpa } from "../../src/dpa/dpa-signing.ts";
import { storeEvidence } from "../../src/evidence/evidence-service.ts";
import {
  createReviewerFinding,
  planRemediation,
  resolveFinding,
} from "../../src/findings/finding-service.ts";
import { saveAnswers } from "../../src/portal/answer-service.ts";
import { fingerprint } from "../../src/portal/answer-values.ts";
import { loadPortalAssessment } from "../../src/portal/portal-data.ts";
import { submitAssessment } from "../../src/portal/submit-service.ts";
import { publishTemplateData } from "../../src/questionnaires/questionnaire-service.ts";
import type { Answer } from "../../src/questionnaires/template-schema.ts";
import { setScoreOverride } from "../../src/reviews/override-service.ts";
import { updateSettings } from "../../src/settings/settings-service.ts";
import type { ServiceContext } from "../../src/shared/service-context.ts";
import { samplePdf } from "../evidence/sample-files.ts";
import { PORTAL_TEMPLATE } from "../portal/portal-fixture.ts";
import type { TestApp } from "../support/test-app.ts";
import { acme, hosting, type Method, newsletter, type Payload, scoredQuestion } from "./role-matrix-rules.ts";

/** The records the matrix's paths point at. */
export interface Fixtures {
  userId: string;
  disabledUserId: string;
  tokenId: string;
  vendorId: string;
  recordId: string;
  subId: string;
  contactId: string;
  questionnaireKey: string;
  sectionId: string;
  assessmentId: string;
  inviteId: string;
  outboxId: string;
  fileId: string;
  /** The scored question of the submitted assessment (a constant: form field names carry it too). */
  questionId: string;
  /** The ids below exist only when the route's extras asked for them (see extrasFor). */
  submittedId?: string;
  findingId?: string;
  plannedFindingId?: string;
  resolvedFindingId?: string;
  documentId?: string;
}

/**
 * How far the vendor's DPA must have got: the organisation's details filled in so one can be generated
 * ("ready": the call itself makes version 1), version 1 generated (to send or sign), or version 1 signed.
 */
export type DpaStage = "ready" | "generated" | "signed";

/** Records only some routes act on; each is built only for those routes, which keeps the matrix fast. */
export interface Extras {
  /** A second assessment, answered and submitted (so scored), with the scored question overridden. */
  review: boolean;
  /** Reviewer findings: one open, one with a remediation plan, one resolved. */
  findings: boolean;
  /** Rendering a DPA's PDF takes about a quarter of a second, so only the routes on one get it. */
  dpa: DpaStage | undefined;
}

const REVIEW_ROUTE = /\/assessments\/:id\/(review|overrides|comments|clarifications|complete)\b/;

export function extrasFor(method: Method, pattern: string): Extras {
  let dpa: DpaStage | undefined;
  if (pattern.includes(":documentId"))
    dpa = method === "GET" && pattern.endsWith("/signed") ? "signed" : "generated";
  else if (/\/dpa\b/.test(pattern) && method !== "GET") dpa = "ready";
  return { review: REVIEW_ROUTE.test(pattern), findings: pattern.includes("/findings/:id"), dpa };
}

/** ":name" (a whole field value, or a query string's value) becomes that fixture's id; the rest is sent as written. */
export function fill<P extends Payload>(payload: P, f: Fixtures): P {
  const ids = f as unknown as Record<string, string>;
  if (typeof payload === "string")
    return payload.replace(/=:(\w+)/g, (m, name: string) => (ids[name] ? `=${ids[name]}` : m)) as P;
  const one = (v: unknown): unknown =>
    typeof v === "string" && /^:\w+$/.test(v) ? (ids[v.slice(1)] ?? v) : v;
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, one(v)])) as P;
}

/** The real path for a route: ids of the fixture each kind of record points at. */
export function urlFor(pattern: string, f: Fixtures): string {
  const idOf: [RegExp, string | undefined][] = [
    [/\/tokens\//, f.tokenId],
    [/\/enable$/, f.disabledUserId],
    [/\/users\//, f.userId],
    [/\/outbox\//, f.outboxId],
    [REVIEW_ROUTE, f.submittedId],
    [/\/assessments\//, f.assessmentId],
    [/\/findings\/:id\/resolve$/, f.plannedFindingId],
    [/\/findings\/:id\/reopen$/, f.resolvedFindingId],
    [/\/findings\//, f.findingId],
  ];
  const found = idOf.find(([part]) => part.test(pattern));
  const ids: Record<string, string | undefined> = {
    id: found ? found[1] : f.vendorId,
    recordId: f.recordId,
    subId: f.subId,
    contactId: f.contactId,
    key: f.questionnaireKey,
    inviteId: f.inviteId,
    fileId: f.fileId,
    sectionId: f.sectionId,
    questionId: f.questionId,
    documentId: f.documentId,
  };
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    const id = ids[name];
    // A refused call to a made-up id proves nothing, so a missing record is the matrix's own mistake.
    if (id === undefined) throw new Error(`no fixture for :${name} in ${pattern}; see extrasFor`);
    return id;
  });
}

/** The portal test questionnaire's required questions, answered so that no follow-up (no upload) is needed. */
const ANSWERS: Record<string, Answer> = { "has-policy": "no", [scoredQuestion]: "eu", certs: ["iso27001"] };

/** A second assessment, answered and submitted as the vendor would (which scores it), then one score overridden. */
async function submittedAssessment(ctx: ServiceContext, vendorId: string, questionnaire: string) {
  const { id } = await createAssessment(ctx, {
    vendorId,
    questionnaire,
    dueDate: "2026-03-31",
    recipients: [{ name: "Rui Replied", email: "rui@mailer.example" }],
  });
  // Every answer starts from nothing: revision 0, no value, no comment.
  const base = { revision: 0, valueHash: fingerprint(null), commentHash: fingerprint(null) };
  const changes = Object.entries(ANSWERS).map(([questionId, value]) => ({
    questionId,
    base,
    value,
    comment: null,
  }));
  await saveAnswers(ctx, id, changes);
  const attestation = { name: "Rui Replied", title: "CISO", confirmed: true };
  await submitAssessment(ctx, await loadPortalAssessment(ctx.db, id), attestation);
  await setScoreOverride(ctx, id, scoredQuestion, { score: 0.5, comment: "Only the backups are in the EU" });
  return id;
}

/** Reviewer findings about the vendor: one open, one with a remediation plan, one resolved. */
async function findingsInEachState(ctx: ServiceContext, vendorId: string) {
  const raise = (title: string) =>
    createReviewerFinding(ctx, { vendorId, severity: "medium", title, recommendation: "Ask for a fix." });
  const plan = { plan: "Fixed in the next release", targetDate: "2026-04-30" };
  const open = await raise("No incident response plan");
  const planned = await raise("Passwords may be short");
  await planRemediation(ctx, planned.id, plan);
  const resolved = await raise("Logs are kept for a week");
  await planRemediation(ctx, resolved.id, plan);
  await resolveFinding(ctx, resolved.id, { note: "Logs are now kept for a year" });
  return { findingId: open.id, plannedFindingId: planned.id, resolvedFindingId: resolved.id };
}

/** The organisation's details a DPA needs, then version 1 of the vendor's DPA (signed) when the stage asks. */
async function dpaAtStage(ctx: ServiceContext, vendorId: string, stage: DpaStage) {
  await updateSettings(ctx, { legalName: "Example Org Ltd", country: "IE" });
  if (stage === "ready") return undefined;
  const { documentId } = await generateDpa(ctx, vendorId);
  if (stage === "signed")
    await recordSignedDpa(ctx, documentId, { bytes: samplePdf(), signedOn: "2026-03-02" });
  return documentId;
}

/**
 * A target user, a disabled user, a token, a vendor with one of each register record (through the API), and a
 * published questionnaire sent to that vendor with one invite, its queued email and one evidence file.
 */
export async function createFixtures(t: TestApp): Promise<Fixtures> {
  const admin = await t.bearer("admin");
  const call = async (method: Method, path: string, body?: unknown) => {
    const res = await t.app.request(path, {
      method,
      headers: { ...admin, "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status >= 300)
      throw new Error(`fixture ${method} ${path} failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown> & { id: string };
  };
  const target = await t.addUser("viewer");
  const disabled = await t.addUser("viewer");
  await call("PATCH", `/api/v1/users/${disabled.id}`, { disabled: true });
  const token = await call("POST", "/api/v1/tokens", { name: "target", userId: target.id });
  const eva = { name: "Eva", email: "eva@mailer.example", role: "privacy" };
  const vendor = await call("POST", "/api/v1/vendors", { ...acme, name: "Mailer", contacts: [eva] });
  type Ref = { id: string };
  const record = (await call("POST", `/api/v1/vendors/${vendor.id}/processing`, newsletter)).record as Ref;
  const sub = (await call("POST", `/api/v1/vendors/${vendor.id}/subprocessors`, hosting)).subprocessor as Ref;
  const detail = await call("GET", `/api/v1/vendors/${vendor.id}`);
  const contact = (detail.contacts as { id: string }[])[0];
  if (!contact) throw new Error("fixture vendor has no contact");

  const { questionnaire } = await publishTemplateData(t.ctx, PORTAL_TEMPLATE, { source: "upload" });
  const assessment = await createAssessment(t.ctx, {
    vendorId: vendor.id,
    questionnaire: questionnaire.key,
    dueDate: "2026-03-31",
    recipients: [{ name: "Vera Vendor", email: "vera@mailer.example" }],
  });
  const db = t.deps.db;
  const invite = await db
    .selectFrom("assessment_invites")
    .select("id")
    .where("assessment_id", "=", assessment.id)
    .executeTakeFirstOrThrow();
  const mail = await db
    .selectFrom("outbox")
    .select(["id", "status"])
    .where("to_email", "=", "vera@mailer.example")
    .executeTakeFirstOrThrow();
  if (mail.status !== "pending") throw new Error(`fixture mail is ${mail.status}, so it cannot be retried`);
  const file = await storeEvidence(t.ctx, {
    assessmentId: assessment.id,
    questionId: "policy-doc",
    originalName: "policy.pdf",
    bytes: samplePdf(),
    kind: "policy_document",
  });
  return {
    userId: target.id,
    disabledUserId: disabled.id,
    tokenId: token.id,
    vendorId: vendor.id,
    recordId: record.id,
    subId: sub.id,
    contactId: contact.id,
    questionnaireKey: questionnaire.key,
    sectionId: PORTAL_TEMPLATE.sections[0]?.id ?? "basics",
    assessmentId: assessment.id,
    inviteId: invite.id,
    outboxId: mail.id,
    fileId: file.id,
    questionId: scoredQuestion,
  };
}

/** Adds to a database that holds the fixtures the extras some routes act on. */
export async function addExtras(
  ctx: ServiceContext,
  f: Fixtures,
  extras: Partial<Extras>,
): Promise<Fixtures> {
  return {
    ...f,
    submittedId: extras.review ? await submittedAssessment(ctx, f.vendorId, f.questionnaireKey) : undefined,
    ...(extras.findings ? await findingsInEachState(ctx, f.vendorId) : {}),
    documentId: extras.dpa ? await dpaAtStage(ctx, f.vendorId, extras.dpa) : undefined,
  };
}
