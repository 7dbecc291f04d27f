import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  Answer,
  Answers,
  QuestionInput,
  SectionInput,
} from "../../src/questionnaires/template-schema.ts";
import { score, templateOf } from "./scoring-fixtures.ts";

const OPTIONS = [
  { value: "a", label: "A", score: 1 },
  { value: "b", label: "B", score: 0.5 },
  { value: "c", label: "C", score: 0 },
];

/** A question of a scorable type, every one allowing "not applicable" where the type can. */
const question = (id: string): fc.Arbitrary<QuestionInput> =>
  fc
    .record({
      type: fc.constantFrom("yes_no", "single_choice", "multiple_choice", "number", "date", "short_text"),
      weight: fc.integer({ min: 0, max: 5 }),
      critical: fc.boolean(),
      combine: fc.constantFrom("max", "sum", "min"),
    })
    .map(({ type, weight, critical, combine }): QuestionInput => {
      const base = { id, text: `Question ${id}?`, weight, critical };
      switch (type) {
        case "yes_no":
          return { ...base, type, allowNotApplicable: true };
        case "single_choice":
          return { ...base, type, allowNotApplicable: true, options: OPTIONS };
        case "multiple_choice":
          return { ...base, type, allowNotApplicable: true, combine, options: OPTIONS };
        case "number":
          return {
            ...base,
            type,
            number: {
              thresholds: [
                { max: 10, score: 1 },
                { max: 20, score: 0.4 },
              ],
            },
          };
        case "date":
          return { ...base, type, date: { maxAgeMonths: 12 } };
        default:
          return { ...base, type: "short_text" };
      }
    });

const answerFor = (q: QuestionInput): fc.Arbitrary<Answer | undefined> => {
  const na = q.allowNotApplicable ? [fc.constant<Answer>(q.type === "multiple_choice" ? ["na"] : "na")] : [];
  const none = fc.constant(undefined);
  switch (q.type) {
    case "yes_no":
      return fc.oneof(none, fc.constantFrom<Answer>("yes", "no"), ...na);
    case "single_choice":
      return fc.oneof(none, fc.constantFrom<Answer>("a", "b", "c"), ...na);
    case "multiple_choice":
      return fc.oneof(none, fc.subarray(["a", "b", "c"]), ...na);
    case "number":
      return fc.oneof(none, fc.integer({ min: -5, max: 40 }));
    case "date":
      return fc.oneof(none, fc.constantFrom<Answer>("2020-01-01", "2025-06-30", "2026-03-02", "2027-01-01"));
    default:
      return fc.oneof(none, fc.string({ maxLength: 5 }));
  }
};

/** Sections of random questions with random answers; no conditions, so answers never change visibility. */
const scenario = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 })), {
    minLength: 1,
    maxLength: 4,
  })
  .chain((shape) => {
    let n = 0;
    const sections = shape.map(([count, weight], s) =>
      fc.array(question("x"), { minLength: count, maxLength: count }).map(
        (qs): SectionInput => ({
          id: `s${s}`,
          title: `S${s}`,
          weight,
          questions: qs.map((q) => ({ ...q, id: `q${n++}` })),
        }),
      ),
    );
    return fc.tuple(...sections);
  })
  .chain((sections) => {
    const questions = sections.flatMap((s) => s.questions);
    return fc.tuple(...questions.map(answerFor)).map((values) => {
      const answers: Answers = {};
      questions.forEach((q, i) => {
        const value = values[i];
        if (value !== undefined) answers[q.id] = value;
      });
      return { sections, answers };
    });
  });

describe("scoring properties", () => {
  it("every score stays within 0-100 and every question within its weight", () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom("exclude", "pass"), ({ sections, answers }, notApplicable) => {
        const result = score(templateOf(sections, { scoring: { notApplicable } }), answers);
        if (result.score !== null) expect(result.score).toBeGreaterThanOrEqual(0);
        if (result.score !== null) expect(result.score).toBeLessThanOrEqual(100);
        for (const section of result.sections) {
          if (section.score !== null) expect(section.score).toBeGreaterThanOrEqual(0);
          if (section.score !== null) expect(section.score).toBeLessThanOrEqual(100);
          for (const q of section.questions) {
            expect(q.points ?? 0).toBeGreaterThanOrEqual(0);
            expect(q.points ?? 0).toBeLessThanOrEqual(q.maxPoints);
          }
        }
        if (result.capped) expect(result.band).toBe("poor");
      }),
      { numRuns: 300 },
    );
  });

  it("excluding a question as not applicable never changes any other question's points", () => {
    fc.assert(
      fc.property(scenario, fc.nat(), ({ sections, answers }, pick) => {
        const template = templateOf(sections);
        const candidates = template.sections.flatMap((s) => s.questions).filter((q) => q.allowNotApplicable);
        fc.pre(candidates.length > 0);
        const chosen = candidates[pick % candidates.length];
        if (!chosen) return;
        const excluded: Answers = {
          ...answers,
          [chosen.id]: chosen.type === "multiple_choice" ? ["na"] : "na",
        };
        const before = score(template, answers).sections.flatMap((s) => s.questions);
        const after = score(template, excluded).sections.flatMap((s) => s.questions);
        const changed = after.filter((q, i) => q.questionId !== chosen.id && q.points !== before[i]?.points);
        expect(changed).toEqual([]);
        expect(after.find((q) => q.questionId === chosen.id)?.maxPoints).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("the same answers always give the same result", () => {
    fc.assert(
      fc.property(scenario, ({ sections, answers }) => {
        const template = templateOf(sections);
        expect(score(template, structuredClone(answers))).toEqual(score(template, answers));
      }),
      { numRuns: 100 },
    );
  });
});
