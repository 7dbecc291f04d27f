import { createAssessment } from "../../src/assessments/assessment-service.ts";
import { storeEvidence } from "../../src/evidence/evidence-service.ts";
import { publishTemplateData } from "../../src/questionnaires/questionnaire-service.ts";
import { samplePdf } from "../evidence/sample-files.ts";
import { PORTAL_TEMPLATE } from "../portal/portal-fixture.ts";
import type { TestApp } from "../support/test-app.ts";
import { acme, hosting, type Method, newsletter, type Payload } from "./role-matrix-routes.ts";

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
  const idOf: [string, string][] = [
    ["/tokens/", f.tokenId],
    ["/users/", f.userId],
    ["/outbox/", f.outboxId],
    ["/assessments/", f.assessmentId],
  ];
  let id = idOf.find(([part]) => pattern.includes(part))?.[1] ?? f.vendorId;
  if (pattern.endsWith("/enable")) id = f.disabledUserId;
  const ids: Record<string, string> = {
    id,
    recordId: f.recordId,
    subId: f.subId,
    contactId: f.contactId,
    key: f.questionnaireKey,
    inviteId: f.inviteId,
    fileId: f.fileId,
    sectionId: f.sectionId,
  };
  return pattern.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? `:${name}`);
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
  };
}
