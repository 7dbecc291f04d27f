import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BAD,
  page,
  post,
  questionBlock,
  type ReviewFixture,
  reviewFixture,
  reviewOf,
  reviewState,
  session,
} from "./review-fixture.ts";

// A question that already has an open finding says so, so reviewers do not add the same finding twice.

let r: ReviewFixture;
beforeEach(async () => {
  r = await reviewFixture();
});
afterEach(() => r.close());

const amp = (s: string) => s.replaceAll("&", "&amp;");

async function raisedFor(assessmentId: string, questionId: string) {
  return r.f.t.deps.db
    .selectFrom("findings")
    .select(["id", "title"])
    .where("assessment_id", "=", assessmentId)
    .where("question_id", "=", questionId)
    .executeTakeFirstOrThrow();
}

describe("each question shows its open findings beside the way to add one", () => {
  it("lists the finding the answer raised, linked with the way back, and offers to add another", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const s = await session(r, "privacy");
    const raised = await raisedFor(assessmentId, "mfa");
    const { html } = await page(r, s, reviewOf(assessmentId));
    const mfa = questionBlock(html, "mfa");
    const back = `${reviewOf(assessmentId)}#q-mfa`;
    expect(mfa).toContain("Open finding about this question");
    expect(mfa).toContain(
      `<a href="/findings/${raised.id}?${amp(new URLSearchParams({ returnTo: back }).toString())}">No multi-factor authentication</a>`,
    );
    expect(mfa).toContain("raised by the answer");
    expect(mfa).toContain("Add another finding about this question");
    expect(mfa).not.toContain("Add a finding about this question");

    // A question without findings keeps the first-finding wording and lists nothing.
    const dpo = questionBlock(html, "dpo");
    expect(dpo).toContain("Add a finding about this question");
    expect(dpo).not.toContain("Open finding");

    // The link leads to the finding, whose "Back" returns to the question on the review page.
    const opened = await page(r, s, `/findings/${raised.id}?${new URLSearchParams({ returnTo: back })}`);
    expect(opened.html).toContain(`<a href="${back}">Back</a>`);
  });

  it("a finding a reviewer added about the question is listed too, and a resolved one is not", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const s = await session(r, "privacy");
    const added = await r.call("POST", "/api/v1/findings", {
      vendorId: r.f.vendorId,
      assessmentId,
      questionId: "dpo",
      severity: "low",
      title: "DPO contact details missing from the privacy notice",
      recommendation: "Ask them to publish it.",
    });
    expect(added.status).toBe(201);
    const dpo = questionBlock((await page(r, s, reviewOf(assessmentId))).html, "dpo");
    expect(dpo).toContain("DPO contact details missing from the privacy notice");
    expect(dpo).toContain("added by a reviewer");
    expect(dpo).toContain("Add another finding about this question");

    const id = String(added.body.id);
    await r.call("POST", `/api/v1/findings/${id}/remediation-plan`, {
      plan: "Publish",
      targetDate: "2026-04-01",
    });
    expect((await r.call("POST", `/api/v1/findings/${id}/resolve`, { note: "Published" })).status).toBe(200);
    const after = questionBlock((await page(r, s, reviewOf(assessmentId))).html, "dpo");
    expect(after).not.toContain("DPO contact details missing");
    expect(after).toContain("Add a finding about this question");
  });

  it("the add page lists the question's open findings, linked back to the review page", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const s = await session(r, "privacy");
    const raised = await raisedFor(assessmentId, "mfa");
    const back = `${reviewOf(assessmentId)}#q-mfa`;
    const link = /<a href="(\/findings\/new\?[^"]+)">Add another finding/.exec(
      questionBlock((await page(r, s, reviewOf(assessmentId))).html, "mfa"),
    )?.[1];
    expect(link).toBeDefined();
    const { status, html } = await page(r, s, (link ?? "").replaceAll("&amp;", "&"));
    expect(status).toBe(200);
    expect(html).toContain("An open finding about this question already");
    expect(html).toContain(
      `<a href="/findings/${raised.id}?${amp(new URLSearchParams({ returnTo: back }).toString())}">`,
    );
  });
});

describe("an exact copy of an open finding is refused on the pages", () => {
  it("from the add page: 409 with the reason, the form as typed, nothing stored", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const s = await session(r, "privacy");
    const before = reviewState(r);
    const res = await post(r, s, "/findings", {
      vendorId: r.f.vendorId,
      assessmentId,
      questionId: "mfa",
      severity: "high",
      title: "no multi-factor  authentication",
      recommendation: "Same problem, typed again.",
      returnTo: `${reviewOf(assessmentId)}#q-mfa`,
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(
      "An open finding with this title already exists about the same question: &quot;No multi-factor authentication&quot;",
    );
    expect(html).toContain(">Same problem, typed again.</textarea>");
    expect(reviewState(r)).toBe(before);
  });

  it("from the review page's own form: 409 on the review page with the reason, nothing stored", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const s = await session(r, "privacy");
    const fields = {
      severity: "medium",
      title: "No penetration test in two years",
      recommendation: "Ask for one.",
    };
    expect((await post(r, s, `${reviewOf(assessmentId)}/findings`, fields)).status).toBe(303);
    const before = reviewState(r);
    const again = await post(r, s, `${reviewOf(assessmentId)}/findings`, fields);
    expect(again.status).toBe(409);
    const html = await again.text();
    expect(html).toContain("<h1>Review: Review test questionnaire for Acme Hosting</h1>");
    expect(html).toContain(
      "An open finding with this title already exists about the same assessment: &quot;No penetration test in two years&quot;",
    );
    expect(html).toContain('value="No penetration test in two years"');
    expect(reviewState(r)).toBe(before);
  });
});
