import { describe, expect, it } from "vitest";
import { computeVisibility } from "../../src/questionnaires/visibility.ts";
import { vsaqAnswersToAnswers } from "../../src/questionnaires/vsaq/vsaq-answers.ts";
import { importVsaq } from "../../src/questionnaires/vsaq/vsaq-import.ts";
import { imported, readVsaqFixture, vsaqFixturesPresent } from "./vsaq-fixture-files.ts";

const HAND_CHECKED: [string, string, Record<string, string>, string[], string[]][] = [
  [
    "physical_and_datacenter",
    "home office only",
    { office_facilities_home: "checked" },
    ["office_home_device_mgmt"],
    ["office_ra", "office_facilities_separation"],
  ],
  [
    "physical_and_datacenter",
    "sole tenant: no swipe cards, warning shown",
    { office_facilities_excl_yes: "checked" },
    ["warn_office_controls_swipe_cards", "office_ra"],
    ["office_facilities_separation", "block_access_control"],
  ],
  [
    "physical_and_datacenter",
    "shared offices with swipe cards",
    { office_facilities_excl_no: "checked", office_controls_swipe_cards: "checked" },
    ["office_facilities_separation", "block_access_control", "office_access"],
    ["warn_office_controls_swipe_cards"],
  ],
  [
    "physical_and_datacenter",
    "a stale swipe-card tick in a hidden group counts as unticked",
    { office_facilities_excl_yes: "checked", office_controls_swipe_cards: "checked" },
    ["warn_office_controls_swipe_cards"],
    ["block_access_control", "office_access"],
  ],
  [
    "infrastructure",
    "sensitive data, password-only VPN",
    { req_sensitive: "checked", network_vpn_yes: "checked", network_vpn_auth_pwd: "checked" },
    ["warn_network_vpn_no2ndfactor"],
    ["warn_network_vpn_nostrongauth"],
  ],
  [
    "infrastructure",
    "no sensitive data, password-only VPN: the ^ rule shows the other warning",
    { network_vpn_yes: "checked", network_vpn_auth_pwd: "checked" },
    ["warn_network_vpn_nostrongauth"],
    ["warn_network_vpn_no2ndfactor"],
  ],
  [
    "infrastructure",
    "no VPN: answers inside the hidden VPN block count as false",
    { req_sensitive: "checked", network_vpn_no: "checked", network_vpn_auth_pwd: "checked" },
    [],
    ["block_vpn", "warn_network_vpn_no2ndfactor", "warn_network_vpn_nostrongauth"],
  ],
  [
    "infrastructure",
    "non-corporate devices barred by policy, no sensitive data",
    { network_vpn_yes: "checked", network_vpn_noncorp_policy: "checked" },
    [],
    ["warn_network_vpn_noncorp"],
  ],
  [
    "infrastructure",
    "non-corporate devices barred by policy, sensitive data",
    { req_sensitive: "checked", network_vpn_yes: "checked", network_vpn_noncorp_policy: "checked" },
    ["warn_network_vpn_noncorp"],
    [],
  ],
  [
    "security_privacy_programs",
    "no security programme",
    { secprog_no: "checked" },
    ["warn_no_security_program"],
    ["block_security_privacy_details", "secprog_standard"],
  ],
  [
    "security_privacy_programs",
    "a programme without a standard",
    { secprog_yes: "checked", secprog_standard_no: "checked" },
    ["warn_secprog_nostandard"],
    ["secprog_standard_name", "secprog_team"],
  ],
  [
    "security_privacy_programs",
    "the lone sensitive-data checkbox shows the team question",
    { secprog_yes: "checked", req_sensitive: "checked" },
    ["secprog_team"],
    [],
  ],
  [
    "webapp",
    "no HTTPS",
    { application_ssl_none: "checked" },
    ["warn_application_not_ssl"],
    ["application_ssl_configuration", "application_ssl_mixedcontent"],
  ],
  [
    "webapp",
    "HTTPS only with weak ciphers and no HSTS",
    {
      application_ssl_exclusively: "checked",
      application_ssl_configuration_ciphers_no: "checked",
      tip_application_ssl_hsts_no: "checked",
    },
    ["tip_application_ssl_configuration_ciphers", "warn_application_ssl_nohsts"],
    ["warn_application_not_ssl"],
  ],
  [
    "webapp",
    "a stale cipher answer inside the hidden HTTPS block",
    { application_ssl_none: "checked", application_ssl_configuration_ciphers_no: "checked" },
    [],
    ["tip_application_ssl_configuration_ciphers"],
  ],
];

describe.runIf(vsaqFixturesPresent)(
  "hand-checked VSAQ conditions give the same answer after the import",
  () => {
    it.each(HAND_CHECKED)("%s: %s", (name, _story, vsaqAnswers, shown, hidden) => {
      const { template } = imported(name);
      const { answers, skipped } = vsaqAnswersToAnswers(template, vsaqAnswers);
      expect(skipped).toEqual([]);
      const visibility = computeVisibility(template, answers);
      const isShown = (id: string) => visibility.questions.has(id) || visibility.sections.has(id);
      for (const id of shown) expect(isShown(id), `${id} shown`).toBe(true);
      for (const id of hidden) expect(isShown(id), `${id} hidden`).toBe(false);
    });
  },
);

describe.runIf(vsaqFixturesPresent)("a VSAQ template extension", () => {
  it("inserts its items after the named item, with namespaced ids", () => {
    const { template, report } = imported("test_template", "test_template_extension");
    expect(template.sections.map((s) => s.title)).toEqual([
      "Network section",
      "Questions specific to my company come here.",
      "Data section",
      "Final section",
    ]);
    expect(template.sections[1]?.questions[0]).toMatchObject({
      id: "mycompany.company_specific",
      type: "short_text",
      vsaq: { type: "line", id: "mycompany:company_specific" },
    });
    expect(report.renamedIds).toEqual({ "mycompany:company_specific": "mycompany.company_specific" });
  });

  it("raises the critical warning of the sample when its box is ticked", () => {
    const { template } = imported("test_template", "test_template_extension");
    const { answers } = vsaqAnswersToAnswers(template, {
      data_warning: "checked",
      "mycompany:company_specific": "ACME",
    });
    expect(answers).toEqual({ data_warning: "yes", "mycompany.company_specific": "ACME" });
    expect(computeVisibility(template, answers).questions.has("data_tip")).toBe(true);
    expect(computeVisibility(template, { data_warning: "no" }).questions.has("data_tip")).toBe(false);
  });

  it("reports a target that does not exist and a version mismatch", () => {
    const base = readVsaqFixture("test_template");
    const missing = importVsaq(base, {
      extensionText: `{"version": 1, "extensions": [{"type": "info", "text": "x", "insertAfter": "nowhere"}]}`,
    });
    expect(missing.problems[0]?.message).toMatch(/no item "nowhere"/);
    const version = importVsaq(base, { extensionText: `{"version": 2, "extensions": []}` });
    expect(version.problems[0]?.message).toMatch(/version/);
  });
});

describe.runIf(vsaqFixturesPresent)(
  "a vendor pre-fills an imported questionnaire from a VSAQ answers file",
  () => {
    it("maps choices, checkbox groups, text and tip explanations, and lists what it skipped", () => {
      const { template } = imported("physical_and_datacenter");
      const { answers, skipped } = vsaqAnswersToAnswers(template, {
        office_facilities_excl_yes: "",
        office_facilities_excl_no: "checked",
        office_facilities_home: "",
        office_controls_alarms: "checked",
        office_controls_cctv: "checked",
        office_controls_guards_shared: "",
        office_facilities_separation: "Badge doors on our floor.",
        warn_no_office_ra: "We review risks yearly with the landlord.",
        vsaq_todo_warn_no_office_ra: "checked",
        not_a_question: "x",
      });
      const group = template.sections
        .flatMap((s) => s.questions)
        .find((q) => q.options?.some((o) => o.vsaqId === "office_controls_cctv"));
      expect(answers).toEqual({
        office_facilities_excl: "office_facilities_excl_no",
        [group?.id ?? "?"]: ["office_controls_alarms", "office_controls_cctv"],
        office_facilities_separation: "Badge doors on our floor.",
        "warn_no_office_ra.why": "We review risks yearly with the landlord.",
      });
      expect(skipped.map((s) => s.id)).toEqual(["vsaq_todo_warn_no_office_ra", "not_a_question"]);
    });
  },
);
