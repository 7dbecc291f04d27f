import { describe, expect, it } from "vitest";
import { numberQuestions } from "../../src/questionnaires/question-numbers.ts";
import { describeCriticalFailure, rateWeighted } from "../../src/scoring/residual-rating.ts";
import { DEFAULT_REVIEW_POLICY } from "../../src/scoring/review-policy.ts";
import { score, templateOf } from "../scoring/scoring-fixtures.ts";

// Reviewers and vendors talk about "question 1.3": the number has to mean one question whatever was answered.

const template = templateOf([
  {
    id: "access",
    title: "Access",
    questions: [
      { id: "intro", type: "notice", text: "About access control." },
      { id: "mfa", type: "yes_no", critical: true, text: "Do all staff use MFA?" },
      { id: "sso", type: "yes_no", text: "Do you offer single sign-on?" },
      {
        id: "sso-idp",
        type: "short_text",
        text: "Which identity providers?",
        showIf: { question: "sso", equals: "yes" },
      },
      { id: "reviews", type: "yes_no", text: "Do you review access every quarter?" },
    ],
  },
  {
    id: "cloud",
    title: "Cloud",
    showIf: { question: "sso", equals: "yes" },
    questions: [{ id: "region", type: "short_text", text: "Where is the data hosted?" }],
  },
  {
    id: "breach",
    title: "Breaches",
    questions: [
      { id: "notify", type: "yes_no", critical: true, text: "Do you notify breaches in 24 hours?" },
    ],
  },
]);

describe("questions are numbered by their place in the questionnaire", () => {
  it.each([
    ["mfa", "1.1"],
    ["sso", "1.2"],
    ["sso-idp", "1.3"],
    ["reviews", "1.4"],
    ["region", "2.1"],
    ["notify", "3.1"],
  ])("%s is %s", (id, number) => {
    expect(numberQuestions(template).get(id)).toBe(number);
  });

  it("notices take no number", () => {
    expect(numberQuestions(template).has("intro")).toBe(false);
  });

  it("a follow-up hidden by the answers keeps its number, so the next one stays 1.4 (a gap, not a shift)", () => {
    // The numbers come from the template alone: whatever the answers, 1.4 is the access review question.
    expect(numberQuestions(template)).toEqual(numberQuestions(structuredClone(template)));
    const hidden = score(template, { sso: "no" }).sections[0]?.questions.find(
      (q) => q.questionId === "sso-idp",
    );
    expect(hidden?.state).toBe("hidden");
    expect(numberQuestions(template).get("reviews")).toBe("1.4");
  });
});

describe("'What set the rating' names a failed critical question by its number and text", () => {
  it.each([
    [
      { questionId: "mfa", text: "Do all staff use MFA?", number: "1.1" },
      'Critical question 1.1 ("Do all staff use MFA?") failed, which caps the band at poor',
    ],
    [
      { questionId: "mfa", text: "Do all staff use MFA?" },
      'Critical question "Do all staff use MFA?" failed, which caps the band at poor',
    ],
    [
      { questionId: "notify", text: "Notify in 24h?", number: "3.1" },
      'Critical question 3.1 ("Notify in 24h?") failed, which caps the band at poor',
    ],
  ])("%o reads %s", (failure, sentence) => {
    expect(describeCriticalFailure(failure)).toBe(sentence);
    expect(rateWeighted(DEFAULT_REVIEW_POLICY, "low", 50, [failure]).drivers[0]).toBe(sentence);
  });

  it("never shows the question's id", () => {
    const result = score(template, { mfa: "no", sso: "no", reviews: "yes", notify: "no" });
    expect(result.drivers.slice(0, 2)).toEqual([
      'Critical question 1.1 ("Do all staff use MFA?") failed, which caps the band at poor',
      'Critical question 3.1 ("Do you notify breaches in 24 hours?") failed, which caps the band at poor',
    ]);
    for (const driver of result.drivers) expect(driver).not.toMatch(/question (mfa|notify)\b/);
  });
});
