import { describe, expect, it } from "vitest";
import type { Answers, SectionInput } from "../../src/questionnaires/template-schema.ts";
import { questionOf, score, templateOf } from "./scoring-fixtures.ts";

/**
 * Hand-computed example. Section A (weight 2): a1 yes/no weight 3, a2 choice weight 1, a3 yes/no weight 1 that
 * allows "not applicable". Section B (weight 1): b1 number weight 2, b2 optional yes/no. Section C appears only
 * when a1 is answered no.
 */
const SECTIONS: SectionInput[] = [
  {
    id: "a",
    title: "Access",
    weight: 2,
    questions: [
      { id: "a1", type: "yes_no", weight: 3, required: true, text: "MFA for admins?" },
      {
        id: "a2",
        type: "single_choice",
        required: true,
        text: "Backups?",
        options: [
          { value: "daily", label: "Daily", score: 1 },
          { value: "weekly", label: "Weekly", score: 0.5 },
        ],
      },
      { id: "a3", type: "yes_no", allowNotApplicable: true, required: true, text: "Office alarm?" },
    ],
  },
  {
    id: "b",
    title: "Operations",
    questions: [
      {
        id: "b1",
        type: "number",
        weight: 2,
        required: true,
        text: "Patch days?",
        number: { thresholds: [{ max: 14, score: 1 }, { max: 30, score: 0.5 }, { score: 0 }] },
      },
      { id: "b2", type: "yes_no", text: "Bug bounty?" },
    ],
  },
  {
    id: "c",
    title: "Without MFA",
    showIf: { question: "a1", equals: "no" },
    questions: [{ id: "c1", type: "yes_no", weight: 5, required: true, text: "Compensating controls?" }],
  },
];
const ANSWERS: Answers = { a1: "yes", a2: "weekly", a3: "na", b1: 20, c1: "no" };

describe("the overall score is the weighted mean of section scores", () => {
  it("a reviewer can recompute every figure by hand", () => {
    const result = score(templateOf(SECTIONS), ANSWERS, { tier: "critical" });
    const [a, b, c] = result.sections;
    // A: (3 + 0.5) / 4 with a3 excluded; B: (1 + 0) / 3 with b2 unanswered; C hidden.
    expect([a?.points, a?.maxPoints, a?.score]).toEqual([3.5, 4, 87.5]);
    expect([b?.points, b?.maxPoints]).toEqual([1, 3]);
    expect(b?.score).toBeCloseTo(33.3333, 4);
    expect([c?.visible, c?.score, c?.maxPoints]).toEqual([false, null, 0]);
    // (2 * 87.5 + 1 * 33.33...) / 3 = 69.44...
    expect(result.score).toBe(69.4);
    expect(result).toMatchObject({ method: "weighted", band: "fair", capped: false, residualRating: "high" });
    expect(result.unansweredOptional).toEqual(["b2"]);
    expect(result.drivers).toEqual(["Inherent tier critical and score 69.4 (fair): high"]);
    expect(result.settings.notApplicable).toBe("exclude");
  });

  it('"not applicable" counts as a full score when the template says pass', () => {
    const result = score(templateOf(SECTIONS, { scoring: { notApplicable: "pass" } }), ANSWERS);
    const a3 = questionOf(result, "a3");
    expect(a3).toMatchObject({ state: "not_applicable", score: 1, points: 1, maxPoints: 1, passed: true });
    expect(a3.why).toBe("Not applicable: counted as a pass");
    // A: 4.5 / 5 = 90; (2 * 90 + 33.33...) / 3 = 71.11...
    expect(result.sections[0]?.score).toBe(90);
    expect(result.score).toBe(71.1);
    expect(result.settings.notApplicable).toBe("pass");
  });

  it('"not applicable" leaves the denominator by default', () => {
    const a3 = questionOf(score(templateOf(SECTIONS), ANSWERS), "a3");
    expect(a3).toMatchObject({ state: "not_applicable", answer: "Not applicable", weight: 0, maxPoints: 0 });
    expect([a3.score, a3.points, a3.passed]).toEqual([null, null, null]);
    expect(a3.why).toBe("Not applicable: left out of the score");
  });

  it("hidden questions leave the denominator even when a stale answer is still stored", () => {
    const result = score(templateOf(SECTIONS), ANSWERS);
    const c1 = questionOf(result, "c1");
    expect(c1).toMatchObject({ state: "hidden", answer: null, weight: 0, maxPoints: 0, passed: null });
    // Showing section C (a1 = no) brings c1 and its stale answer into the score.
    const shown = score(templateOf(SECTIONS), { ...ANSWERS, a1: "no" });
    expect(questionOf(shown, "c1")).toMatchObject({ state: "scored", maxPoints: 5, points: 0 });
    // A: 0.5 / 4 = 12.5; B 33.33; C 0: (2 * 12.5 + 33.33 + 0) / 4 = 14.58...
    expect(shown.score).toBe(14.6);
  });

  it("a question hidden by its own condition leaves the denominator", () => {
    const sections: SectionInput[] = [
      {
        id: "s",
        title: "S",
        questions: [
          { id: "uses", type: "yes_no", text: "Sub-processors?" },
          {
            id: "terms",
            type: "yes_no",
            weight: 4,
            text: "Terms?",
            showIf: { question: "uses", equals: "yes" },
          },
        ],
      },
    ];
    expect(score(templateOf(sections), { uses: "no", terms: "no" }).score).toBe(0);
    expect(score(templateOf(sections), { uses: "yes", terms: "no" }).score).toBe(20);
    expect(score(templateOf(sections), { uses: "yes", terms: "yes" }).score).toBe(100);
  });

  it("an override replaces the computed score, is marked, and moves the overall score", () => {
    const overrides = {
      b1: { score: 1, comment: "Patch SLA confirmed in call", by: "u-1", at: "2026-03-02T10:00:00Z" },
    };
    const result = score(templateOf(SECTIONS), ANSWERS, { overrides, tier: "critical" });
    const b1 = questionOf(result, "b1");
    expect(b1).toMatchObject({
      computedScore: 0.5,
      score: 1,
      points: 2,
      passed: true,
      override: overrides.b1,
    });
    expect(b1.why).toBe(
      "Answered 20; the threshold at most 30 scores 0.5. Overridden by a reviewer to 1: Patch SLA confirmed in call",
    );
    // B: 2 / 3; (175 + 66.67) / 3 = 80.55...
    expect(result.score).toBe(80.6);
    expect(result).toMatchObject({ band: "good", residualRating: "medium" });
    expect(questionOf(result, "a1").override).toBeNull();
  });

  it("an override brings back a question answered not applicable, and is ignored on a hidden one", () => {
    const by = { comment: "It does apply", by: "u-1", at: "2026-03-02T10:00:00Z" };
    const result = score(templateOf(SECTIONS), ANSWERS, {
      overrides: { a3: { score: 0, ...by }, c1: { score: 1, ...by } },
    });
    expect(questionOf(result, "a3")).toMatchObject({
      state: "not_applicable",
      score: 0,
      maxPoints: 1,
      passed: false,
    });
    expect(result.sections[0]?.score).toBe(70);
    const c1 = questionOf(result, "c1");
    expect(c1).toMatchObject({ state: "hidden", score: null, maxPoints: 0 });
    expect(c1.why).toContain("does not apply");
  });

  it("nothing scorable gives no score and the poor band", () => {
    const template = templateOf([
      { id: "s", title: "S", questions: [{ id: "t", type: "long_text", text: "Tell us" }] },
    ]);
    const result = score(template, { t: "Something" }, { tier: "low" });
    expect(result).toMatchObject({ score: null, band: "poor", residualRating: "medium" });
    expect(result.sections[0]?.score).toBeNull();
    expect(result.drivers).toEqual(["Inherent tier low and no scorable answers (poor): medium"]);
  });

  it("the same input gives the same output, and the input is left untouched", () => {
    const template = templateOf(SECTIONS);
    const answers = structuredClone(ANSWERS);
    const first = score(template, answers, { tier: "high" });
    const second = score(template, answers, { tier: "high" });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(answers).toEqual(ANSWERS);
    expect(template).toEqual(templateOf(SECTIONS));
  });
});

describe("a failed critical question caps the band at poor whatever the score", () => {
  const sections = (critical: SectionInput["questions"][number]): SectionInput[] => [
    {
      id: "s",
      title: "Controls",
      questions: [
        ...Array.from({ length: 10 }, (_, i) => ({
          id: `q${i}`,
          type: "yes_no" as const,
          text: `Control ${i}?`,
        })),
        critical,
      ],
    },
  ];
  const allYes = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i}`, "yes"]));
  const crit = { id: "k", type: "yes_no" as const, critical: true, required: true, text: "Breach notice?" };

  it("a score of 90.9 with a failed critical question is poor, not strong", () => {
    const result = score(templateOf(sections(crit)), { ...allYes, k: "no" }, { tier: "low" });
    expect(result.score).toBe(90.9);
    expect(result).toMatchObject({
      band: "poor",
      capped: true,
      criticalFailures: ["k"],
      residualRating: "medium",
    });
    expect(result.drivers).toEqual([
      // Named by the number reviewers see on the review page (the 11th question of section 1), not its id.
      'Critical question 1.11 ("Breach notice?") failed, which caps the band at poor',
      "Inherent tier low and score 90.9 (strong), capped at poor by 1 failed critical question: medium",
    ]);
  });

  it("passing it leaves the band to the score", () => {
    const result = score(templateOf(sections(crit)), { ...allYes, k: "yes" }, { tier: "low" });
    expect(result).toMatchObject({ score: 100, band: "strong", capped: false, criticalFailures: [] });
  });

  it("an unanswered critical question counts as failed", () => {
    expect(score(templateOf(sections(crit)), allYes)).toMatchObject({
      capped: true,
      criticalFailures: ["k"],
    });
  });

  it("an override that passes the critical question lifts the cap", () => {
    const overrides = {
      k: { score: 1, comment: "Clause 9 of the MSA", by: "u-1", at: "2026-03-02T10:00:00Z" },
    };
    const result = score(templateOf(sections(crit)), { ...allYes, k: "no" }, { overrides });
    expect(result).toMatchObject({ score: 100, band: "strong", capped: false });
  });

  it("a hidden or excluded critical question does not cap", () => {
    const hidden = { ...crit, showIf: { question: "q0", equals: "no" } };
    expect(score(templateOf(sections(hidden)), allYes)).toMatchObject({ capped: false, band: "strong" });
    const optional = { ...crit, allowNotApplicable: true };
    expect(score(templateOf(sections(optional)), { ...allYes, k: "na" })).toMatchObject({
      capped: false,
      score: 100,
    });
  });

  it("a critical question below its own pass score fails even with some points", () => {
    const choice = {
      id: "k",
      type: "single_choice" as const,
      critical: true,
      passScore: 0.8,
      text: "Encryption?",
      options: [
        { value: "full", label: "Everywhere", score: 1 },
        { value: "part", label: "Some systems", score: 0.6 },
      ],
    };
    const result = score(templateOf(sections(choice)), { ...allYes, k: "part" });
    expect(result.score).toBe(96.4);
    expect(result).toMatchObject({ band: "poor", capped: true });
  });
});
