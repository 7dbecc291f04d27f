import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { vsaqAnswersToAnswers } from "../../src/questionnaires/vsaq/vsaq-answers.ts";
import { convertVsaq } from "../../src/questionnaires/vsaq/vsaq-convert.ts";
import { importVsaq } from "../../src/questionnaires/vsaq/vsaq-import.ts";

const { template } = convertVsaq({
  questionnaire: [
    {
      type: "block",
      text: "Answers",
      items: [
        { type: "yesno", id: "yn", text: "Yes or no?", yes: "Yes", no: "No" },
        { type: "check", id: "chk", text: "Tick" },
        { type: "radiogroup", id: "radio", text: "One", choices: [{ radio_a: "A" }, { radio_b: "B" }] },
        { type: "checkgroup", text: "Many", choices: [{ many_a: "A" }, { many_b: "B" }] },
        { type: "checkgroup", id: "lone", text: "Confirm", choices: [{ lone_ok: "I confirm" }] },
        { type: "upload", id: "report", text: "Upload your report" },
        { type: "box", id: "story", text: "Tell us" },
      ],
    },
  ],
});
if (!template) throw new Error("the answers sample did not convert");

describe("pre-filling from a VSAQ answers file", () => {
  it.each([
    ["a yes/no answer", { yn: "no" }, { yn: "no" }],
    ["an unanswered yes/no", { yn: "" }, {}],
    ["a ticked checkbox", { chk: "checked" }, { chk: "yes" }],
    ["an unticked checkbox", { chk: "" }, { chk: "no" }],
    ["a radio choice", { radio_a: "", radio_b: "checked" }, { radio: "radio_b" }],
    ["an untouched radio group", { radio_a: "", radio_b: "" }, {}],
    ["check group choices", { many_a: "checked", many_b: "checked" }, { many: ["many_a", "many_b"] }],
    ["a check group with nothing ticked", { many_a: "", many_b: "" }, {}],
    ["a lone checkbox choice", { lone_ok: "checked" }, { lone: "yes" }],
    ["text", { story: "Our story" }, { story: "Our story" }],
    ["blank text", { story: "  " }, {}],
  ])("%s", (_name, vsaqAnswers, expected) => {
    const result = vsaqAnswersToAnswers(template, vsaqAnswers);
    expect(result.answers).toEqual(expected);
    expect(result.skipped).toEqual([]);
  });

  it.each([
    [
      "an uploaded file, which lives on VSAQ's server",
      { report: "abc|report.pdf" },
      /cannot be carried over/,
    ],
    ["a value a checkbox cannot have", { chk: "maybe" }, /expected "checked"/],
    ["a second ticked radio choice", { radio_a: "checked", radio_b: "checked" }, /more than one choice/],
    ["an id the template does not know", { ghost: "x" }, /no question/],
  ])("skips %s and says why", (_name, vsaqAnswers, reason) => {
    const { skipped } = vsaqAnswersToAnswers(template, vsaqAnswers);
    expect(skipped.map((s) => s.reason).join(" | ")).toMatch(reason);
  });
});

describe("importing a file that is not a usable VSAQ questionnaire", () => {
  it.each([
    ["JavaScript instead of data", "{ questionnaire: alert(1) }", /not a VSAQ file/],
    ["no root block", '{"questionnaire": [{"type": "info", "text": "x"}]}', /root item must be a block/],
    [
      "two roots",
      '{"questionnaire": [{"type": "block", "items": []}, {"type": "block", "items": []}]}',
      /exactly one root/,
    ],
    [
      "an unknown item type",
      '{"questionnaire": [{"type": "block", "text": "R", "items": [{"type": "slider", "id": "s"}]}]}',
      /unknown VSAQ item type "slider"/,
    ],
    [
      "a repeated id",
      '{"questionnaire": [{"type": "block", "text": "R", "items": [{"type": "line", "id": "a", "text": "A"}, {"type": "box", "id": "a", "text": "B"}]}]}',
      /used by more than one/,
    ],
  ])("reports %s", (_name, text, message) => {
    const result = importVsaq(text, { file: "upload.json" });
    expect(result.template).toBeUndefined();
    expect(result.problems.map((p) => p.message).join(" | ")).toMatch(message);
  });

  it("never throws, whatever the upload holds", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const result = importVsaq(text);
          expect(result.template === undefined).toBe(result.problems.length > 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
