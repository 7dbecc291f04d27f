import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishTemplateData } from "../../src/questionnaires/questionnaire-service.ts";
import type { TemplateInput } from "../../src/questionnaires/template-schema.ts";
import { openLink } from "../portal/portal-fixture.ts";
import {
  BAD,
  GOOD,
  page,
  post,
  questionBlock,
  type ReviewFixture,
  reviewFixture,
  reviewOf,
  reviewState,
  session,
} from "./review-fixture.ts";

// The review page as read, who may act on it, and the decision that completes it. What reviewers do on the
// answers, and the forms' mistakes, are in review-page-actions.test.ts.

let r: ReviewFixture;
beforeEach(async () => {
  r = await reviewFixture();
});
afterEach(() => r.close());

/** A submitted assessment with a SOC 2 upload; answers as given. */
async function submittedWithEvidence(answers: typeof GOOD) {
  const sent = await r.sendReview();
  for (const [section, fields] of Object.entries(answers))
    expect((await r.answer(sent.visit, section, fields)).status).toBe(303);
  expect((await r.upload(sent.visit, "soc2", "security")).status).toBe(303);
  expect((await r.submit(sent.visit)).status).toBe(303);
  return sent;
}

describe("the review page shows a submitted assessment side by side with its score", () => {
  it("lists the header, the summary with the critical failure, each answer with figures and evidence", async () => {
    const { assessmentId } = await submittedWithEvidence(BAD);
    const reviewer = await session(r, "privacy");
    const { status, html } = await page(r, reviewer, reviewOf(assessmentId));
    expect(status).toBe(200);
    expect(html).toContain("Review: Review test questionnaire for Acme Hosting");
    expect(html).toContain("<code>review-test</code>, version 1");
    expect(html).toContain("Rita Vendor (CISO) attested on 2026-03-02 09:00 UTC");
    expect(html).toContain("Yes: a failed critical question sets the worst band whatever the score.");
    expect(html).toContain('<a href="#q-mfa">1.1 Do all staff use multi-factor authentication?</a>');
    expect(html).toContain("Scoring settings used");

    const mfa = questionBlock(html, "mfa");
    expect(mfa).toContain("Critical");
    expect(mfa).toContain("<strong>Answer:</strong> No");
    expect(mfa).toMatch(/<dt>Points<\/dt><dd>0 \/ 1<\/dd>/);
    expect(mfa).toMatch(/<dt>Passed<\/dt><dd><strong>No<\/strong><\/dd>/);
    const file = await r.f.t.deps.db.selectFrom("evidence_files").select("id").executeTakeFirstOrThrow();
    expect(questionBlock(html, "soc2")).toContain(`href="/assessments/${assessmentId}/evidence/${file.id}"`);
    // The follow-up question is hidden by the answer "None of it": left out and counted.
    expect(html).not.toContain('id="q-encryption-gaps"');
    // Named by its number, which the next question does not take over (see review-page-numbering.test.ts).
    expect(html).toContain("Question 1.3 was not shown to the vendor for these answers and is left out");
    expect(html).toContain("No multi-factor authentication");
    for (const form of [
      "/review/overrides/mfa",
      'id="clarify-form"',
      'id="complete-form"',
      "/review/comments",
    ])
      expect(html).toContain(form);
  });

  it("is linked from the assessment page once submitted, with the score at a glance", async () => {
    const reviewer = await session(r, "viewer");
    const { assessmentId: draft } = await r.sendReview();
    expect((await page(r, reviewer, `/assessments/${draft}`)).html).not.toContain(reviewOf(draft));
    const { assessmentId } = await r.submitted(GOOD);
    const { html } = await page(r, reviewer, `/assessments/${assessmentId}`);
    expect(html).toContain(`<a class="button-link" href="${reviewOf(assessmentId)}">Review the answers</a>`);
    expect(html).toMatch(/<dt>Residual rating<\/dt><dd><span class="tag rating rating-\w+">/);
  });
});

describe("only privacy and admin act on a review", () => {
  const routes = (id: string): [string, Record<string, string>][] => [
    [`${reviewOf(id)}/overrides/mfa`, { score: "1", scale: "points", comment: "Checked" }],
    [`${reviewOf(id)}/overrides/mfa/delete`, {}],
    [`${reviewOf(id)}/comments`, { body: "A note" }],
    [`${reviewOf(id)}/clarifications`, { ask: "mfa", "message.mfa": "Why?" }],
    [`${reviewOf(id)}/complete`, { decision: "rejected", reason: "Too risky" }],
    [`${reviewOf(id)}/findings`, { severity: "low", title: "A finding", recommendation: "Fix it" }],
  ];

  it.each(["viewer", "procurement"] as const)(
    "a %s reads the page without forms and is refused every action",
    async (role) => {
      const { assessmentId } = await r.submitted(BAD);
      const s = await session(r, role);
      const { status, html } = await page(r, s, reviewOf(assessmentId));
      expect(status).toBe(200);
      expect(html).toContain("Do all staff use multi-factor authentication?");
      expect(html).not.toContain(`action="${reviewOf(assessmentId)}`);
      expect(html).not.toContain('action="/findings"');
      expect(html).not.toContain("Review actions");
      const before = reviewState(r);
      for (const [path, fields] of routes(assessmentId)) {
        const res = await post(r, s, path, fields);
        expect(res.status, path).toBe(403);
      }
      expect(reviewState(r)).toBe(before);
    },
  );

  it("answers an unknown assessment or question with a not-found page", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session(r, "privacy");
    expect((await page(r, s, reviewOf("01NOSUCHASSESSMENT0000000000"))).status).toBe(404);
    const res = await post(r, s, `${reviewOf(assessmentId)}/overrides/nope`, { score: "1", comment: "x" });
    expect(res.status).toBe(404);
    // "Already removed" is only said of a question the questionnaire has.
    expect((await post(r, s, `${reviewOf(assessmentId)}/overrides/nope/delete`, {})).status).toBe(404);
    const finding = { severity: "low", title: "A", recommendation: "B" };
    expect((await post(r, s, `${reviewOf("01NOSUCHASSESSMENT0000000000")}/findings`, finding)).status).toBe(
      404,
    );
  });

  it("refuses a post without the session's CSRF token", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const s = await session(r, "privacy");
    const before = reviewState(r);
    const res = await post(r, { ...s, csrf: "forged" }, `${reviewOf(assessmentId)}/comments`, { body: "x" });
    expect(res.status).toBe(403);
    expect(reviewState(r)).toBe(before);
  });
});

describe("completing the review", () => {
  it.each([
    ["approved", {}, "Approved", "2029-03-02"],
    ["approved_with_conditions", { conditions: "Sign the DPA" }, "Approved with conditions", "2029-03-02"],
    ["rejected", {}, "Rejected", "Not scheduled (the vendor was rejected)"],
  ] as const)("records %s and shows the decision read-only", async (decision, extra, label, next) => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session(r, "privacy");
    const res = await post(r, s, `${reviewOf(assessmentId)}/complete`, {
      decision,
      reason: "Reviewed the answers",
      ...extra,
    });
    expect(res.status).toBe(303);
    const { html } = await page(r, s, `${reviewOf(assessmentId)}?notice=completed`);
    expect(html).toContain("Review completed and the decision recorded.");
    const shown = html.slice(html.indexOf('id="decision"'));
    expect(shown).toContain(`<strong>${label}</strong>`);
    expect(shown).toContain(next);
    expect(html).not.toContain('id="complete-form"');
    expect(html).not.toContain("Review actions");
  });

  it("an approval with an open critical finding names it, then goes through with the risk accepted", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const s = await session(r, "privacy");
    const blocked = await post(r, s, `${reviewOf(assessmentId)}/complete`, {
      decision: "approved",
      reason: "Compensating controls",
    });
    expect(blocked.status).toBe(409);
    const html = await blocked.text();
    const finding = await r.f.t.deps.db
      .selectFrom("findings")
      .select("id")
      .where("question_id", "=", "mfa")
      .executeTakeFirstOrThrow();
    expect(html).toContain("Not approved: The vendor has 1 open critical finding.");
    const back = encodeURIComponent(reviewOf(assessmentId));
    expect(html).toContain(`<a href="/findings/${finding.id}?returnTo=${back}#action-accept-risk">`);
    expect(html).toContain("No multi-factor authentication");
    expect(html).toContain(">Compensating controls</textarea>");
    expect(r.events("assessment.complete")).toHaveLength(0);

    const done = await post(r, s, `${reviewOf(assessmentId)}/complete`, {
      decision: "approved",
      reason: "Compensating controls",
      "acceptRisk.justification": "VPN with hardware keys in front of every system",
      "acceptRisk.until": "2026-09-30",
    });
    expect(done.status).toBe(303);
    const row = await r.f.t.deps.db
      .selectFrom("findings")
      .select(["status", "accepted_until"])
      .where("id", "=", finding.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "risk_accepted", accepted_until: "2026-09-30" });
    expect((await page(r, s, reviewOf(assessmentId))).html).toContain("<strong>Approved</strong>");
  });
});

/** 300 yes/no questions in three sections: the size the page must stay quick for. */
const BIG: TemplateInput = {
  key: "big-review",
  version: 1,
  title: "Big review",
  tiers: ["low"],
  sections: [0, 1, 2].map((s) => ({
    id: `s${s}`,
    title: `Section ${s}`,
    questions: Array.from({ length: 100 }, (_, i) => ({
      id: `s${s}-q${i}`,
      type: "yes_no" as const,
      text: `Control ${s}.${i} is in place?`,
    })),
  })),
};

describe("a 300-question assessment", () => {
  it("renders every question and stays quick", async () => {
    await publishTemplateData(r.f.staffCtx, BIG, { source: "upload" });
    const sent = await r.f.send({
      questionnaire: "big-review",
      recipients: [{ name: "Bo", email: "bo@acme.example" }],
    });
    const visit = await openLink(r.f.t, sent.secrets[0] ?? "");
    for (const section of BIG.sections) {
      const fields = Object.fromEntries(section.questions.map((q, i) => [q.id, i % 3 === 0 ? "no" : "yes"]));
      expect((await r.answer(visit, section.id, fields)).status).toBe(303);
    }
    expect((await r.submit(visit)).status).toBe(303);
    const s = await session(r, "privacy");
    await page(r, s, reviewOf(sent.assessmentId));
    const started = performance.now();
    const { status, html } = await page(r, s, reviewOf(sent.assessmentId));
    const took = performance.now() - started;
    expect(status).toBe(200);
    expect(html.match(/<article id="q-/g)).toHaveLength(300);
    expect(took).toBeLessThan(1000);
  });
});
