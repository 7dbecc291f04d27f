import { expect } from "vitest";
import type { Role } from "../../src/auth/roles.ts";
import { publishTemplateData } from "../../src/questionnaires/questionnaire-service.ts";
import type { TemplateInput, Tier } from "../../src/questionnaires/template-schema.ts";
import { overrideTier } from "../../src/vendors/register-service.ts";
import { type ApiResult, api } from "../assessments/fixtures.ts";
import { samplePdf } from "../evidence/sample-files.ts";
import {
  baseOf,
  openLink,
  type PortalFixture,
  type PortalVisit,
  portalFixture,
} from "../portal/portal-fixture.ts";

/** A questionnaire with a critical question, findings, a follow-up question, a scored upload and text. */
export const REVIEW_TEMPLATE: TemplateInput = {
  key: "review-test",
  version: 1,
  title: "Review test questionnaire",
  tiers: ["low"],
  sections: [
    {
      id: "security",
      title: "Security",
      weight: 2,
      questions: [
        {
          id: "mfa",
          type: "yes_no",
          required: true,
          critical: true,
          text: "Do all staff use multi-factor authentication?",
          finding: {
            severity: "critical",
            title: "No multi-factor authentication",
            recommendation: "Ask the vendor to enforce MFA for every account.",
          },
        },
        {
          id: "encryption",
          type: "single_choice",
          required: true,
          text: "Is our data encrypted at rest?",
          options: [
            { value: "all", label: "All of it", score: 1 },
            { value: "some", label: "Some of it", score: 0.5 },
            { value: "none", label: "None of it", score: 0 },
          ],
          finding: {
            severity: "high",
            title: "Data not encrypted at rest",
            recommendation: "Ask for a plan to encrypt stored data.",
          },
        },
        {
          id: "encryption-gaps",
          type: "short_text",
          required: true,
          showIf: { question: "encryption", equals: "some" },
          text: "Which data is not encrypted?",
        },
        {
          id: "soc2",
          type: "evidence",
          weight: 1,
          text: "Attach your latest SOC 2 report",
          evidence: { kinds: ["soc2_report"], expiry: true },
        },
      ],
    },
    {
      id: "privacy",
      title: "Privacy",
      questions: [
        {
          id: "dpo",
          type: "yes_no",
          required: true,
          text: "Have you appointed a data protection officer?",
          finding: {
            severity: "medium",
            title: "No data protection officer",
            recommendation: "Ask who is responsible for data protection.",
          },
        },
        { id: "notes", type: "long_text", text: "Anything else we should know?" },
      ],
    },
  ],
};

/** Good answers: everything passes except the missing SOC 2 upload. */
export const GOOD = { security: { mfa: "yes", encryption: "all" }, privacy: { dpo: "yes" } };
/** A failed critical question and unencrypted data. */
export const BAD = { security: { mfa: "no", encryption: "none" }, privacy: { dpo: "yes" } };

type SectionAnswers = Record<string, Record<string, string | string[]>>;

export interface ReviewFixture {
  f: PortalFixture;
  /** A privacy user's bearer header (the role that reviews). */
  privacy: Record<string, string>;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResult>;
  /** Sends the review questionnaire to a new recipient and opens the emailed link. */
  sendReview(): Promise<{ assessmentId: string; visit: PortalVisit; email: string }>;
  /** Saves a section through the real portal form. */
  answer(visit: PortalVisit, section: string, fields: Record<string, string | string[]>): Promise<Response>;
  /** Submits through the real portal form with an attestation. */
  submit(visit: PortalVisit): Response | Promise<Response>;
  /** Sends, answers every section given and submits: the state a reviewer starts from. */
  submitted(answers: SectionAnswers): Promise<{ assessmentId: string; visit: PortalVisit; email: string }>;
  upload(visit: PortalVisit, questionId: string, sectionId: string): Response | Promise<Response>;
  setTier(tier: Tier): Promise<void>;
  auditCount(): number;
  events(action: string): { entity_id: string | null; changes: string }[];
  close(): void;
}

export async function reviewFixture(): Promise<ReviewFixture> {
  const f = await portalFixture();
  await publishTemplateData(f.staffCtx, REVIEW_TEMPLATE, { source: "upload" });
  const privacy = await f.t.bearer("privacy");
  const { t } = f;
  let n = 0;
  const fixture: ReviewFixture = {
    f,
    privacy,
    call: (method, path, body, headers = privacy) => api(t, headers, method, path, body),
    async sendReview() {
      n += 1;
      const email = `rita${n}@acme.example`;
      const sent = await f.send({ questionnaire: "review-test", recipients: [{ name: `Rita ${n}`, email }] });
      const visit = await openLink(t, sent.secrets[0] ?? "");
      return { assessmentId: sent.assessmentId, visit, email };
    },
    async answer(visit, section, fields) {
      const page = await (
        await t.app.request(`/portal/assessment/sections/${section}`, { headers: { cookie: visit.cookie } })
      ).text();
      const body = new URLSearchParams({ _csrf: visit.csrf });
      for (const [id, value] of Object.entries(fields)) {
        body.append(`base.${id}`, baseOf(page, id));
        for (const v of Array.isArray(value) ? value : [value]) body.append(`a.${id}`, v);
      }
      return t.app.request(`/portal/assessment/sections/${section}`, {
        method: "POST",
        headers: { cookie: visit.cookie, "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    },
    submit(visit) {
      return t.app.request("/portal/assessment/submit", {
        method: "POST",
        headers: { cookie: visit.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          _csrf: visit.csrf,
          name: "Rita Vendor",
          title: "CISO",
          confirmed: "yes",
        }),
      });
    },
    async submitted(answers) {
      const sent = await fixture.sendReview();
      for (const [section, fields] of Object.entries(answers))
        expect((await fixture.answer(sent.visit, section, fields)).status).toBe(303);
      const res = await fixture.submit(sent.visit);
      expect(res.status, await res.clone().text()).toBe(303);
      return sent;
    },
    upload(visit, questionId, sectionId) {
      const form = new FormData();
      form.set("_csrf", visit.csrf);
      form.set("questionId", questionId);
      form.set("sectionId", sectionId);
      form.set("kind", "soc2_report");
      form.set("expiresOn", "2027-01-31");
      form.set("file", new File([samplePdf()], "soc2.pdf", { type: "application/pdf" }));
      return t.app.request("/portal/assessment/evidence", {
        method: "POST",
        body: form,
        headers: { cookie: visit.cookie },
      });
    },
    async setTier(tier) {
      await overrideTier(f.staffCtx, f.vendorId, { tier, reason: "Set for the review test" });
    },
    auditCount: () => (t.sqlite.prepare("select count(*) as n from audit_events").get() as { n: number }).n,
    events: (action) =>
      t.sqlite
        .prepare("select entity_id, changes from audit_events where action = ? order by seq")
        .all(action) as { entity_id: string | null; changes: string }[],
    close: () => f.close(),
  };
  return fixture;
}

/** Bearer headers for each role, made once per test app. */
export async function roleHeaders(r: ReviewFixture): Promise<Record<Role, Record<string, string>>> {
  const { t } = r.f;
  return {
    admin: await t.bearer("admin"),
    privacy: r.privacy,
    procurement: await t.bearer("procurement"),
    viewer: await t.bearer("viewer"),
  };
}

/** A snapshot of what a review can change, to prove a refused call changed nothing. */
export function reviewState(r: ReviewFixture) {
  const q = (sql: string) => r.f.t.sqlite.prepare(sql).all();
  return JSON.stringify({
    audit: r.auditCount(),
    assessments: q("select id, status, completed_at from assessments order by id"),
    scores: q("select assessment_id, score, result from assessment_scores order by assessment_id"),
    overrides: q("select * from score_overrides order by assessment_id, question_id"),
    findings: q("select id, status, updated_at from findings order by id"),
    comments: q("select id from assessment_comments"),
    clarifications: q("select id, answered_at from clarification_requests order by id"),
    decisions: q("select id from vendor_decisions"),
    vendors: q(
      "select id, status, residual_rating, next_review_date, last_decision_id from vendors order by id",
    ),
    outbox: q("select id from outbox"),
  });
}

/** A signed-in staff member of the web pages. */
export type Session = { cookie: string; csrf: string };

export async function session(r: ReviewFixture, role: Role): Promise<Session> {
  return r.f.t.signIn((await r.f.t.addUser(role)).email);
}

export const reviewOf = (id: string) => `/assessments/${id}/review`;

export async function page(r: ReviewFixture, s: Session, path: string) {
  const res = await r.f.t.app.request(path, { headers: { cookie: s.cookie } });
  return { status: res.status, html: await res.text() };
}

/** Posts a page form as the browser does, with the session's CSRF token. */
export function post(
  r: ReviewFixture,
  s: Session,
  path: string,
  fields: Record<string, string> | [string, string][],
) {
  const body = new URLSearchParams(fields);
  body.set("_csrf", s.csrf);
  return r.f.t.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: s.cookie },
    body,
  });
}

/** The HTML of one question's block on the review page. */
export function questionBlock(html: string, questionId: string): string {
  const start = html.indexOf(`<article id="q-${questionId}"`);
  if (start < 0) throw new Error(`question ${questionId} is not on the page`);
  return html.slice(start, html.indexOf("</article>", start));
}
