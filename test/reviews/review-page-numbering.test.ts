import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openLink, secretFromOutbox } from "../portal/portal-fixture.ts";
import { BAD, page, type ReviewFixture, reviewFixture, reviewOf, session } from "./review-fixture.ts";

// Reviewers and vendors say "question 1.3" to each other. The number comes from the question's place in the
// questionnaire (numberQuestions), never from which questions the answers happened to show, so it means the
// same question on the review page, in the email the vendor gets and after the vendor changes an answer.

let r: ReviewFixture;
beforeEach(async () => {
  r = await reviewFixture();
});
afterEach(() => r.close());

/** The number in front of a question's heading on the review page, or undefined when it is not shown. */
function shownNumber(html: string, questionId: string): string | undefined {
  return new RegExp(`<h4 id="q-${questionId}-title">(\\d+\\.\\d+) `).exec(html)?.[1];
}

describe("the review page numbers questions the same whatever the answers", () => {
  it("a follow-up hidden by the answer leaves a named gap; the next question keeps its number", async () => {
    // "None of it" hides 1.3 ("Which data is not encrypted?").
    const { assessmentId } = await r.submitted(BAD);
    const s = await session(r, "privacy");
    const { html } = await page(r, s, reviewOf(assessmentId));
    expect(
      ["mfa", "encryption", "encryption-gaps", "soc2", "dpo", "notes"].map((id) => shownNumber(html, id)),
    ).toEqual(["1.1", "1.2", undefined, "1.4", "2.1", "2.2"]);
    expect(html).toContain(
      "Question 1.3 was not shown to the vendor for these answers and is left out of the score.",
    );
    // What set the rating names the failed critical question by the same number, not by its id.
    expect(html).toContain(
      "<li>Critical question 1.1 (&quot;Do all staff use multi-factor authentication?&quot;) failed, which caps the band at poor</li>",
    );
    expect(html).not.toContain("Critical question mfa");
  });

  it("the clarification email names the question by that number, and 1.4 is still 1.4 once 1.3 is shown", async () => {
    const { assessmentId, email } = await r.submitted(BAD);
    const asked = await r.call("POST", `/api/v1/assessments/${assessmentId}/clarifications`, {
      questions: [{ questionId: "encryption", message: "Is really none of our data encrypted?" }],
    });
    expect(asked.status).toBe(201);
    const mail = await r.f.t.deps.db
      .selectFrom("outbox")
      .select(["text_body", "html_body"])
      .where("kind", "=", "assessment.clarification")
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain("- Question 1.2: Is our data encrypted at rest?");
    expect(mail.html_body).toContain("<strong>Question 1.2: Is our data encrypted at rest?</strong>");

    const visit = await openLink(r.f.t, await secretFromOutbox(r.f.t, email));
    expect(
      (await r.answer(visit, "security", { encryption: "some", "encryption-gaps": "Backups" })).status,
    ).toBe(303);
    expect((await r.submit(visit)).status).toBe(303);
    const { html } = await page(r, await session(r, "privacy"), reviewOf(assessmentId));
    expect(["encryption", "encryption-gaps", "soc2"].map((id) => shownNumber(html, id))).toEqual([
      "1.2",
      "1.3",
      "1.4",
    ]);
    expect(html).not.toContain("was not shown to the vendor");
  });
});
