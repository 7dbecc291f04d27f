import {
  type Answer,
  type Answers,
  type QuestionInput,
  Template,
  type TemplateInput,
} from "../../src/questionnaires/template-schema.ts";
import { DEFAULT_REVIEW_POLICY } from "../../src/scoring/review-policy.ts";
import { type ScoreInput, scoreAssessment } from "../../src/scoring/score-assessment.ts";
import type { ScoreOverride } from "../../src/scoring/score-types.ts";
import { percentile } from "../lib/load.ts";
import { createRandom, type Random } from "../lib/random.ts";
import type { BenchContext, BenchRow, BenchSuite, SuiteResult } from "../lib/suite.ts";

const SECTIONS = 6;
const PER_SECTION = 50;
const WARMUP_RUNS = 300;
const RUNS = 3_000;
const TODAY = "2026-03-02";

const OPTIONS = [
  { value: "full", label: "Everywhere", score: 1 },
  { value: "most", label: "On most systems", score: 0.6 },
  { value: "some", label: "On some systems", score: 0.3 },
  { value: "none", label: "Nowhere", score: 0 },
];
const finding = (n: number) => ({
  severity: (["critical", "high", "medium", "low"] as const)[n % 4] ?? "low",
  title: `Control ${n} falls short`,
  recommendation: `Ask the vendor how it will close the gap in control ${n}.`,
});

/**
 * Question n of a section, cycling through every scored type. Each tenth is a scoping yes/no (weight 0) that
 * the next question depends on; every 25th is critical; a notice warns when its scoping answer is "no".
 */
function question(s: number, n: number): QuestionInput {
  const id = `s${s}-q${n}`;
  const common = {
    id,
    text: `Section ${s}, control ${n}: is it in place?`,
    required: n % 3 !== 0,
    finding: finding(n),
  };
  const scope = `s${s}-q${n - (n % 10)}`;
  const showIf = n % 10 === 1 ? { showIf: { question: scope, equals: "yes" } } : {};
  if (n % 10 === 0)
    return { id, text: `Section ${s}, scope ${n}: does it apply?`, type: "yes_no", weight: 0 };
  switch (n % 10) {
    case 1:
      return { ...common, ...showIf, type: "yes_no", weight: 3, critical: n % 25 === 1 };
    case 2:
      return { ...common, type: "single_choice", options: OPTIONS, allowNotApplicable: true };
    case 3:
      return {
        ...common,
        type: "multiple_choice",
        options: OPTIONS,
        combine: (["max", "sum", "min"] as const)[n % 3],
      };
    case 4:
      return {
        ...common,
        type: "number",
        number: {
          min: 0,
          max: 1000,
          unit: "days",
          thresholds: [{ max: 14, score: 1 }, { max: 60, score: 0.5 }, { score: 0 }],
        },
      };
    case 5:
      return { ...common, type: "date", date: { maxAgeMonths: 12 } };
    case 6:
      return { ...common, type: "short_text", weight: 1 };
    case 7:
      return { ...common, type: "evidence", weight: 2 };
    case 8:
      return {
        id,
        type: "notice",
        text: `Section ${s}: without control ${n - 8}, ask for a plan.`,
        showIf: { question: scope, equals: "no" },
        finding: finding(n),
      };
    default:
      return {
        ...common,
        type: "single_choice",
        options: OPTIONS,
        finding: { ...finding(n), when: { question: `s${s}-q${n - 7}`, oneOf: ["some", "none"] } },
      };
  }
}

function benchTemplate(): Template {
  const input: TemplateInput = {
    key: "bench-scoring-300",
    version: 1,
    title: "Scoring bench, 300 questions",
    tiers: ["critical"],
    sections: Array.from({ length: SECTIONS }, (_, s) => ({
      id: `s${s}`,
      title: `Section ${s}`,
      weight: 1 + (s % 3),
      questions: Array.from({ length: PER_SECTION }, (_, n) => question(s, n)),
    })),
  };
  return Template.parse(input);
}

function answerFor(q: Template["sections"][number]["questions"][number], random: Random): Answer | undefined {
  if (random.chance(0.05)) return undefined;
  switch (q.type) {
    case "yes_no":
      return random.chance(0.8) ? "yes" : "no";
    case "single_choice":
      return random.chance(0.05) ? "na" : random.pick(OPTIONS).value;
    case "multiple_choice":
      return OPTIONS.filter(() => random.chance(0.4)).map((o) => o.value);
    case "number":
      return Math.floor(random.next() * 90);
    case "date":
      return random.chance(0.7) ? "2025-11-15" : "2024-01-10";
    case "short_text":
      return "Reviewed quarterly by the security team.";
    case "evidence":
      return { fileIds: ["file-1", "file-2"], expiresOn: "2027-01-31" };
    default:
      return undefined;
  }
}

function benchInput(withOverrides: boolean): ScoreInput {
  const template = benchTemplate();
  const random = createRandom(300);
  const answers: Answers = {};
  const overrides: Record<string, ScoreOverride> = {};
  for (const [i, q] of template.sections.flatMap((s) => s.questions).entries()) {
    const answer = answerFor(q, random);
    if (answer !== undefined) answers[q.id] = answer;
    if (withOverrides && i % 10 === 2)
      overrides[q.id] = {
        score: 0.8,
        comment: "Confirmed on a call",
        by: "reviewer",
        at: `${TODAY}T10:00:00Z`,
      };
  }
  return { template, answers, overrides, tier: "critical", policy: DEFAULT_REVIEW_POLICY, today: TODAY };
}

function measure(label: string, input: ScoreInput): BenchRow {
  const first = scoreAssessment(input);
  const questions = first.sections.reduce((n, s) => n + s.questions.length, 0);
  if (questions !== SECTIONS * PER_SECTION || first.score === null || first.raisedFindings.length === 0)
    throw new Error(`${label}: unexpected result (${questions} questions, score ${first.score})`);
  for (let i = 0; i < WARMUP_RUNS; i++) scoreAssessment(input);
  const samples = new Float64Array(RUNS);
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    scoreAssessment(input);
    samples[i] = (performance.now() - started) * 1000;
  }
  const sorted = samples.sort();
  return {
    label,
    figures: {
      "median µs": percentile(sorted, 0.5),
      "p99 µs": percentile(sorted, 0.99),
      score: first.score,
      findings: first.raisedFindings.length,
      runs: RUNS,
    },
  };
}

async function runSuite(ctx: BenchContext): Promise<SuiteResult> {
  ctx.log(`scoring a ${SECTIONS * PER_SECTION}-question response ${RUNS} times, with and without overrides`);
  return {
    rows: [
      measure("300 questions, 6 sections", benchInput(false)),
      measure("300 questions, 30 overridden", benchInput(true)),
    ],
    notes: [
      `scoreAssessment in this process: ${WARMUP_RUNS} unmeasured runs, then ${RUNS} timed one by one; µs per complete scoring (visibility, every question, sections, overall score, findings, rating).`,
      "Generated template (bench/suites/scoring.ts): every scored type, a scoping question per ten with a dependent question and a warning notice, critical questions, findings with and without `when`; answers from a fixed seed, 5% left blank.",
    ],
  };
}

export const scoring: BenchSuite = {
  name: "scoring",
  description: "Time to score one 300-question response (pure scoring, no database)",
  run: runSuite,
};
