import { describe, expect, it } from "vitest";
import { computeVisibility } from "../../src/questionnaires/visibility.ts";
import { vsaqAnswersToAnswers } from "../../src/questionnaires/vsaq/vsaq-answers.ts";
import { parseVsaqCondition } from "../../src/questionnaires/vsaq/vsaq-condition.ts";
import { convertVsaq } from "../../src/questionnaires/vsaq/vsaq-convert.ts";

describe("reading VSAQ condition expressions", () => {
  it("applies && and || strictly left to right, with no precedence between them", () => {
    expect(parseVsaqCondition("a || b && c")).toEqual({
      kind: "and",
      left: {
        kind: "or",
        left: { kind: "ref", id: "a", visibility: false },
        right: { kind: "ref", id: "b", visibility: false },
      },
      right: { kind: "ref", id: "c", visibility: false },
    });
  });

  it("binds ! to the operand after it and honours parentheses", () => {
    expect(parseVsaqCondition("!(a || ^b) && c/yes")).toEqual({
      kind: "and",
      left: {
        kind: "not",
        operand: {
          kind: "or",
          left: { kind: "ref", id: "a", visibility: false },
          right: { kind: "ref", id: "b", visibility: true },
        },
      },
      right: { kind: "ref", id: "c", visibility: false, suffix: "yes" },
    });
  });

  it("reads matches() and contains() with a quoted, escaped text", () => {
    expect(parseVsaqCondition('matches(x/value, "^a\\"b", "i")')).toEqual({
      kind: "call",
      name: "matches",
      args: [
        { kind: "ref", id: "x", visibility: false, suffix: "value" },
        { kind: "string", value: '^a"b' },
        { kind: "string", value: "i" },
      ],
    });
  });

  it("gives nothing for an empty condition", () => {
    expect(parseVsaqCondition("  ")).toBeUndefined();
  });

  it.each(["a &&", "a & b", "(a || b", "a b", "a)", '"text" &&', "matches(a, )", "!"])(
    "rejects %j",
    (source) => {
      expect(() => parseVsaqCondition(source)).toThrow();
    },
  );
});

const SAMPLE = {
  questionnaire: [
    {
      type: "block",
      text: "Sample",
      items: [
        {
          type: "block",
          id: "b_main",
          text: "Main",
          items: [
            { type: "yesno", id: "q_yesno", text: "Yes or no?", yes: "Yes, always", no: "No" },
            {
              type: "radiogroup",
              id: "r",
              text: "Pick one",
              defaultChoice: true,
              choices: [{ r_a: "A" }, { r_b: "B" }],
              choicesConds: [{ r_b: "q_yesno/yes" }],
            },
            {
              type: "checkgroup",
              id: "c",
              text: "Tick",
              defaultChoice: false,
              choices: [{ c_x: "X" }, { c_y: "Y" }, { c_z: "Z" }],
            },
            { type: "line", id: "l", text: "Name" },
            { type: "check", id: "chk", text: "Tick me" },
            { type: "spacer" },
            {
              type: "tip",
              id: "t_ltr",
              cond: "c_x || c_y && c_z",
              text: "Left to right",
              warn: "yes",
              severity: "low",
            },
            { type: "tip", id: "t_bare", cond: "q_yesno", text: "Bare yes/no id" },
            { type: "tip", id: "t_not_bare", cond: "!q_yesno", text: "Negated bare id" },
            { type: "tip", id: "t_yes", cond: "q_yesno/yes", text: "Yes chosen" },
            { type: "tip", id: "t_no", cond: "q_yesno/no", text: "No chosen" },
            {
              type: "tip",
              id: "t_matches",
              cond: 'matches(l/value, "^SOC")',
              text: "Matches, case-sensitive",
            },
            {
              type: "tip",
              id: "t_matches_i",
              cond: 'matches(l/value, "^soc", "i")',
              text: "Matches, any case",
            },
            { type: "tip", id: "t_contains", cond: 'contains(l/value, "cloud")', text: "Contains" },
            { type: "tip", id: "t_false", cond: "false", text: "Never" },
            { type: "tip", id: "t_group", cond: "c", text: "Any choice ticked" },
            { type: "tip", id: "t_choice_b", cond: "r_b", text: "B picked" },
            { type: "upload", id: "u", text: "Upload", cond: "chk" },
            {
              type: "block",
              id: "b_nested",
              cond: "c_z",
              text: "Nested",
              items: [
                {
                  type: "radiogroup",
                  id: "n",
                  text: "Nested pick",
                  choices: [{ n_1: "One" }, { n_2: "Two" }],
                },
              ],
            },
            {
              type: "tip",
              id: "t_after_nested",
              cond: "n_1",
              text: "One picked",
              warn: "yes",
              severity: "high",
            },
            { type: "tip", id: "t_nested_shown", cond: "^b_nested", text: "Nested block shown" },
            { type: "tip", id: "t_yes_shown", cond: "^t_yes", text: "Yes tip shown" },
          ],
        },
      ],
    },
  ],
};

describe("VSAQ conditions keep their meaning after the import", () => {
  const { template, problems, report } = convertVsaq(SAMPLE, { file: "sample.json" });
  if (!template) throw new Error(`sample did not convert: ${JSON.stringify(problems)}`);
  const shown = (vsaqAnswers: Record<string, string>) => {
    const { answers } = vsaqAnswersToAnswers(template, vsaqAnswers);
    const visibility = computeVisibility(template, answers);
    return (id: string) => visibility.questions.has(id) || visibility.sections.has(id);
  };

  const cases: [string, Record<string, string>, string[], string[]][] = [
    ["a || b && c reads as (a || b) && c: c unticked hides it", { c_x: "checked" }, [], ["t_ltr"]],
    ["(a || b) && c with c ticked shows it", { c_x: "checked", c_z: "checked" }, ["t_ltr"], []],
    ["(a || b) && c through b", { c_y: "checked", c_z: "checked" }, ["t_ltr"], []],
    [
      "a bare yes/no id is false even when answered yes",
      { q_yesno: "yes" },
      ["t_yes", "t_not_bare"],
      ["t_bare", "t_no"],
    ],
    ["/no tests the no answer", { q_yesno: "no" }, ["t_no", "t_not_bare"], ["t_bare", "t_yes"]],
    ["^id is true while that item is shown", { q_yesno: "yes" }, ["t_yes_shown"], []],
    ["^id is false while that item is hidden", { q_yesno: "no" }, [], ["t_yes_shown"]],
    ["matches() is case-sensitive unless asked", { l: "soc 2 report" }, ["t_matches_i"], ["t_matches"]],
    ["matches() with the right case", { l: "SOC 2 report" }, ["t_matches", "t_matches_i"], []],
    ["contains() is case-sensitive", { l: "Cloud hosted" }, [], ["t_contains"]],
    ["contains() finds the text", { l: "in the cloud" }, ["t_contains"], []],
    ["false never shows", { q_yesno: "yes", c_x: "checked" }, [], ["t_false"]],
    ["a bare group id means any choice is ticked", { c_y: "checked" }, ["t_group"], []],
    ["a bare group id is false with nothing ticked", { c_y: "" }, [], ["t_group"]],
    ["a checkbox id is true when ticked", { chk: "checked" }, ["u"], []],
    ["a nested block shows with its condition", { c_z: "checked" }, ["b_nested", "n", "t_nested_shown"], []],
    [
      "an answer inside a hidden block counts as false (stale answer, block hidden)",
      { n_1: "checked" },
      [],
      ["b_nested", "n", "t_after_nested", "t_nested_shown"],
    ],
    ["an answer inside a shown block counts", { c_z: "checked", n_1: "checked" }, ["t_after_nested"], []],
    [
      "a choice hidden by choicesConds counts as false",
      { r_b: "checked", q_yesno: "no" },
      [],
      ["t_choice_b"],
    ],
    [
      "the same choice counts once its condition holds",
      { r_b: "checked", q_yesno: "yes" },
      ["t_choice_b"],
      [],
    ],
  ];

  it.each(cases)("%s", (_name, vsaqAnswers, visible, hidden) => {
    const isShown = shown(vsaqAnswers);
    for (const id of visible) expect(isShown(id), `${id} shown`).toBe(true);
    for (const id of hidden) expect(isShown(id), `${id} hidden`).toBe(false);
  });

  it("maps VSAQ items to question types and keeps yes/no captions", () => {
    const questions = template.sections.flatMap((s) => s.questions);
    const byId = Object.fromEntries(questions.map((q) => [q.id, q]));
    expect(byId.q_yesno).toMatchObject({ type: "yes_no", labels: { yes: "Yes, always", no: "No" } });
    expect(byId.r?.type).toBe("single_choice");
    expect(byId.c?.type).toBe("multiple_choice");
    expect(byId.l?.type).toBe("short_text");
    expect(byId.chk?.type).toBe("yes_no");
    expect(byId.u?.type).toBe("evidence");
    expect(byId.t_ltr).toMatchObject({
      type: "notice",
      finding: { severity: "low", title: "Left to right" },
    });
  });

  it('adds "None of the above." for defaultChoice and keeps choicesConds as an option condition', () => {
    const radio = template.sections.flatMap((s) => s.questions).find((q) => q.id === "r");
    expect(radio?.options?.map((o) => o.label)).toEqual(["A", "B", "None of the above."]);
    expect(radio?.options?.[1]?.showIf).toEqual({ question: "q_yesno", equals: "yes" });
    expect(report.defaultChoices).toBe(1);
    expect(report.conditionalOptions).toBe(1);
  });

  it("puts a block's items after a nested block into a continued section and drops spacers", () => {
    expect(template.sections.map((s) => [s.id, s.title, s.showIf])).toEqual([
      ["b_main", "Main", undefined],
      [
        "b_nested",
        "Main \u203a Nested",
        { all: [{ visible: "b_main" }, { question: "c", includes: "c_z" }] },
      ],
      ["b_main.part-1", "Main (continued)", { visible: "b_main" }],
    ]);
    expect(report.droppedSpacers).toBe(1);
    expect(report.continuedSections).toBe(1);
  });
});

describe("VSAQ conditions that cannot be converted are reported", () => {
  const withCond = (cond: string) => ({
    questionnaire: [
      {
        type: "block",
        text: "Root",
        items: [
          {
            type: "block",
            id: "blk",
            text: "B",
            items: [{ type: "yesno", id: "y", text: "Y?", yes: "Yes", no: "No" }],
          },
          { type: "info", id: "note", text: "Info" },
          { type: "line", id: "target", text: "T", cond },
          { type: "line", id: "later", text: "L" },
        ],
      },
    ],
  });

  it.each([
    ["ghost", /"ghost", which is not an item/],
    ["later/value", /"later", which comes later/],
    ["blk", /"blk" is a block and has no value/],
    ["note", /"note" is a info and has no value/],
    ["y &&", /cannot read the condition/],
    ['matches(y/value, "x")', /needs a text item/],
  ])("%j", (cond, message) => {
    const result = convertVsaq(withCond(cond), { file: "bad.json" });
    expect(result.template).toBeUndefined();
    expect(result.problems.map((p) => p.message).join(" | ")).toMatch(message);
    expect(result.problems[0]?.path).toContain("(target).cond");
  });

  it("accepts ^block and ^info, which test visibility", () => {
    expect(convertVsaq(withCond("^blk && ^note")).problems).toEqual([]);
  });
});
