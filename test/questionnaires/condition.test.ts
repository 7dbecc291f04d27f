import { describe, expect, it } from "vitest";
import {
  conditionReferences,
  createConditionContext,
  evaluateCondition,
  isAnswered,
} from "../../src/questionnaires/condition.ts";
import type { Condition } from "../../src/questionnaires/condition-schema.ts";
import type { Answers } from "../../src/questionnaires/template-schema.ts";

const answers: Answers = {
  mfa: "yes",
  backups: "no",
  scope: "na",
  hosting: "aws",
  certs: ["iso27001", "soc2"],
  notes: "SOC 2 Type II report available, hosted in the Cloud",
  blank: "   ",
  hours: 24,
  none: [],
  audit: "2024-05-01",
  evidence: { fileIds: ["f1"] },
  noFiles: { fileIds: [] },
};
const hidden = new Set(["hiddenQuestion", "hiddenSection"]);
const ctx = createConditionContext({ ...answers, hiddenQuestion: "yes" }, (id) => !hidden.has(id));

describe("a reviewer's conditions decide what the vendor sees", () => {
  const cases: [string, Condition, boolean][] = [
    ["equals matches a yes_no answer", { question: "mfa", equals: "yes" }, true],
    ["equals rejects the other yes_no answer", { question: "backups", equals: "yes" }, false],
    ["equals sees not applicable as na", { question: "scope", equals: "na" }, true],
    ["equals compares numbers", { question: "hours", equals: 24 }, true],
    ["equals compares a number with its text form", { question: "hours", equals: "24" }, true],
    ["equals is false for another number", { question: "hours", equals: 48 }, false],
    ["equals on a date", { question: "audit", equals: "2024-05-01" }, true],
    ["equals on an unanswered question is false", { question: "missing", equals: "yes" }, false],
    ["oneOf holds for a listed option", { question: "hosting", oneOf: ["gcp", "aws"] }, true],
    ["oneOf fails for an unlisted option", { question: "hosting", oneOf: ["gcp", "azure"] }, false],
    [
      "oneOf on a multiple choice holds when any selection is listed",
      { question: "certs", oneOf: ["soc2", "pci"] },
      true,
    ],
    ["oneOf on a multiple choice fails when none is listed", { question: "certs", oneOf: ["pci"] }, false],
    ["includes finds a selected option", { question: "certs", includes: "iso27001" }, true],
    ["includes misses an unselected option", { question: "certs", includes: "pci" }, false],
    ["includes on a single choice answer is false", { question: "hosting", includes: "aws" }, false],
    ["matches ignores case", { question: "notes", matches: "^soc" }, true],
    [
      "matches can be case-sensitive (VSAQ import)",
      { question: "notes", matches: "^soc", caseSensitive: true },
      false,
    ],
    ["matches fails when the pattern is absent", { question: "notes", matches: "^ISO" }, false],
    ["an invalid pattern never matches", { question: "notes", matches: "([" }, false],
    ["contains ignores case", { question: "notes", contains: "cloud" }, true],
    ["contains can be case-sensitive", { question: "notes", contains: "cloud", caseSensitive: true }, false],
    ["contains on a number answer is false", { question: "hours", contains: "24" }, false],
    ["answered: true for a given answer", { question: "hosting", answered: true }, true],
    ["answered: true is false for blank text", { question: "blank", answered: true }, false],
    ["answered: true is false for an empty selection", { question: "none", answered: true }, false],
    ["answered: false holds for a missing answer", { question: "missing", answered: false }, true],
    ["answered counts na as an answer", { question: "scope", answered: true }, true],
    ["an upload with files is answered", { question: "evidence", answered: true }, true],
    ["an upload without files is not", { question: "noFiles", answered: true }, false],
    ["a hidden question counts as unanswered", { question: "hiddenQuestion", equals: "yes" }, false],
    ["a hidden question fails answered", { question: "hiddenQuestion", answered: true }, false],
    ["not of a hidden question's answer holds", { not: { question: "hiddenQuestion", equals: "yes" } }, true],
    ["visible is true for a shown item", { visible: "mfa" }, true],
    ["visible is false for a hidden section", { visible: "hiddenSection" }, false],
    ["not negates", { not: { question: "mfa", equals: "yes" } }, false],
    [
      "all needs every part",
      {
        all: [
          { question: "mfa", equals: "yes" },
          { question: "backups", equals: "yes" },
        ],
      },
      false,
    ],
    [
      "any needs one part",
      {
        any: [
          { question: "mfa", equals: "no" },
          { question: "backups", equals: "no" },
        ],
      },
      true,
    ],
    ["an empty all always holds", { all: [] }, true],
    ["an empty any never holds", { any: [] }, false],
    [
      "groups nest",
      {
        all: [
          {
            any: [
              { question: "hosting", equals: "gcp" },
              { question: "certs", includes: "soc2" },
            ],
          },
          { not: { question: "backups", equals: "yes" } },
        ],
      },
      true,
    ],
  ];

  it.each(cases)("%s", (_name, condition, expected) => {
    expect(evaluateCondition(condition, ctx)).toBe(expected);
  });
});

describe("answers that count as given", () => {
  it.each([
    [undefined, false],
    ["", false],
    [" x ", true],
    [0, true],
    [Number.NaN, false],
    [[], false],
    [["a"], true],
    [{ fileIds: [] }, false],
    [{ fileIds: ["f"] }, true],
  ] as const)("isAnswered(%j) is %s", (answer, expected) => {
    expect(isAnswered(answer as never)).toBe(expected);
  });
});

it("lists the items a condition reads, for dependency checks", () => {
  const condition: Condition = {
    all: [
      { question: "a", equals: "yes" },
      { not: { visible: "s" } },
      { any: [{ question: "b", answered: true }] },
    ],
  };
  expect(conditionReferences(condition)).toEqual([
    { id: "a", kind: "answer" },
    { id: "s", kind: "visible" },
    { id: "b", kind: "answer" },
  ]);
});
