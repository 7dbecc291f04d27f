import { describe, expect, it } from "vitest";
import type { Answers, QuestionInput, Severity } from "../../src/questionnaires/template-schema.ts";
import { score, templateOf } from "./scoring-fixtures.ts";

const finding = (title: string, severity: Severity = "high") => ({
  severity,
  title,
  recommendation: `Fix: ${title}`,
});

const QUESTIONS: QuestionInput[] = [
  { id: "mfa", type: "yes_no", text: "MFA?", allowNotApplicable: true, finding: finding("No MFA") },
  {
    id: "scope",
    type: "yes_no",
    weight: 0,
    text: "Sub-processors?",
    finding: finding("Uses sub-processors"),
  },
  {
    id: "terms",
    type: "yes_no",
    text: "Sub-processor terms?",
    showIf: { question: "scope", equals: "yes" },
    finding: finding("No sub-processor terms"),
  },
  {
    id: "hosting",
    type: "single_choice",
    text: "Where do you host?",
    options: [
      { value: "eu", label: "In the EU", score: 1 },
      { value: "us", label: "In the US", score: 1 },
    ],
    finding: { ...finding("Hosting outside the EU", "medium"), when: { question: "hosting", equals: "us" } },
  },
  {
    id: "backups",
    type: "single_choice",
    text: "Backups?",
    options: [
      { value: "daily", label: "Daily", score: 1 },
      { value: "never", label: "Never", score: 0 },
    ],
    finding: { ...finding("Backups never tested", "low"), when: { question: "mfa", equals: "no" } },
  },
  {
    id: "warn-us",
    type: "notice",
    text: "US hosting needs a transfer mechanism.",
    showIf: { question: "hosting", equals: "us" },
    finding: finding("Transfer mechanism needed", "medium"),
  },
  {
    id: "warn-gated",
    type: "notice",
    text: "Shown always, raised only with no MFA.",
    finding: { ...finding("Gated warning", "low"), when: { question: "mfa", equals: "no" } },
  },
];
const raisedIds = (answers: Answers, overrides = {}) =>
  score(templateOf([{ id: "s", title: "S", questions: QUESTIONS }]), answers, {
    overrides,
  }).raisedFindings.map((f) => f.questionId);
const BEST: Answers = { mfa: "yes", scope: "yes", terms: "yes", hosting: "eu", backups: "daily" };

describe("answers raise the findings their template declares", () => {
  it("a passing set of answers raises nothing", () => {
    expect(raisedIds(BEST)).toEqual([]);
  });

  it("a failed counted question raises its finding with the answer that raised it", () => {
    const result = score(templateOf([{ id: "s", title: "S", questions: QUESTIONS }]), {
      ...BEST,
      terms: "no",
    });
    expect(result.raisedFindings).toEqual([
      {
        questionId: "terms",
        severity: "high",
        title: "No sub-processor terms",
        recommendation: "Fix: No sub-processor terms",
        answerText: "No",
      },
    ]);
  });

  it("an unanswered counted question raises its finding", () => {
    const { terms: _unanswered, ...rest } = BEST;
    expect(raisedIds(rest)).toEqual(["terms"]);
  });

  it("a hidden question raises nothing, whatever its stale answer", () => {
    expect(raisedIds({ ...BEST, scope: "no", terms: "no" })).toEqual([]);
  });

  it("a question left out of the score (weight 0, or not applicable) raises nothing without a condition", () => {
    expect(raisedIds({ ...BEST, scope: "no" })).toEqual([]);
    expect(raisedIds({ ...BEST, mfa: "na" })).toEqual([]);
  });

  it("a reviewer's passing override withdraws the finding; a failing one raises it", () => {
    const at = { comment: "Checked", by: "u-1", at: "2026-03-02T10:00:00Z" };
    expect(raisedIds({ ...BEST, terms: "no" }, { terms: { score: 1, ...at } })).toEqual([]);
    expect(raisedIds(BEST, { terms: { score: 0, ...at } })).toEqual(["terms"]);
  });

  it("a `when` condition decides instead of the score, even on a full-scoring answer", () => {
    expect(raisedIds({ ...BEST, hosting: "us" })).toContain("hosting");
    expect(raisedIds({ ...BEST, backups: "never" })).toEqual([]);
    expect(raisedIds({ ...BEST, mfa: "no" })).toEqual(["mfa", "backups", "warn-gated"]);
  });

  it("a notice (a VSAQ warning tip) raises its finding when shown and its `when` holds", () => {
    const result = score(templateOf([{ id: "s", title: "S", questions: QUESTIONS }]), {
      ...BEST,
      hosting: "us",
    });
    expect(result.raisedFindings.map((f) => [f.questionId, f.answerText])).toEqual([
      ["hosting", "In the US"],
      ["warn-us", "In the US"],
    ]);
  });
});
