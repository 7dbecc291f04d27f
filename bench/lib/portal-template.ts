import type { Answer, QuestionInput, TemplateInput } from "../../src/questionnaires/template-schema.ts";

/** The question types the generated template cycles through, in this order (evidence and notices sparingly). */
const CYCLE = [
  "yes_no",
  "single_choice",
  "short_text",
  "multiple_choice",
  "number",
  "long_text",
  "date",
  "yes_no",
  "short_text",
  "single_choice",
] as const;

const OPTIONS = [
  { value: "eu", label: "In the European Union", score: 1 },
  { value: "uk", label: "In the United Kingdom", score: 0.9 },
  { value: "us", label: "In the United States", score: 0.5 },
  { value: "other", label: "Elsewhere", score: 0 },
];

function question(sectionIndex: number, n: number): QuestionInput {
  const id = `s${sectionIndex + 1}-q${String(n + 1).padStart(3, "0")}`;
  const text = `Question ${n + 1} of section ${sectionIndex + 1}: describe how this control is operated and reviewed`;
  const common = {
    id,
    text,
    required: n % 3 !== 2,
    ...(n % 4 === 0 ? { help: "Answer for the service you provide to us, not for your whole company." } : {}),
  };
  // Every tenth question is evidence, and the one after a yes/no shows only when it was answered "yes".
  if (n % 10 === 9) return { ...common, type: "evidence", evidence: { kinds: ["policy_document", "other"] } };
  const type = CYCLE[n % CYCLE.length] ?? "short_text";
  const showIf =
    n % 10 === 1
      ? { showIf: { question: `s${sectionIndex + 1}-q${String(n).padStart(3, "0")}`, equals: "yes" } }
      : {};
  switch (type) {
    case "single_choice":
      return { ...common, ...showIf, type, options: OPTIONS };
    case "multiple_choice":
      return { ...common, ...showIf, type, options: OPTIONS, allowNotApplicable: true };
    case "number":
      return { ...common, ...showIf, type, number: { min: 0, max: 1_000_000, unit: "people" } };
    case "date":
      return { ...common, ...showIf, type, date: { maxAgeMonths: 12 } };
    default:
      return { ...common, ...showIf, type };
  }
}

/**
 * A questionnaire of `sections` × `perSection` questions of every type, with help text, evidence questions and
 * conditions (each yes/no opens the question after it), as a large real template would have them.
 */
export function generatePortalTemplate(key: string, sections: number, perSection: number): TemplateInput {
  return {
    key,
    version: 1,
    title: `Bench questionnaire ${key}`,
    tiers: ["critical", "high"],
    estimatedMinutes: 240,
    sections: Array.from({ length: sections }, (_, s) => ({
      id: `section-${s + 1}`,
      title: `Section ${s + 1}: controls ${s * perSection + 1}–${(s + 1) * perSection}`,
      description: "Answer every question; your answers save as you type.",
      questions: Array.from({ length: perSection }, (_, n) => question(s, n)),
    })),
  };
}

/** A valid answer for a generated question (undefined for evidence, which takes files), as a vendor would give. */
export function sampleAnswer(q: QuestionInput, seed: number): Answer | undefined {
  switch (q.type) {
    case "yes_no":
      return "yes";
    case "single_choice":
      return OPTIONS[seed % OPTIONS.length]?.value ?? "eu";
    case "multiple_choice":
      return ["eu", "us"];
    case "short_text":
      return `Handled by the security team, reviewed yearly (${seed})`;
    case "long_text":
      return `We operate this control through a documented procedure. ${"It is reviewed by the security officer every quarter and audited yearly. ".repeat(4)}(${seed})`;
    case "number":
      return 10 + (seed % 90);
    case "date":
      return "2026-01-15";
    default:
      return undefined;
  }
}
