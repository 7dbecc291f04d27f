import { afterEach, beforeEach, describe, expect, it } from "vitest";
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

// What a reviewer does on the answers from the review page, and how each form comes back after a mistake.

let r: ReviewFixture;
beforeEach(async () => {
  r = await reviewFixture();
});
afterEach(() => r.close());

describe("a reviewer works on the answers from the page", () => {
  it("overrides a question's points with a reason, sees it marked, then removes the override", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const reviewer = await session(r, "privacy");
    const res = await post(r, reviewer, `${reviewOf(assessmentId)}/overrides/mfa`, {
      score: "1",
      scale: "points",
      comment: "MFA is enforced per the SOC 2 report, section 4.",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${reviewOf(assessmentId)}?notice=overridden&q=mfa#q-mfa`);
    const after = await page(r, reviewer, res.headers.get("location") ?? "");
    const mfa = questionBlock(after.html, "mfa");
    // The browser lands on the question, so that is where the confirmation shows (once, not at the top).
    expect(mfa).toContain("Score overridden; the assessment was rescored.");
    expect(after.html.split("Score overridden").length).toBe(2);
    expect(mfa).toContain("Overridden");
    expect(mfa).toMatch(/<dt>Points<\/dt><dd>1 \/ 1<\/dd>/);
    expect(mfa).toContain("MFA is enforced per the SOC 2 report, section 4.");
    expect(mfa).toContain("(computed from the answer: 0 points)");
    expect(r.events("assessment.score_override")).toHaveLength(1);

    const removed = await post(r, reviewer, `${reviewOf(assessmentId)}/overrides/mfa/delete`, {});
    expect(removed.status).toBe(303);
    const back = questionBlock((await page(r, reviewer, removed.headers.get("location") ?? "")).html, "mfa");
    expect(back).toContain("Override removed; the question scores from its answer again.");
    expect(back).not.toContain("Overridden");
    expect(back).toMatch(/<dt>Points<\/dt><dd>0 \/ 1<\/dd>/);
  });

  it("removing an override already removed (a double click, or two reviewers at once) says so and changes nothing", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const [first, second] = [await session(r, "privacy"), await session(r, "admin")];
    const remove = `${reviewOf(assessmentId)}/overrides/mfa/delete`;
    const set = await post(r, first, `${reviewOf(assessmentId)}/overrides/mfa`, {
      score: "1",
      comment: "Checked the SOC 2 report",
    });
    expect(set.status).toBe(303);
    const { html } = await page(r, second, reviewOf(assessmentId));
    expect(html).toContain(`action="${remove}"`);
    expect((await post(r, first, remove, {})).status).toBe(303);
    const before = reviewState(r);

    for (const who of [first, second]) {
      const again = await post(r, who, remove, {});
      expect(again.status).toBe(303);
      expect(again.headers.get("location")).toBe(
        `${reviewOf(assessmentId)}?notice=override-already-removed&q=mfa#q-mfa`,
      );
      const shown = await page(r, who, again.headers.get("location") ?? "");
      expect(shown.status).toBe(200);
      expect(questionBlock(shown.html, "mfa")).toContain("That override was already removed");
    }
    expect(reviewState(r)).toBe(before);
    // The JSON API keeps its documented answer: no override there, 404.
    const api = await r.call("DELETE", `/api/v1/assessments/${assessmentId}/overrides/mfa`);
    expect(api.status).toBe(404);
    expect(reviewState(r)).toBe(before);
  });

  it("takes an override as a fraction of full marks", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const reviewer = await session(r, "admin");
    const res = await post(r, reviewer, `${reviewOf(assessmentId)}/overrides/encryption`, {
      score: "0,5",
      scale: "fraction",
      comment: "Backups are encrypted.",
    });
    expect(res.status).toBe(303);
    const block = questionBlock((await page(r, reviewer, reviewOf(assessmentId))).html, "encryption");
    expect(block).toMatch(/<dt>Points<\/dt><dd>0.5 \/ 1<\/dd>/);
  });

  it("adds comments on a question and on the assessment", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const reviewer = await session(r, "privacy");
    const onQuestion = await post(r, reviewer, `${reviewOf(assessmentId)}/comments`, {
      questionId: "dpo",
      body: "Who is the DPO? Check the register.",
    });
    expect(onQuestion.headers.get("location")).toBe(`${reviewOf(assessmentId)}?notice=commented&q=dpo#q-dpo`);
    await post(r, reviewer, `${reviewOf(assessmentId)}/comments`, { body: "Overall a tidy response." });
    const { html } = await page(r, reviewer, reviewOf(assessmentId));
    expect(questionBlock(html, "dpo")).toContain("Who is the DPO? Check the register.");
    expect(questionBlock(html, "dpo")).not.toContain("Overall a tidy response.");
    const general = html.slice(html.indexOf('id="comments-title"'));
    expect(general).toContain("Overall a tidy response.");
  });

  it("sends the ticked questions back to the vendor and then waits for them", async () => {
    const { assessmentId, email } = await r.submitted(GOOD);
    const reviewer = await session(r, "privacy");
    const res = await post(r, reviewer, `${reviewOf(assessmentId)}/clarifications`, [
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
    const { html } = await page(r, reviewer, reviewOf(assessmentId));
    expect(html).toContain("Waiting for the vendor to clarify");
    expect(questionBlock(html, "dpo")).toContain("Clarification asked");
    expect(questionBlock(html, "dpo")).toContain("Please name your data protection officer.");
    expect(html).not.toContain('id="clarify-form"');
    expect(html).not.toContain('id="complete-form"');
    expect(html).not.toContain("/review/overrides/");
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
    const s = await session(r, "privacy");
    const before = reviewState(r);
    const res = await post(r, s, `${reviewOf(assessmentId)}/overrides/mfa`, fields);
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
    const s = await session(r, "privacy");
    const res = await post(r, s, `${reviewOf(assessmentId)}/comments`, { questionId: "dpo", body: "  " });
    expect(res.status).toBe(400);
    const block = questionBlock(await res.text(), "dpo");
    expect(block).toContain("Comment: required");
    expect(block).toContain('aria-invalid="true"');
  });

  it("a ticked question without a message keeps every tick and message", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session(r, "privacy");
    const before = reviewState(r);
    const res = await post(r, s, `${reviewOf(assessmentId)}/clarifications`, [
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
    const res = await post(r, await session(r, "privacy"), `${reviewOf(assessmentId)}/clarifications`, {});
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Questions to clarify: ask about at least one question");
  });

  it("approve with conditions but no conditions", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const res = await post(r, await session(r, "privacy"), `${reviewOf(assessmentId)}/complete`, {
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
