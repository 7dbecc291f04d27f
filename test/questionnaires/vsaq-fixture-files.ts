import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Question, Template } from "../../src/questionnaires/template-schema.ts";
import type { VsaqImportReport } from "../../src/questionnaires/vsaq/vsaq-convert.ts";
import { importVsaq } from "../../src/questionnaires/vsaq/vsaq-import.ts";
import { parseVsaqon } from "../../src/questionnaires/vsaq/vsaq-parse.ts";
import type { VsaqItem } from "../../src/questionnaires/vsaq/vsaq-schema.ts";

/**
 * The real VSAQ questionnaires live beside the clone in ../shared/fixtures/vsaq/ (CI lays shared/ next to it);
 * they are read in place, never copied into the project.
 */
export const VSAQ_FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/vsaq/", import.meta.url));
export const vsaqFixturesPresent = existsSync(`${VSAQ_FIXTURES}infrastructure.json`);

if (!vsaqFixturesPresent && process.env.CI !== "true") {
  console.warn(
    `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n` +
      `!! The VSAQ fixtures are missing from ${VSAQ_FIXTURES}\n` +
      `!! The tests that import the four real VSAQ questionnaires are SKIPPED.\n` +
      `!! Put the shared/ folder beside the clone to run them (CI fails without it).\n` +
      `!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
  );
}

/** The four questionnaires of VSAQ's questionnaires/ folder. */
export const VSAQ_QUESTIONNAIRES = [
  "infrastructure",
  "physical_and_datacenter",
  "security_privacy_programs",
  "webapp",
] as const;

export function readVsaqFixture(name: string): string {
  return readFileSync(`${VSAQ_FIXTURES}${name}.json`, "utf8");
}

export interface Imported {
  text: string;
  items: VsaqItem[];
  template: Template;
  report: VsaqImportReport;
  questions: Question[];
}

const cache = new Map<string, Imported>();
export function imported(name: string, extension?: string): Imported {
  const key = `${name}+${extension ?? ""}`;
  const known = cache.get(key);
  if (known) return known;
  const text = readVsaqFixture(name);
  const result = importVsaq(text, {
    file: `${name}.json`,
    ...(extension ? { extensionText: readVsaqFixture(extension), extensionFile: `${extension}.json` } : {}),
  });
  if (!result.template)
    throw new Error(`${name} did not import: ${JSON.stringify(result.problems, null, 2)}`);
  const items: VsaqItem[] = [];
  const walk = (list: VsaqItem[]) => {
    for (const item of list) {
      items.push(item);
      walk(item.items ?? []);
    }
  };
  walk((parseVsaqon(text) as { questionnaire: VsaqItem[] }).questionnaire);
  const value = {
    text,
    items,
    template: result.template,
    report: result.report,
    questions: result.template.sections.flatMap((s) => s.questions),
  };
  cache.set(key, value);
  return value;
}

/** How often `"type": "<type>"` occurs in the raw file, counted without our parser. */
export function countInSource(text: string, type: string): number {
  return text.match(new RegExp(`"type"\\s*:\\s*"${type}"`, "g"))?.length ?? 0;
}
