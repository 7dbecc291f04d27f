import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { conditionReferences } from "../../src/questionnaires/condition.ts";
import { countQuestions, loadTemplateFile } from "../../src/questionnaires/template-loader.ts";
import {
  type Answers,
  type Condition,
  isScorable,
  type Question,
  type Template,
  type Tier,
} from "../../src/questionnaires/template-schema.ts";
import { computeVisibility } from "../../src/questionnaires/visibility.ts";

const folder = new URL("../../questionnaires/", import.meta.url);

const SHIPPED: { key: string; tiers: Tier[]; minQuestions: number; maxQuestions: number }[] = [
  { key: "vendor-security-baseline", tiers: ["high", "critical"], minQuestions: 40, maxQuestions: 70 },
  {
    key: "gdpr-processor-due-diligence",
    tiers: ["critical", "high", "medium", "low"],
    minQuestions: 20,
    maxQuestions: 35,
  },
  { key: "vendor-security-essentials", tiers: ["medium", "low"], minQuestions: 10, maxQuestions: 20 },
];

// Scored questions that can fail but deliberately raise no finding. None today: add an id here only with a reason.
const FAILING_WITHOUT_FINDING = new Set<string>();

const results = new Map(
  await Promise.all(
    SHIPPED.map(
      async ({ key }) =>
        [key, await loadTemplateFile(fileURLToPath(new URL(`${key}.yaml`, folder)))] as const,
    ),
  ),
);

/** The parsed template of a shipped file; fails the calling test, with the loader's problems, if it did not load. */
function shipped(key: string): Template {
  const result = results.get(key);
  if (!result?.template)
    throw new Error(`${key}.yaml did not load: ${JSON.stringify(result?.problems, null, 2)}`);
  return result.template;
}

const allQuestions = (template: Template): Question[] => template.sections.flatMap((s) => s.questions);

/** The lowest score an answer can earn; a required text or upload cannot be left empty, so it cannot fail. */
function lowestScore(question: Question): number {
  switch (question.type) {
    case "single_choice":
    case "multiple_choice":
      return Math.min(...(question.options ?? []).map((option) => option.score));
    case "number":
      return Math.min(...(question.number?.thresholds ?? []).map((threshold) => threshold.score));
    case "short_text":
    case "long_text":
    case "evidence":
      return question.required ? 1 : 0;
    default:
      return 0;
  }
}

const canFail = (question: Question): boolean =>
  isScorable(question) && question.weight > 0 && lowestScore(question) < question.passScore;

/** Every condition in the template with the ids its owner may look at (earlier items; itself for finding.when). */
function conditionsWithAllowedIds(
  template: Template,
): { owner: string; condition: Condition; allowed: Set<string> }[] {
  const seen = new Set<string>();
  const found: { owner: string; condition: Condition; allowed: Set<string> }[] = [];
  for (const section of template.sections) {
    if (section.showIf) found.push({ owner: section.id, condition: section.showIf, allowed: new Set(seen) });
    seen.add(section.id);
    for (const question of section.questions) {
      if (question.showIf)
        found.push({ owner: question.id, condition: question.showIf, allowed: new Set(seen) });
      for (const option of question.options ?? []) {
        if (option.showIf)
          found.push({ owner: question.id, condition: option.showIf, allowed: new Set(seen) });
      }
      seen.add(question.id);
      if (question.finding?.when) {
        found.push({ owner: question.id, condition: question.finding.when, allowed: new Set(seen) });
      }
    }
  }
  return found;
}

// ISO/IEC 27001:2022 Annex A has 37 organisational, 8 people, 14 physical and 34 technological controls.
const ANNEX_A_SIZE: Record<string, number> = { "5": 37, "6": 8, "7": 14, "8": 34 };

function isKnownTag(tag: string): boolean {
  const iso = /^iso27001:A\.([5-8])\.(\d+)$/.exec(tag);
  if (iso) return Number(iso[2]) >= 1 && Number(iso[2]) <= (ANNEX_A_SIZE[iso[1] ?? ""] ?? 0);
  if (/^iso27001:(?:[4-9]|10)(?:\.\d+){0,2}$/.test(tag)) return true;
  const gdpr = /^gdpr:art(\d+)(?:\.\d+(?:\.[a-z])?)?$/.exec(tag);
  return gdpr !== null && Number(gdpr[1]) >= 1 && Number(gdpr[1]) <= 99;
}

describe("the questionnaires shipped in questionnaires/", () => {
  it("are exactly the templates this suite checks", () => {
    const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
    expect(files.sort()).toEqual(SHIPPED.map((s) => `${s.key}.yaml`).sort());
  });

  describe.each(SHIPPED)("$key", ({ key, tiers, minQuestions, maxQuestions }) => {
    it("loads without a single problem, under the key of its file name, for the promised tiers", () => {
      expect(results.get(key)?.problems).toEqual([]);
      const template = shipped(key);
      expect(template.key).toBe(key);
      expect([...template.tiers].sort()).toEqual([...tiers].sort());
      expect(template.version).toBeGreaterThanOrEqual(1);
    });

    it(`asks between ${minQuestions} and ${maxQuestions} questions`, () => {
      const count = countQuestions(shipped(key));
      expect(count).toBeGreaterThanOrEqual(minQuestions);
      expect(count).toBeLessThanOrEqual(maxQuestions);
    });

    it("raises a finding for every scored question a vendor can fail", () => {
      const questions = allQuestions(shipped(key));
      const silent = questions.filter((q) => canFail(q) && !q.finding && !FAILING_WITHOUT_FINDING.has(q.id));
      expect(silent.map((q) => q.id)).toEqual([]);
      expect(questions.filter(canFail).length).toBeGreaterThan(minQuestions / 2);
    });

    it("makes every knock-out question required, scored and raising a critical finding", () => {
      const critical = allQuestions(shipped(key)).filter((q) => q.critical);
      expect(critical.length).toBeGreaterThanOrEqual(3);
      for (const question of critical) {
        expect({ id: question.id, required: question.required, canFail: canFail(question) }).toEqual({
          id: question.id,
          required: true,
          canFail: true,
        });
        expect(question.finding?.severity, question.id).toBe("critical");
      }
    });

    it("only looks back at earlier questions in its conditions", () => {
      const template = shipped(key);
      const conditions = conditionsWithAllowedIds(template);
      expect(conditions.length).toBeGreaterThan(0);
      for (const { owner, condition, allowed } of conditions) {
        for (const ref of conditionReferences(condition)) {
          expect(allowed.has(ref.id), `${owner} refers to ${ref.id}`).toBe(true);
        }
      }
    });

    it("maps every answerable question to ISO 27001:2022 controls or GDPR articles that exist", () => {
      for (const question of allQuestions(shipped(key))) {
        if (question.type === "notice") continue;
        expect(question.tags.length, question.id).toBeGreaterThan(0);
        expect(
          question.tags.filter((tag) => !isKnownTag(tag)),
          question.id,
        ).toEqual([]);
      }
    });

    it("names the Annex II measure group for most of its scored questions", () => {
      const scored = allQuestions(shipped(key)).filter((q) => isScorable(q) && q.weight > 0);
      const withAnnex = scored.filter((q) => q.annex !== undefined);
      expect(withAnnex.length / scored.length).toBeGreaterThan(0.8);
    });

    it("every question with an annex group states its measure", () => {
      const withAnnex = allQuestions(shipped(key)).filter((q) => q.annex !== undefined);
      expect(withAnnex.length).toBeGreaterThan(0);
      expect(withAnnex.filter((q) => q.measure === undefined).map((q) => q.id)).toEqual([]);
      for (const question of withAnnex) {
        // Annex II prints the statement as one sentence of the agreement, not as a question to the vendor.
        expect(question.measure, question.id).toMatch(/^[A-Z].*\.$/);
        expect(question.measure, question.id).not.toContain("?");
        expect(question.measure, question.id).not.toMatch(/\b(?:we|our|us|you|your)\b/i);
      }
    });
  });
});

describe("follow-up questions appear only when an earlier answer calls for them", () => {
  const cases: { story: string; key: string; answers: Answers; shown: string[]; hidden: string[] }[] = [
    {
      story: "a vendor with no certification explains its assurance instead of uploading certificates",
      key: "vendor-security-baseline",
      answers: { "gov-certifications": ["none"] },
      shown: ["gov-no-certification-details"],
      hidden: ["gov-iso-certificate", "gov-iso-scope", "gov-soc2-report", "gov-soc2-period-end"],
    },
    {
      story: "an ISO 27001 certified vendor is asked for its certificate but not for a SOC 2 report",
      key: "vendor-security-baseline",
      answers: { "gov-certifications": ["iso27001"] },
      shown: ["gov-iso-certificate", "gov-iso-scope"],
      hidden: ["gov-soc2-report", "gov-no-certification-details"],
    },
    {
      story: "a reseller that writes no software skips the whole secure development section",
      key: "vendor-security-baseline",
      answers: { "scope-builds-software": "no" },
      shown: [],
      hidden: ["secure-development", "sd-code-review", "sd-test-data"],
    },
    {
      story: "a vendor without MFA on admin accounts is asked for its plan",
      key: "vendor-security-baseline",
      answers: { "ac-mfa-privileged": "no", "ir-breach-commitment": "no" },
      shown: ["ac-mfa-privileged-plan"],
      hidden: ["ir-notification-hours"],
    },
    {
      story: "breach notification hours are asked once the vendor commits to notify",
      key: "gdpr-processor-due-diligence",
      answers: { "br-notify-commitment": "yes" },
      shown: ["br-notify-hours"],
      hidden: [],
    },
    {
      story: "a vendor relying on SCCs is asked about its transfer impact assessment",
      key: "gdpr-processor-due-diligence",
      answers: { "tr-outside-eea": "yes", "tr-safeguards": ["sccs"] },
      shown: ["tr-countries", "tr-safeguards", "tr-impact-assessment"],
      hidden: [],
    },
    {
      story: "a stale SCC answer no longer counts once the vendor says it keeps data in the EEA",
      key: "gdpr-processor-due-diligence",
      answers: { "tr-outside-eea": "no", "tr-safeguards": ["sccs"] },
      shown: [],
      hidden: ["tr-countries", "tr-safeguards", "tr-impact-assessment"],
    },
    {
      story: "a vendor with no sub-processors is not asked to list them",
      key: "vendor-security-essentials",
      answers: { "ess-uses-subprocessors": "no" },
      shown: ["ess-deletion-days"],
      hidden: ["ess-subprocessor-list", "ess-subprocessor-terms"],
    },
  ];

  it.each(cases)("$story", ({ key, answers, shown, hidden }) => {
    const template = shipped(key);
    const ids = new Set(template.sections.flatMap((s) => [s.id, ...s.questions.map((q) => q.id)]));
    expect([...shown, ...hidden, ...Object.keys(answers)].filter((id) => !ids.has(id))).toEqual([]);
    const visibility = computeVisibility(template, answers);
    const isShown = (id: string) => visibility.sections.has(id) || visibility.questions.has(id);
    expect(shown.filter((id) => !isShown(id))).toEqual([]);
    expect(hidden.filter(isShown)).toEqual([]);
  });
});
