import { describe, expect, it } from "vitest";
import { evaluateCondition } from "../../src/questionnaires/condition.ts";
import { type Answers, Template, type TemplateInput } from "../../src/questionnaires/template-schema.ts";
import {
  computeVisibility,
  createVisibleContext,
  pruneAnswers,
} from "../../src/questionnaires/visibility.ts";

const yesNo = (id: string, extra: object = {}) => ({
  id,
  text: `Question ${id}?`,
  type: "yes_no" as const,
  ...extra,
});

const input: TemplateInput = {
  key: "cascade",
  version: 1,
  title: "Cascades",
  tiers: ["high"],
  sections: [
    {
      id: "hosting",
      title: "Hosting",
      questions: [
        yesNo("cloud"),
        {
          id: "provider",
          text: "Which provider?",
          type: "single_choice",
          showIf: { question: "cloud", equals: "yes" },
          options: [
            { value: "aws", label: "AWS", score: 1 },
            { value: "gcp", label: "GCP", score: 1 },
            { value: "other", label: "Other", score: 0.5, showIf: { question: "cloud", equals: "yes" } },
          ],
        },
        { ...yesNo("aws-region"), showIf: { question: "provider", equals: "aws" } },
        { ...yesNo("region-documented"), showIf: { question: "aws-region", answered: true } },
        { ...yesNo("on-prem-note"), showIf: { not: { question: "cloud", equals: "yes" } } },
      ],
    },
    {
      id: "cloud-controls",
      title: "Cloud controls",
      showIf: { question: "cloud", equals: "yes" },
      questions: [
        yesNo("cloud-mfa"),
        { ...yesNo("cloud-section-shown"), showIf: { visible: "cloud-controls" } },
        { ...yesNo("after-provider"), showIf: { visible: "provider" } },
      ],
    },
    {
      id: "follow-up",
      title: "Follow-up",
      questions: [
        { ...yesNo("mfa-follow-up"), showIf: { question: "cloud-mfa", equals: "no" } },
        { ...yesNo("no-cloud-controls"), showIf: { not: { visible: "cloud-controls" } } },
        {
          id: "why",
          text: "Why?",
          type: "long_text",
          showIf: {
            any: [
              { question: "mfa-follow-up", equals: "no" },
              { question: "cloud", equals: "no" },
            ],
          },
        },
      ],
    },
  ],
};
const template = Template.parse(input);

describe("visibility follows the vendor's answers in document order", () => {
  const cases: [string, Answers, string[], string[]][] = [
    [
      "nothing answered: conditional questions and the cloud section stay hidden",
      {},
      ["cloud", "on-prem-note", "no-cloud-controls"],
      ["provider", "aws-region", "cloud-mfa", "mfa-follow-up", "why"],
    ],
    [
      "cloud yes shows the provider question and the cloud section",
      { cloud: "yes" },
      ["provider", "cloud-mfa", "cloud-section-shown", "after-provider"],
      ["aws-region", "on-prem-note", "no-cloud-controls"],
    ],
    [
      "choosing AWS shows its follow-up",
      { cloud: "yes", provider: "aws" },
      ["aws-region"],
      ["region-documented"],
    ],
    [
      "answering the follow-up shows the next one",
      { cloud: "yes", provider: "aws", "aws-region": "yes" },
      ["aws-region", "region-documented"],
      [],
    ],
    [
      "hiding the provider question cascades: its stale answer no longer shows aws-region or what depends on it",
      { cloud: "no", provider: "aws", "aws-region": "yes" },
      ["on-prem-note", "why", "no-cloud-controls"],
      ["provider", "aws-region", "region-documented", "cloud-mfa"],
    ],
    [
      "a question in a hidden section is hidden and its answer counts as unanswered later on",
      { cloud: "no", "cloud-mfa": "no" },
      ["why"],
      ["cloud-mfa", "mfa-follow-up"],
    ],
    [
      "an answer inside a shown section drives later sections",
      { cloud: "yes", "cloud-mfa": "no", "mfa-follow-up": "no" },
      ["mfa-follow-up", "why"],
      ["no-cloud-controls"],
    ],
  ];

  it.each(cases)("%s", (_name, answers, shown, hidden) => {
    const visibility = computeVisibility(template, answers);
    for (const id of shown) expect(visibility.questions.has(id), `${id} shown`).toBe(true);
    for (const id of hidden) expect(visibility.questions.has(id), `${id} hidden`).toBe(false);
  });

  it("reports sections separately from questions", () => {
    expect([...computeVisibility(template, { cloud: "no" }).sections]).toEqual(["hosting", "follow-up"]);
    expect([...computeVisibility(template, { cloud: "yes" }).sections]).toEqual([
      "hosting",
      "cloud-controls",
      "follow-up",
    ]);
  });
});

describe("answers that count", () => {
  it("drops answers of hidden questions and selections of hidden options", () => {
    const answers: Answers = { cloud: "no", provider: "other", "aws-region": "yes", "on-prem-note": "yes" };
    const visibility = computeVisibility(template, answers);
    expect(pruneAnswers(template, answers, visibility)).toEqual({ cloud: "no", "on-prem-note": "yes" });
  });

  it("keeps a shown option and hides a conditional one when its condition fails", () => {
    const visibility = computeVisibility(template, { cloud: "yes", provider: "other" });
    expect(visibility.hiddenOptions.get("provider")?.has("other")).toBe(false);
    expect(pruneAnswers(template, { cloud: "yes", provider: "other" }, visibility).provider).toBe("other");
  });

  it("gives finding rules a context that sees only what counts", () => {
    const answers: Answers = { cloud: "no", "cloud-mfa": "no" };
    const ctx = createVisibleContext(template, answers);
    expect(evaluateCondition({ question: "cloud-mfa", equals: "no" }, ctx)).toBe(false);
    expect(evaluateCondition({ visible: "cloud-controls" }, ctx)).toBe(false);
    expect(evaluateCondition({ question: "cloud", equals: "no" }, ctx)).toBe(true);
  });
});

it("hides an option whose condition does not hold and ignores its stale selection", () => {
  const withOptionRule = Template.parse({
    ...input,
    sections: [
      {
        id: "s",
        title: "S",
        questions: [
          yesNo("eu"),
          {
            id: "transfer",
            text: "Transfer mechanism?",
            type: "multiple_choice",
            options: [
              { value: "scc", label: "SCCs", score: 1 },
              { value: "adequacy", label: "Adequacy", score: 1, showIf: { question: "eu", equals: "no" } },
            ],
          },
          { ...yesNo("adequacy-follow-up"), showIf: { question: "transfer", includes: "adequacy" } },
        ],
      },
    ],
  });
  const answers: Answers = { eu: "yes", transfer: ["scc", "adequacy"] };
  const visibility = computeVisibility(withOptionRule, answers);
  expect([...(visibility.hiddenOptions.get("transfer") ?? [])]).toEqual(["adequacy"]);
  expect(visibility.questions.has("adequacy-follow-up")).toBe(false);
  expect(pruneAnswers(withOptionRule, answers, visibility).transfer).toEqual(["scc"]);
  expect(
    computeVisibility(withOptionRule, { ...answers, eu: "no" }).questions.has("adequacy-follow-up"),
  ).toBe(true);
});
