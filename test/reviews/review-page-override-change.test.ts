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
} from "./review-fixture.ts";

// A reviewer who comes back to change an override edits the one in force instead of typing it again.

let r: ReviewFixture;
beforeEach(async () => {
  r = await reviewFixture();
});
afterEach(() => r.close());

/** The override form of one question: its heading, fields and the sentence about the override in force. */
function overrideForm(html: string, assessmentId: string, questionId: string): string {
  const block = questionBlock(html, questionId);
  const start = block.indexOf(
    `<form method="post" action="${reviewOf(assessmentId)}/overrides/${questionId}">`,
  );
  if (start < 0) throw new Error(`no override form for ${questionId}`);
  return block.slice(start, block.indexOf("</form>", start));
}

const REASON = "Backups and the main database are encrypted, seen in the SOC 2 report.";

async function reviewer() {
  const { email } = await r.f.t.addUser("privacy");
  return { email, ...(await r.f.t.signIn(email)) };
}

describe("changing an existing score override", () => {
  it("the form starts empty while the question has no override", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const s = await reviewer();
    const form = overrideForm((await page(r, s, reviewOf(assessmentId))).html, assessmentId, "encryption");
    expect(form).toContain("<h5>Override the score</h5>");
    expect(form).toContain('name="score" required="" type="text" value=""');
    expect(form).toMatch(/name="comment" required="" rows="3"><\/textarea>/);
    expect(form).not.toContain("Overridden to");
  });

  it("prefills the points and reason in force and says who set them and when", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const s = await reviewer();
    const set = await post(r, s, `${reviewOf(assessmentId)}/overrides/encryption`, {
      score: "0.5",
      scale: "points",
      comment: REASON,
    });
    expect(set.status).toBe(303);

    const form = overrideForm((await page(r, s, reviewOf(assessmentId))).html, assessmentId, "encryption");
    expect(form).toContain("<h5>Change the override</h5>");
    expect(form).toContain(
      `Overridden to 0.5 points by ${s.email} on 2026-03-02 09:00 UTC: <span class="pre-line">${REASON}</span>`,
    );
    expect(form).toContain('name="score" required="" type="text" value="0.5"');
    expect(form).toContain('<option value="points" selected="">');
    expect(form).toContain(`rows="3">${REASON}</textarea>`);
  });

  it("sending the prefilled form with a new reason keeps the points and changes only the reason", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const s = await reviewer();
    await post(r, s, `${reviewOf(assessmentId)}/overrides/encryption`, { score: "0.5", comment: REASON });
    const form = overrideForm((await page(r, s, reviewOf(assessmentId))).html, assessmentId, "encryption");
    const score = /name="score" required="" type="text" value="([^"]*)"/.exec(form)?.[1] ?? "";
    const scale = /<option value="(\w+)" selected="">/.exec(form)?.[1] ?? "";

    const changed = await post(r, s, `${reviewOf(assessmentId)}/overrides/encryption`, {
      score,
      scale,
      comment: "Only backups are encrypted; the main database is not.",
    });
    expect(changed.status).toBe(303);
    const detail = await r.call("GET", `/api/v1/assessments/${assessmentId}`);
    const questions = (
      detail.body as { score: { sections: { questions: { questionId: string; override: unknown }[] }[] } }
    ).score.sections.flatMap((x) => x.questions);
    expect(questions.find((q) => q.questionId === "encryption")?.override).toMatchObject({
      score: 0.5,
      comment: "Only backups are encrypted; the main database is not.",
    });
  });

  it("a change with a mistake comes back as typed, not as the override in force", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const s = await reviewer();
    await post(r, s, `${reviewOf(assessmentId)}/overrides/encryption`, { score: "0.5", comment: REASON });
    const before = reviewState(r);
    const res = await post(r, s, `${reviewOf(assessmentId)}/overrides/encryption`, {
      score: "0.8",
      scale: "points",
      comment: "",
    });
    expect(res.status).toBe(400);
    const form = overrideForm(await res.text(), assessmentId, "encryption");
    expect(form).toContain('value="0.8"');
    expect(form).toMatch(/name="comment" required=""[^>]*aria-invalid="true"[^>]*><\/textarea>/);
    // The sentence still says what is in force, beside the reviewer's unsaved change.
    expect(form).toContain(`Overridden to 0.5 points by ${s.email}`);
    expect(reviewState(r)).toBe(before);
  });
});
