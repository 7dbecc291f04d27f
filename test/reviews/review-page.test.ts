import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../../src/auth/roles.ts";
import { publishTemplateData } from "../../src/questionnaires/questionnaire-service.ts";
import type { TemplateInput } from "../../src/questionnaires/template-schema.ts";
import { openLink } from "../portal/portal-fixture.ts";
import { BAD, GOOD, type ReviewFixture, reviewFixture, reviewState } from "./review-fixture.ts";

let r: ReviewFixture;
beforeEach(async () => {
  r = await reviewFixture();
});
afterEach(() => r.close());

type Session = { cookie: string; csrf: string };

async function session(role: Role): Promise<Session> {
  return r.f.t.signIn((await r.f.t.addUser(role)).email);
}

async function page(s: Session, path: string) {
  const res = await r.f.t.app.request(path, { headers: { cookie: s.cookie } });
  return { status: res.status, html: await res.text() };
}

function post(s: Session, path: string, fields: Record<string, string> | [string, string][]) {
  const body = new URLSearchParams(fields);
  body.set("_csrf", s.csrf);
  return r.f.t.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: s.cookie },
    body,
  });
}

/** The HTML of one question's block on the review page. */
function questionBlock(html: string, questionId: string): string {
  const start = html.indexOf(`<article id="q-${questionId}"`);
  if (start < 0) throw new Error(`question ${questionId} is not on the page`);
  return html.slice(start, html.indexOf("</article>", start));
}

/** A submitted assessment with a SOC 2 upload; answers as given. */
async function submittedWithEvidence(answers: typeof GOOD) {
  const sent = await r.sendReview();
  for (const [section, fields] of Object.entries(answers))
    expect((await r.answer(sent.visit, section, fields)).status).toBe(303);
  expect((await r.upload(sent.visit, "soc2", "security")).status).toBe(303);
  expect((await r.submit(sent.visit)).status).toBe(303);
  return sent;
}

const reviewOf = (id: string) => `/assessments/${id}/review`;

describe("the review page shows a submitted assessment side by side with its score", () => {
  it("lists the header, the summary with the critical failure, each answer with figures and evidence", async () => {
    const { assessmentId } = await submittedWithEvidence(BAD);
    const reviewer = await session("privacy");
    const { status, html } = await page(reviewer, reviewOf(assessmentId));
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
    expect(html).toContain("1 question was not shown to the vendor for these answers");
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
    const reviewer = await session("viewer");
    const { assessmentId: draft } = await r.sendReview();
    expect((await page(reviewer, `/assessments/${draft}`)).html).not.toContain(reviewOf(draft));
    const { assessmentId } = await r.submitted(GOOD);
    const { html } = await page(reviewer, `/assessments/${assessmentId}`);
    expect(html).toContain(`<a class="button-link" href="${reviewOf(assessmentId)}">Review the answers</a>`);
    expect(html).toMatch(/<dt>Residual rating<\/dt><dd><span class="tag rating rating-\w+">/);
  });
});

describe("a reviewer works on the answers from the page", () => {
  it("overrides a question's points with a reason, sees it marked, then removes the override", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const reviewer = await session("privacy");
    const res = await post(reviewer, `${reviewOf(assessmentId)}/overrides/mfa`, {
      score: "1",
      scale: "points",
      comment: "MFA is enforced per the SOC 2 report, section 4.",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${reviewOf(assessmentId)}?notice=overridden#q-mfa`);
    const after = await page(reviewer, `${reviewOf(assessmentId)}?notice=overridden`);
    expect(after.html).toContain("Score overridden; the assessment was rescored.");
    const mfa = questionBlock(after.html, "mfa");
    expect(mfa).toContain("Overridden");
    expect(mfa).toMatch(/<dt>Points<\/dt><dd>1 \/ 1<\/dd>/);
    expect(mfa).toContain("MFA is enforced per the SOC 2 report, section 4.");
    expect(mfa).toContain("(computed from the answer: 0)");
    expect(r.events("assessment.score_override")).toHaveLength(1);

    const removed = await post(reviewer, `${reviewOf(assessmentId)}/overrides/mfa/delete`, {});
    expect(removed.status).toBe(303);
    const back = questionBlock((await page(reviewer, reviewOf(assessmentId))).html, "mfa");
    expect(back).not.toContain("Overridden");
    expect(back).toMatch(/<dt>Points<\/dt><dd>0 \/ 1<\/dd>/);
  });

  it("takes an override as a fraction of full marks", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const reviewer = await session("admin");
    const res = await post(reviewer, `${reviewOf(assessmentId)}/overrides/encryption`, {
      score: "0,5",
      scale: "fraction",
      comment: "Backups are encrypted.",
    });
    expect(res.status).toBe(303);
    const block = questionBlock((await page(reviewer, reviewOf(assessmentId))).html, "encryption");
    expect(block).toMatch(/<dt>Points<\/dt><dd>0.5 \/ 1<\/dd>/);
  });

  it("adds comments on a question and on the assessment", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const reviewer = await session("privacy");
    const onQuestion = await post(reviewer, `${reviewOf(assessmentId)}/comments`, {
      questionId: "dpo",
      body: "Who is the DPO? Check the register.",
    });
    expect(onQuestion.headers.get("location")).toBe(`${reviewOf(assessmentId)}?notice=commented#q-dpo`);
    await post(reviewer, `${reviewOf(assessmentId)}/comments`, { body: "Overall a tidy response." });
    const { html } = await page(reviewer, reviewOf(assessmentId));
    expect(questionBlock(html, "dpo")).toContain("Who is the DPO? Check the register.");
    expect(questionBlock(html, "dpo")).not.toContain("Overall a tidy response.");
    const general = html.slice(html.indexOf('id="comments-title"'));
    expect(general).toContain("Overall a tidy response.");
  });

  it("sends the ticked questions back to the vendor and then waits for them", async () => {
    const { assessmentId, email } = await r.submitted(GOOD);
    const reviewer = await session("privacy");
    const res = await post(reviewer, `${reviewOf(assessmentId)}/clarifications`, [
      ["ask", "dpo"],
      ["message.dpo", "Please name your data protection officer."],
      ["message.mfa", "typed but not ticked: not sent"],
    ]);
    expect(res.status).toBe(303);
    const mail = await r.f.t.deps.db
      .selectFrom("outbox")
      .select(["to_email", "text_body"])
      .where("kind", "=", "assessment.clarification")
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.to_email).toBe(email);
    expect(mail[0]?.text_body).toContain("Please name your data protection officer.");
    expect(mail[0]?.text_body).not.toContain("typed but not ticked");
    const { html } = await page(reviewer, reviewOf(assessmentId));
    expect(html).toContain("Waiting for the vendor to clarify");
    expect(questionBlock(html, "dpo")).toContain("Clarification asked");
    expect(questionBlock(html, "dpo")).toContain("Please name your data protection officer.");
    expect(html).not.toContain('id="clarify-form"');
    expect(html).not.toContain('id="complete-form"');
    expect(html).not.toContain("/review/overrides/");
  });
});

describe("only privacy and admin act on a review", () => {
  const routes = (id: string): [string, Record<string, string>][] => [
    [`${reviewOf(id)}/overrides/mfa`, { score: "1", scale: "points", comment: "Checked" }],
    [`${reviewOf(id)}/overrides/mfa/delete`, {}],
    [`${reviewOf(id)}/comments`, { body: "A note" }],
    [`${reviewOf(id)}/clarifications`, { ask: "mfa", "message.mfa": "Why?" }],
    [`${reviewOf(id)}/complete`, { decision: "rejected", reason: "Too risky" }],
  ];

  it.each(["viewer", "procurement"] as const)(
    "a %s reads the page without forms and is refused every action",
    async (role) => {
      const { assessmentId } = await r.submitted(BAD);
      const s = await session(role);
      const { status, html } = await page(s, reviewOf(assessmentId));
      expect(status).toBe(200);
      expect(html).toContain("Do all staff use multi-factor authentication?");
      expect(html).not.toContain(`action="${reviewOf(assessmentId)}`);
      expect(html).not.toContain('action="/findings"');
      expect(html).not.toContain("Review actions");
      const before = reviewState(r);
      for (const [path, fields] of routes(assessmentId)) {
        const res = await post(s, path, fields);
        expect(res.status, path).toBe(403);
      }
      expect(reviewState(r)).toBe(before);
    },
  );

  it("answers an unknown assessment or question with a not-found page", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session("privacy");
    expect((await page(s, reviewOf("01NOSUCHASSESSMENT0000000000"))).status).toBe(404);
    const res = await post(s, `${reviewOf(assessmentId)}/overrides/nope`, { score: "1", comment: "x" });
    expect(res.status).toBe(404);
  });

  it("refuses a post without the session's CSRF token", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const s = await session("privacy");
    const before = reviewState(r);
    const res = await post({ ...s, csrf: "forged" }, `${reviewOf(assessmentId)}/comments`, { body: "x" });
    expect(res.status).toBe(403);
    expect(reviewState(r)).toBe(before);
  });
});

describe("a form with a mistake comes back with the problem named and the input kept", () => {
  it.each([
    [
      "a score above the weight",
      { score: "7", scale: "points", comment: "Keep this reason" },
      "between 0 and 1",
    ],
    [
      "a score that is not a number",
      { score: "lots", scale: "points", comment: "Keep this reason" },
      "must be a number",
    ],
    ["no reason", { score: "0.5", scale: "fraction", comment: "" }, "Reason for the override: required"],
  ])("override with %s", async (_name, fields, message) => {
    const { assessmentId } = await r.submitted(BAD);
    const s = await session("privacy");
    const before = reviewState(r);
    const res = await post(s, `${reviewOf(assessmentId)}/overrides/mfa`, fields);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("The score was not overridden.");
    const block = questionBlock(html, "mfa");
    expect(block).toContain("<details open");
    expect(block).toContain("There is a problem");
    expect(block).toContain(message);
    expect(block).toContain(`value="${fields.score}"`);
    if (fields.comment) expect(block).toContain(`>${fields.comment}</textarea>`);
    expect(reviewState(r)).toBe(before);
  });

  it("an empty comment", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session("privacy");
    const res = await post(s, `${reviewOf(assessmentId)}/comments`, { questionId: "dpo", body: "  " });
    expect(res.status).toBe(400);
    const block = questionBlock(await res.text(), "dpo");
    expect(block).toContain("Comment: required");
    expect(block).toContain('aria-invalid="true"');
  });

  it("a ticked question without a message keeps every tick and message", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session("privacy");
    const before = reviewState(r);
    const res = await post(s, `${reviewOf(assessmentId)}/clarifications`, [
      ["ask", "mfa"],
      ["ask", "dpo"],
      ["message.dpo", "Who is it?"],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Message for question 1.1: required");
    expect(questionBlock(html, "mfa")).toMatch(/value="mfa" form="clarify-form" checked/);
    expect(questionBlock(html, "dpo")).toMatch(/value="dpo" form="clarify-form" checked/);
    expect(questionBlock(html, "dpo")).toContain(">Who is it?</textarea>");
    expect(reviewState(r)).toBe(before);
  });

  it("nothing ticked", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const res = await post(await session("privacy"), `${reviewOf(assessmentId)}/clarifications`, {});
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Questions to clarify: ask about at least one question");
  });

  it("approve with conditions but no conditions", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const res = await post(await session("privacy"), `${reviewOf(assessmentId)}/complete`, {
      decision: "approved_with_conditions",
      reason: "Fine once the DPA is signed",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Conditions: required for approved_with_conditions");
    expect(html).toContain(">Fine once the DPA is signed</textarea>");
    expect(html).toMatch(/value="approved_with_conditions" checked/);
  });
});

describe("completing the review", () => {
  it.each([
    ["approved", {}, "Approved", "2029-03-02"],
    ["approved_with_conditions", { conditions: "Sign the DPA" }, "Approved with conditions", "2029-03-02"],
    ["rejected", {}, "Rejected", "Not scheduled (the vendor was rejected)"],
  ] as const)("records %s and shows the decision read-only", async (decision, extra, label, next) => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session("privacy");
    const res = await post(s, `${reviewOf(assessmentId)}/complete`, {
      decision,
      reason: "Reviewed the answers",
      ...extra,
    });
    expect(res.status).toBe(303);
    const { html } = await page(s, `${reviewOf(assessmentId)}?notice=completed`);
    expect(html).toContain("Review completed and the decision recorded.");
    const shown = html.slice(html.indexOf('id="decision"'));
    expect(shown).toContain(`<strong>${label}</strong>`);
    expect(shown).toContain(next);
    expect(html).not.toContain('id="complete-form"');
    expect(html).not.toContain("Review actions");
  });

  it("an approval with an open critical finding names it, then goes through with the risk accepted", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const s = await session("privacy");
    const blocked = await post(s, `${reviewOf(assessmentId)}/complete`, {
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

    const done = await post(s, `${reviewOf(assessmentId)}/complete`, {
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
    expect((await page(s, reviewOf(assessmentId))).html).toContain("<strong>Approved</strong>");
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
    const s = await session("privacy");
    await page(s, reviewOf(sent.assessmentId));
    const started = performance.now();
    const { status, html } = await page(s, reviewOf(sent.assessmentId));
    const took = performance.now() - started;
    expect(status).toBe(200);
    expect(html.match(/<article id="q-/g)).toHaveLength(300);
    expect(took).toBeLessThan(1000);
  });
});
