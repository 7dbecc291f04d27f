import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseVsaqon, VsaqSyntaxError } from "../../src/questionnaires/vsaq/vsaq-parse.ts";
import { htmlToText, shortTitle } from "../../src/questionnaires/vsaq/vsaq-text.ts";

describe("reading VSAQON, the JSON dialect of VSAQ files", () => {
  it("skips // comment lines, including a licence header", () => {
    const text = `// Copyright header
// second line
{
  // a comment inside
  "questionnaire": [] // and one after a value
}`;
    expect(parseVsaqon(text)).toEqual({ questionnaire: [] });
  });

  it("keeps // inside strings, such as links", () => {
    expect(parseVsaqon(`{"text": "see https://example.com/x"}`)).toEqual({
      text: "see https://example.com/x",
    });
  });

  it('joins strings continued across lines with " +', () => {
    const text = `{"text": "<p>First part.</p>" +
        "<p>Second part.</p>" +
        // a comment between the parts
        "third"}`;
    expect(parseVsaqon(text)).toEqual({ text: "<p>First part.</p><p>Second part.</p>third" });
  });

  it.each([
    ["\\x27", "'"],
    ["\\x3c\\x2Fb\\x3e", "</b>"],
    ["\\u00e9", "\u00e9"],
    ['\\"', '"'],
    ["\\n", "\n"],
    ["\\\\", "\\"],
    ["\\/", "/"],
  ])("decodes the escape %s", (sequence, decoded) => {
    expect(parseVsaqon(`"it${sequence}s"`)).toBe(`it${decoded}s`);
  });

  it("accepts trailing commas, single quotes, numbers and literals", () => {
    expect(parseVsaqon(`{'a': [1, -2.5, 3e2, true, false, null,], b: "x",}`)).toEqual({
      a: [1, -2.5, 300, true, false, null],
      b: "x",
    });
  });

  it("keeps a __proto__ key as plain data", () => {
    const value = parseVsaqon(`{"__proto__": {"polluted": true}}`) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ["code instead of data", `{"a": alert(1)}`, 1, 7],
    ["a function expression", `{"a": function() {}}`, 1, 7],
    ["a bad \\x escape", `{"a": "\\xZZ"}`, 1, 8],
    ["an unterminated string", `{"a": "abc\n"}`, 1, 7],
    ["a missing comma", `{"a": 1\n "b": 2}`, 2, 2],
    ["+ followed by a non-string", `{"a": "x" + 1}`, 1, 13],
    ["text after the document", `{} {}`, 1, 4],
    ["an empty document", "// only a comment", 1, 18],
  ])("rejects %s with its line and column", (_name, text, line, column) => {
    try {
      parseVsaqon(text);
      expect.unreachable("should have failed");
    } catch (error) {
      expect(error).toBeInstanceOf(VsaqSyntaxError);
      expect({ line: (error as VsaqSyntaxError).line, column: (error as VsaqSyntaxError).column }).toEqual({
        line,
        column,
      });
    }
  });

  it("reads any JSON document the same way JSON.parse does", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value, null, 1);
        expect(parseVsaqon(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it("fails only with VsaqSyntaxError on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseVsaqon(text);
        } catch (error) {
          expect(error).toBeInstanceOf(VsaqSyntaxError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("refuses nesting deep enough to exhaust the stack", () => {
    expect(() => parseVsaqon(`${"[".repeat(5000)}${"]".repeat(5000)}`)).toThrow(/too deep/);
  });
});

describe("VSAQ texts become plain text", () => {
  it.each([
    ["<b>Why this section matters:</b> Offices", "Why this section matters: Offices"],
    ["<p>One.</p><p>Two.</p>", "One.\n\nTwo."],
    ["Controls:<ul><li>Badges</li><li>Guards</li></ul>", "Controls:\n\n- Badges\n- Guards"],
    [
      "Read <a href='https://owasp.org/csrf'>cross-site request forgery</a> first",
      "Read cross-site request forgery (https://owasp.org/csrf) first",
    ],
    ["<a href='javascript:alert(1)'>click</a>", "click"],
    ["<code>&lt;img src=x&gt;</code> &amp; more &mdash; done", "<img src=x> & more \u2014 done"],
    ["line<br>break", "line\nbreak"],
  ])("%j", (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it("shortens a long text to its first sentence for a finding title", () => {
    expect(shortTitle("Electronic access control is recommended. Keys are hard to control.")).toBe(
      "Electronic access control is recommended.",
    );
    expect(shortTitle("word ".repeat(60)).length).toBeLessThanOrEqual(120);
  });
});
