import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildClientModel, type ClientModel, jsonForScript } from "../../src/portal/client-model.ts";
import { loadTemplateFile } from "../../src/questionnaires/template-loader.ts";
import {
  type Answer,
  type Answers,
  type Question,
  Template,
} from "../../src/questionnaires/template-schema.ts";
import { computeVisibility } from "../../src/questionnaires/visibility.ts";
import { PORTAL_TEMPLATE } from "./portal-fixture.ts";

interface ClientVisibility {
  sections: Set<string>;
  questions: Set<string>;
  hiddenOptions: Map<string, Set<string>>;
}
interface PortalScript {
  computeVisibility(model: ClientModel, answers: Answers): ClientVisibility;
}

// The browser script is plain JavaScript served as it is; importing it here checks it against the server's rules.
const script = (await import(
  new URL("../../src/web/static/portal.js", import.meta.url).href
)) as PortalScript;

async function shipped(name: string): Promise<Template> {
  const loaded = await loadTemplateFile(
    new URL(`../../questionnaires/${name}.yaml`, import.meta.url).pathname,
  );
  if (!loaded.template) throw new Error(`${name} did not load`);
  return loaded.template;
}

const TEMPLATES: [string, () => Promise<Template>][] = [
  ["the portal test questionnaire", async () => Template.parse(PORTAL_TEMPLATE)],
  ["vendor-security-essentials", () => shipped("vendor-security-essentials")],
  ["vendor-security-baseline", () => shipped("vendor-security-baseline")],
  ["gdpr-processor-due-diligence", () => shipped("gdpr-processor-due-diligence")],
];

function answerFor(question: Question): fc.Arbitrary<Answer | undefined> {
  const options = (question.options ?? []).map((o) => o.value);
  const text = fc.constantFrom("", "yes", "no", "some text", "ISO 27001", "Cloud");
  switch (question.type) {
    case "yes_no":
      return fc.option(fc.constantFrom("yes", "no", "na"), { nil: undefined });
    case "single_choice":
      return options.length
        ? fc.option(fc.constantFrom(...options, "na"), { nil: undefined })
        : fc.constant(undefined);
    case "multiple_choice":
      return options.length ? fc.option(fc.subarray(options), { nil: undefined }) : fc.constant(undefined);
    case "number":
      return fc.option(fc.integer({ min: -5, max: 500 }), { nil: undefined });
    case "date":
      return fc.option(fc.constantFrom("2025-01-01", "2026-06-30"), { nil: undefined });
    case "evidence":
      return fc.option(fc.record({ fileIds: fc.array(fc.constantFrom("f1", "f2"), { maxLength: 2 }) }), {
        nil: undefined,
      });
    case "notice":
      return fc.constant(undefined);
    default:
      return fc.option(text, { nil: undefined });
  }
}

function answersFor(template: Template): fc.Arbitrary<Answers> {
  const questions = template.sections.flatMap((s) => s.questions);
  return fc.tuple(...questions.map(answerFor)).map((values) => {
    const answers: Answers = {};
    questions.forEach((q, i) => {
      const v = values[i];
      if (v !== undefined) answers[q.id] = v;
    });
    return answers;
  });
}

describe("the browser shows and hides exactly what the server would", () => {
  it.each(TEMPLATES)("for %s", async (_name, load) => {
    const template = await load();
    const lastSection = template.sections.at(-1)?.id ?? "";
    fc.assert(
      fc.property(answersFor(template), (answers) => {
        const server = computeVisibility(template, answers);
        // The model carries only the answers conditions read; the page supplies the rest from its controls.
        const client = script.computeVisibility(buildClientModel(template, lastSection, answers), answers);
        expect([...client.sections]).toEqual([...server.sections]);
        expect([...client.questions]).toEqual([...server.questions]);
        expect(new Map([...client.hiddenOptions].map(([k, v]) => [k, [...v]]))).toEqual(
          new Map([...server.hiddenOptions].map(([k, v]) => [k, [...v]])),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the data block inert whatever the answers contain", () => {
    const text = jsonForScript({ answer: "</script><script>alert(1)</script> & <!--" });
    expect(text).not.toMatch(/[<>&]/);
    expect(JSON.parse(text)).toEqual({ answer: "</script><script>alert(1)</script> & <!--" });
  });
});
