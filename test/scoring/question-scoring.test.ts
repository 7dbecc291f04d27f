import { describe, expect, it } from "vitest";
import type { Answer, QuestionInput } from "../../src/questionnaires/template-schema.ts";
import { oneQuestion, questionOf, score } from "./scoring-fixtures.ts";

interface Case {
  name: string;
  question: Omit<QuestionInput, "id" | "text">;
  answer: Answer | undefined;
  today?: string;
  expect: {
    state: string;
    score: number | null;
    answer?: string | null;
    passed?: boolean | null;
    why?: string;
  };
}

const choices = (...scores: number[]) =>
  scores.map((s, i) => ({ value: `o${i}`, label: `Option ${i}`, score: s }));
const thresholds = {
  unit: "days",
  thresholds: [{ max: 14, score: 1 }, { max: 30, score: 0.5 }, { score: 0 }],
};

const cases: Case[] = [
  {
    name: "yes/no answered as expected scores 1",
    question: { type: "yes_no" },
    answer: "yes",
    expect: {
      state: "scored",
      score: 1,
      answer: "Yes",
      passed: true,
      why: "Answered Yes as expected; scores 1",
    },
  },
  {
    name: "yes/no answered the other way scores 0",
    question: { type: "yes_no" },
    answer: "no",
    expect: { state: "scored", score: 0, answer: "No", passed: false, why: "Answered No; expected Yes" },
  },
  {
    name: "yes/no expecting no scores 1 for no",
    question: { type: "yes_no", expected: "no" },
    answer: "no",
    expect: { state: "scored", score: 1, passed: true },
  },
  {
    name: "yes/no with its own captions reads in those captions",
    question: { type: "yes_no", labels: { yes: "Encrypted", no: "Plain" } },
    answer: "no",
    expect: { state: "scored", score: 0, answer: "Plain", why: "Answered Plain; expected Encrypted" },
  },
  {
    name: "single choice scores its option, and 0.5 passes the default pass score",
    question: { type: "single_choice", options: choices(1, 0.5, 0) },
    answer: "o1",
    expect: { state: "scored", score: 0.5, answer: "Option 1", passed: true },
  },
  {
    name: "single choice below the pass score fails",
    question: { type: "single_choice", options: choices(1, 0.4), passScore: 0.5 },
    answer: "o1",
    expect: { state: "scored", score: 0.4, passed: false },
  },
  {
    name: "single choice with a raised pass score fails a middling answer",
    question: { type: "single_choice", options: choices(1, 0.6), passScore: 0.8 },
    answer: "o1",
    expect: { state: "scored", score: 0.6, passed: false },
  },
  {
    name: "multiple choice takes the best option by default",
    question: { type: "multiple_choice", options: choices(0.2, 0.6, 0) },
    answer: ["o0", "o1"],
    expect: { state: "scored", score: 0.6, answer: "Option 0; Option 1" },
  },
  {
    name: "multiple choice with combine sum adds the options up",
    question: { type: "multiple_choice", combine: "sum", options: choices(0.2, 0.3, 0.9) },
    answer: ["o0", "o1"],
    expect: { state: "scored", score: 0.5 },
  },
  {
    name: "multiple choice with combine sum stops at 1",
    question: { type: "multiple_choice", combine: "sum", options: choices(0.5, 0.7) },
    answer: ["o0", "o1"],
    expect: { state: "scored", score: 1 },
  },
  {
    name: "multiple choice with combine min takes the weakest option",
    question: { type: "multiple_choice", combine: "min", options: choices(1, 0.2, 0.6) },
    answer: ["o0", "o1", "o2"],
    expect: { state: "scored", score: 0.2 },
  },
  {
    name: "a number on a threshold's bound falls inside it",
    question: { type: "number", number: thresholds },
    answer: 14,
    expect: {
      state: "scored",
      score: 1,
      answer: "14 days",
      why: "Answered 14 days; the threshold at most 14 scores 1",
    },
  },
  {
    name: "a number is scored by the first threshold that holds it",
    question: { type: "number", number: thresholds },
    answer: 15,
    expect: { state: "scored", score: 0.5 },
  },
  {
    name: "a catch-all threshold scores everything else",
    question: { type: "number", number: thresholds },
    answer: 400,
    expect: { state: "scored", score: 0, passed: false },
  },
  {
    name: "a number no threshold covers scores 0",
    question: {
      type: "number",
      number: {
        thresholds: [
          { min: 10, score: 1 },
          { max: 5, score: 0.5 },
        ],
      },
    },
    answer: 7,
    expect: { state: "scored", score: 0, why: "Answered 7; no threshold covers it, so it scores 0" },
  },
  {
    name: "a date exactly the maximum age old still scores 1",
    question: { type: "date", date: { maxAgeMonths: 12 } },
    answer: "2025-03-02",
    expect: { state: "scored", score: 1, answer: "2025-03-02" },
  },
  {
    name: "a date one day older than the maximum age scores 0",
    question: { type: "date", date: { maxAgeMonths: 12 } },
    answer: "2025-03-01",
    expect: {
      state: "scored",
      score: 0,
      why: "Dated 2025-03-01, older than 12 months (before 2025-03-02); scores 0",
    },
  },
  {
    name: "a date in the future scores 1",
    question: { type: "date", date: { maxAgeMonths: 6 } },
    answer: "2026-09-30",
    expect: { state: "scored", score: 1 },
  },
  {
    name: "months are counted to the end of a shorter month (31 March less one month is 28 February)",
    question: { type: "date", date: { maxAgeMonths: 1 } },
    today: "2026-03-31",
    answer: "2026-02-27",
    expect: {
      state: "scored",
      score: 0,
      why: "Dated 2026-02-27, older than 1 month (before 2026-02-28); scores 0",
    },
  },
  {
    name: "a weighted text answer scores 1",
    question: { type: "long_text", weight: 2 },
    answer: "We run a yearly penetration test.",
    expect: { state: "scored", score: 1, answer: "We run a yearly penetration test." },
  },
  {
    name: "weighted evidence with files scores 1 and reads as a file count",
    question: { type: "evidence", weight: 1 },
    answer: { fileIds: ["f1", "f2"], expiresOn: "2027-01-31" },
    expect: { state: "scored", score: 1, answer: "2 files, valid until 2027-01-31" },
  },
  {
    name: "weighted evidence without files is unanswered",
    question: { type: "evidence", weight: 1 },
    answer: { fileIds: [] },
    expect: { state: "unanswered", score: 0, answer: null, passed: false },
  },
  {
    name: "blank text is unanswered",
    question: { type: "short_text", weight: 1, required: true },
    answer: "   ",
    expect: { state: "unanswered", score: 0, why: "Not answered; scores 0" },
  },
  {
    name: "an unweighted text answer is shown but not scored",
    question: { type: "short_text" },
    answer: "Frankfurt",
    expect: { state: "unscored", score: null, answer: "Frankfurt", passed: null },
  },
  {
    name: "a number without thresholds is not scored",
    question: { type: "number", number: { unit: "staff" } },
    answer: 40,
    expect: { state: "unscored", score: null, answer: "40 staff" },
  },
  {
    name: "a weight of 0 keeps a scorable question out of the score",
    question: { type: "yes_no", weight: 0 },
    answer: "no",
    expect: { state: "unscored", score: null, answer: "No", why: "Weight 0: asked for context, not scored" },
  },
  {
    name: "a notice is never scored",
    question: { type: "notice" },
    answer: undefined,
    expect: { state: "unscored", score: null, answer: null },
  },
  {
    name: "a text answer to a yes/no question scores 0 and says why",
    question: { type: "yes_no" },
    answer: "maybe",
    expect: { state: "scored", score: 0, why: "The answer cannot be read as yes or no; scores 0" },
  },
  {
    name: '"na" is an ordinary (wrong) answer where not applicable is not allowed',
    question: { type: "yes_no" },
    answer: "na",
    expect: { state: "scored", score: 0 },
  },
];

describe("a reviewer sees what each answer scores and why", () => {
  it.each(cases)("$name", ({ question, answer, today, expect: want }) => {
    const template = oneQuestion({ id: "q", text: "The question?", ...question } as QuestionInput);
    const result = score(template, answer === undefined ? {} : { q: answer }, today ? { today } : {});
    const scored = questionOf(result, "q");
    expect(scored.state).toBe(want.state);
    expect(scored.score).toBe(want.score);
    expect(scored.computedScore).toBe(want.score);
    if (want.answer !== undefined) expect(scored.answer).toBe(want.answer);
    if (want.passed !== undefined) expect(scored.passed).toBe(want.passed);
    if (want.why !== undefined) expect(scored.why).toBe(want.why);
    if (want.score === null) {
      expect(scored.maxPoints).toBe(0);
      expect(scored.points).toBeNull();
    } else {
      expect(scored.maxPoints).toBe(scored.weight);
      expect(scored.points).toBeCloseTo(want.score * scored.weight, 10);
    }
  });

  it("points are the score times the weight, without floating-point noise", () => {
    const template = oneQuestion({
      id: "q",
      text: "Q?",
      type: "single_choice",
      weight: 3,
      options: choices(0.6, 0),
    });
    expect(questionOf(score(template, { q: "o0" }), "q").points).toBe(1.8);
  });

  it("a malformed day of scoring is refused rather than silently used", () => {
    const template = oneQuestion({ id: "q", text: "Q?", type: "yes_no" });
    expect(() => score(template, { q: "yes" }, { today: "2026-02-30" })).toThrow(RangeError);
  });
});
