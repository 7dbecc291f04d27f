import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countQuestions,
  formatProblems,
  loadTemplateFile,
  parseTemplate,
  templateContentHash,
} from "../../src/questionnaires/template-loader.ts";

const VALID = `# A small but complete template
key: small-template
version: 2
title: Small template
tiers: [low, medium]
sections:
  - id: basics
    title: Basics
    questions:
      - id: intro
        type: notice
        text: Thanks for answering.
      - id: mfa
        type: yes_no
        text: Do you enforce MFA?
        critical: true
        finding:
          severity: high
          title: No MFA
          recommendation: Enforce MFA.
      - id: hosting
        type: multiple_choice
        text: Where do you host?
        options:
          - { value: aws, label: AWS, score: 1 }
          - { value: own, label: Own data centre, score: 0.5 }
      - id: notes
        type: long_text
        text: Anything else?
      - id: patch-hours
        type: number
        text: Hours to patch a critical flaw
        number: { min: 0, thresholds: [{ max: 24, score: 1 }, { max: 72, score: 0.5 }, { score: 0 }] }
      - id: pentest
        type: evidence
        text: Attach your latest penetration test summary.
        finding:
          severity: medium
          title: No penetration test
          recommendation: Commission one.
          when: { question: pentest, answered: false }
`;

describe("a template author loads a file", () => {
  it("gets the parsed template with defaults filled in", () => {
    const { template, problems } = parseTemplate(VALID, "small.yaml");
    expect(problems).toEqual([]);
    const questions = template?.sections[0]?.questions ?? [];
    const byId = Object.fromEntries(questions.map((q) => [q.id, q]));
    expect(template?.scoring).toEqual({ notApplicable: "exclude" });
    expect(template?.sections[0]?.weight).toBe(1);
    expect(byId.mfa).toMatchObject({ required: false, weight: 1, expected: "yes", passScore: 0.5, tags: [] });
    expect(byId.hosting).toMatchObject({ weight: 1, combine: "max" });
    expect(byId.notes?.weight).toBe(0);
    expect(byId["patch-hours"]?.weight).toBe(1);
    expect(byId.pentest).toMatchObject({ weight: 0, evidence: { expiry: false } });
    expect(byId.pentest?.evidence?.kinds).toHaveLength(5);
    expect(countQuestions(template!)).toBe(5);
  });

  it("reads JSON when the file name ends in .json", () => {
    const json = JSON.stringify({
      key: "j",
      version: 1,
      title: "J",
      tiers: ["low"],
      sections: [{ id: "s", title: "S", questions: [{ id: "q", type: "short_text", text: "Name?" }] }],
    });
    expect(parseTemplate(json, "t.json").template?.key).toBe("j");
    expect(parseTemplate("{ not json", "t.json").problems[0]?.message).toMatch(/^not valid JSON/);
  });

  it("lets a finding rule read its own question's answer", () => {
    const { problems } = parseTemplate(VALID, "small.yaml");
    expect(problems.filter((p) => p.path.includes("pentest"))).toEqual([]);
  });
});

const BROKEN = `key: Bad Key
version: 0
title: Broken
tiers: [high]
sections:
  - id: access
    title: Access
    questions:
      - id: mfa
        type: yes_no
        text: MFA?
        requried: true
      - id: hosting
        type: single_choice
        text: Hosting?
        options:
          - { value: aws, label: AWS, score: 1 }
          - { value: gcp, label: GCP }
          - { value: aws, label: Again, score: 2 }
          - { value: na, label: N/A, score: 0 }
      - id: mfa
        type: short_text
        text: Duplicate id
      - id: patch
        type: number
        text: Hours?
        weight: -1
        options: [{ value: a, label: A, score: 1 }]
        number: { thresholds: [{ max: 72, score: 0.5 }, { max: 24, score: 1 }] }
      - id: notes
        type: long_text
        text: Notes
        critical: true
        finding: { severity: low, title: T, recommendation: R }
      - id: early
        type: yes_no
        text: Refers forward
        showIf: { question: late, equals: "yes" }
      - id: late
        type: yes_no
        text: Late
      - id: a
        type: yes_no
        text: A
        showIf: { question: b, equals: "yes" }
      - id: b
        type: yes_no
        text: B
        showIf: { question: a, equals: "yes" }
      - id: conds
        type: yes_no
        text: Conditions
        showIf:
          all:
            - { question: ghost, equals: "yes" }
            - { question: hosting, includes: aws }
            - { question: hosting, equals: azure }
            - { question: notes, matches: "([" }
            - { question: access, answered: true }
            - { quest: mfa }
  - id: access
    title: Same id again
    weight: 0
    questions: []
  - id: empty
    title: Empty
    questions: []
`;

describe("a broken template reports every problem at once, each with its path", () => {
  const { template, problems } = parseTemplate(BROKEN, "broken.yaml");
  const expected: [string, RegExp][] = [
    ["key", /lower-case/],
    ["version", /start at 1/],
    ["sections[0].questions[0] (mfa).requried", /unknown field "requried"/],
    ["sections[0].questions[1] (hosting).options[1].score", /every option needs a score/],
    ["sections[0].questions[1] (hosting).options[2].score", /between 0 and 1/],
    ["sections[0].questions[1] (hosting).options[2].value", /"aws" is already options\[0\]/],
    ["sections[0].questions[1] (hosting).options[3].value", /reserved/],
    ["sections[0].questions[2] (mfa).id", /already used by a question/],
    ["sections[0].questions[3] (patch).weight", /0 or more/],
    ["sections[0].questions[3] (patch).options", /does not apply to number questions/],
    ["sections[0].questions[3] (patch).number.thresholds[1]", /out of order/],
    ["sections[0].questions[4] (notes).critical", /knock-out question must be scored/],
    ["sections[0].questions[4] (notes).finding", /never fails/],
    ["sections[0].questions[5] (early).showIf.question", /"late", which comes later/],
    ["sections[0].questions[7] (a).showIf.question", /condition cycle: a -> b -> a/],
    ["sections[0].questions[9] (conds).showIf.all[0].question", /"ghost", which is not a question/],
    ["sections[0].questions[9] (conds).showIf.all[1]", /includes only works on multiple_choice/],
    ["sections[0].questions[9] (conds).showIf.all[2]", /"azure" is not an option of "hosting"/],
    ["sections[0].questions[9] (conds).showIf.all[3]", /not a valid regular expression/],
    ["sections[0].questions[9] (conds).showIf.all[4].question", /"access" is a section/],
    ["sections[0].questions[9] (conds).showIf.all[5]", /not a valid condition/],
    ["sections[1] (access).id", /section id "access" is already sections\[0\]/],
    ["sections[1] (access).weight", /greater than 0/],
    ["sections[1] (access).questions", /at least one question/],
    ["sections[2] (empty).questions", /at least one question/],
  ];

  it("returns no template", () => {
    expect(template).toBeUndefined();
  });

  it.each(expected)("%s", (path, message) => {
    const found = problems.filter((p) => p.path === path);
    expect(found.map((p) => p.message).join(" | ")).toMatch(message);
    expect(found.every((p) => p.file === "broken.yaml")).toBe(true);
  });

  it("points at the line of each problem and prints one problem a line", () => {
    const score = problems.find((p) => p.path.endsWith("options[1].score"));
    expect(score?.line).toBe(18);
    const text = formatProblems(problems);
    expect(text.split("\n")).toHaveLength(problems.length);
    expect(text).toContain(
      "broken.yaml:18: sections[0].questions[1] (hosting).options[1].score: every option needs a score",
    );
  });
});

describe("a file that is not a template at all", () => {
  it.each([
    ["an empty file", "", /empty/],
    ["a YAML syntax error", "key: [unclosed\n", /not valid YAML/],
    ["a list instead of a mapping", "- a\n- b\n", /expected object/],
    ["a duplicate key", "key: a\nkey: b\n", /not valid YAML/],
  ])("%s is reported, not thrown", (_name, text, message) => {
    const result = parseTemplate(text, "x.yaml");
    expect(result.template).toBeUndefined();
    expect(result.problems[0]?.message).toMatch(message);
  });

  it("never throws, whatever the data", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseTemplate(JSON.stringify(value), "fuzz.json");
        expect(result.template === undefined).toBe(result.problems.length > 0);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        parseTemplate(text, "fuzz.yaml");
      }),
      { numRuns: 300 },
    );
  });

  it("reports a missing file instead of throwing", async () => {
    const result = await loadTemplateFile(join(tmpdir(), "no-such-template.yaml"));
    expect(result.problems[0]?.message).toMatch(/no such file/);
  });
});

describe("the content hash identifies what a template says, not how the file is written", () => {
  const hash = (text: string) => {
    const { template } = parseTemplate(text, "t.yaml");
    if (!template) throw new Error("expected a valid template");
    return templateContentHash(template);
  };
  const base = hash(VALID);

  it("is a sha256 hex digest", () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ignores comments, layout, key order and spelled-out defaults", () => {
    const reformatted = VALID.replace("# A small but complete template\n", "")
      .replace("key: small-template\nversion: 2", "version: 2   # bumped\nkey: small-template")
      .replace(
        "        critical: true\n",
        "        critical: true\n        required: false\n        weight: 1\n",
      );
    expect(reformatted).not.toBe(VALID);
    expect(hash(reformatted)).toBe(base);
  });

  it("changes when the content changes", () => {
    expect(hash(VALID.replace("Do you enforce MFA?", "Do you enforce MFA everywhere?"))).not.toBe(base);
    expect(hash(VALID.replace("score: 0.5 }", "score: 0.4 }"))).not.toBe(base);
  });

  it("loads the same template from a file on disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vendorvet-template-"));
    writeFileSync(join(dir, "small.yaml"), VALID);
    const { template } = await loadTemplateFile(join(dir, "small.yaml"));
    expect(template && templateContentHash(template)).toBe(base);
  });
});
