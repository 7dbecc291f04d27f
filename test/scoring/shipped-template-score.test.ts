import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTemplateFile } from "../../src/questionnaires/template-loader.ts";
import type { Answer, Answers, Question, Template } from "../../src/questionnaires/template-schema.ts";
import { questionOf, score, TODAY } from "./scoring-fixtures.ts";

async function shipped(key: string): Promise<Template> {
  const loaded = await loadTemplateFile(join(import.meta.dirname, "../../questionnaires", `${key}.yaml`));
  if (!loaded.template) throw new Error(`${key} does not load: ${JSON.stringify(loaded.problems)}`);
  return loaded.template;
}

/** The best answer a vendor can give to a question, read from the template itself. */
function bestAnswer(question: Question): Answer | undefined {
  const options = question.options ?? [];
  const top = Math.max(...options.map((o) => o.score));
  switch (question.type) {
    case "yes_no":
      return question.expected ?? "yes";
    case "single_choice":
      return options.find((o) => o.score === top)?.value;
    case "multiple_choice":
      // With `sum` the positive options together reach the cap; otherwise the single best option is best.
      return question.combine === "sum"
        ? options.filter((o) => o.score > 0).map((o) => o.value)
        : options.filter((o) => o.score === top).map((o) => o.value);
    case "number": {
      // Try the allowed range's ends and every threshold bound; keep the one the first matching threshold rates best.
      const { min = 0, max = 1_000_000, thresholds = [] } = question.number ?? {};
      const candidates = [min, max, ...thresholds.flatMap((t) => [t.min, t.max])].filter(
        (n): n is number => n !== undefined && n >= min && n <= max,
      );
      const rate = (n: number) =>
        thresholds.find((t) => (t.min === undefined || n >= t.min) && (t.max === undefined || n <= t.max))
          ?.score ?? 0;
      return candidates.reduce((best, n) => (rate(n) > rate(best) ? n : best));
    }
    case "date":
      return TODAY;
    case "short_text":
    case "long_text":
      return "Described in our security handbook.";
    case "evidence":
      return { fileIds: ["file-1"], expiresOn: "2027-03-01" };
    case "notice":
      return undefined;
  }
}

function bestAnswers(template: Template): Answers {
  const answers: Answers = {};
  for (const question of template.sections.flatMap((s) => s.questions)) {
    const answer = bestAnswer(question);
    if (answer !== undefined) answers[question.id] = answer;
  }
  return answers;
}

describe("a vendor answering the shipped essentials questionnaire at its best", () => {
  it("scores 100, strong, with no findings: low residual risk for a medium-tier vendor", async () => {
    const template = await shipped("vendor-security-essentials");
    const result = score(template, bestAnswers(template));
    expect(result).toMatchObject({
      method: "weighted",
      score: 100,
      band: "strong",
      capped: false,
      residualRating: "low",
    });
    expect(result.raisedFindings).toEqual([]);
    expect(result.unansweredOptional).toEqual([]);
    expect(result.sections.every((s) => s.score === 100)).toBe(true);
  });

  it("one failed critical answer drops it to poor and raises the critical finding", async () => {
    const template = await shipped("vendor-security-essentials");
    const result = score(
      template,
      { ...bestAnswers(template), "ess-mfa-privileged": "no" },
      { tier: "medium" },
    );
    // Access: (0 + 2 + 1) / 6 = 50; sections weigh 1, 3, 3, 2, 3, 2: (100 + 150 + 300 + 200 + 300 + 200) / 14.
    expect(result.score).toBe(89.3);
    expect(result).toMatchObject({ band: "poor", capped: true, criticalFailures: ["ess-mfa-privileged"] });
    expect(result.residualRating).toBe("high");
    expect(result.raisedFindings.map((f) => [f.questionId, f.severity, f.answerText])).toEqual([
      ["ess-mfa-privileged", "critical", "No"],
    ]);
    expect(questionOf(result, "ess-mfa-privileged").why).toBe("Answered No; expected Yes");
  });
});

describe.each(["vendor-security-baseline", "gdpr-processor-due-diligence"])("shipped template %s", (key) => {
  it("scores 100 and strong for its best answers", async () => {
    const template = await shipped(key);
    const result = score(template, bestAnswers(template), { tier: "critical" });
    const short = result.sections.flatMap((s) => s.questions).filter((q) => q.maxPoints > 0 && q.score !== 1);
    expect(short.map((q) => `${q.questionId}: ${q.why}`)).toEqual([]);
    expect(result).toMatchObject({ score: 100, band: "strong", residualRating: "medium" });
  });
});
