import { describe, expect, it } from "vitest";
import { describeInputChanges } from "../../src/dpa/dpa-changes.ts";
import { canonicalJson, inputsFingerprint, substanceKey } from "../../src/dpa/dpa-fingerprint.ts";
import type { DpaInputs } from "../../src/dpa/dpa-inputs.ts";
import { richDpaInputs } from "./dpa-fixtures.ts";

/** The rich fixture with the values these cases change pinned down. */
function base(): DpaInputs {
  const inputs = richDpaInputs();
  inputs.settings.breachNotificationHours = 48;
  const [first, second] = inputs.records;
  if (!first || !second) throw new Error("the fixture needs two records");
  first.retention = "7 years";
  second.retention = "90 days";
  second.dataSubjects = ["Prospects"];
  inputs.subprocessors = inputs.subprocessors.slice(0, 2);
  return inputs;
}

const sub = (name: string): DpaInputs["subprocessors"][number] => ({
  name,
  service: "Email delivery",
  location: {
    country: "IE",
    countryName: "Ireland",
    status: "inside_eea",
    mechanism: "none",
    sccModule: null,
  },
  purposes: [],
});

describe("what changed between two versions' inputs", () => {
  it.each<[string, (i: DpaInputs) => void, (string | RegExp)[]]>([
    ["nothing", () => {}, []],
    [
      "a record's retention",
      (i) => {
        if (i.records[1]) i.records[1].retention = "180 days";
      },
      ["records[1].retention: “90 days” → “180 days”"],
    ],
    [
      "a setting",
      (i) => {
        i.settings.breachNotificationHours = 24;
      },
      ["settings.breachNotificationHours: 48 → 24"],
    ],
    [
      "a new sub-processor",
      (i) => {
        i.subprocessors.push(sub("Mailer Inc"));
      },
      ["subprocessors: added Mailer Inc"],
    ],
    [
      "a data subject added to a record",
      (i) => {
        i.records[1]?.dataSubjects.push("Brokers");
      },
      ["records[1].dataSubjects: added Brokers"],
    ],
    [
      "an assessment that is no longer there",
      (i) => {
        i.assessment = null;
      },
      [/^assessment: removed \(.+ v\d+, completed \d{4}-\d\d-\d\d\)$/],
    ],
  ])("lists %s", (_case, change, expected) => {
    const before = base();
    const after = base();
    change(after);
    const lines = describeInputChanges(before, after);
    expect(lines).toEqual(expected.map((e) => (typeof e === "string" ? e : expect.stringMatching(e))));
  });

  it("matches records by id, so removing the first one is one line, not a change to every later one", () => {
    const before = base();
    const after = base();
    const removed = after.records.shift();
    expect(describeInputChanges(before, after)).toEqual([
      `records: removed “${removed?.purpose.slice(0, 59)}…”`,
    ]);
  });

  it("leaves the effective date out when asked, and a new date alone changes nothing of substance", () => {
    const before = base();
    const after = { ...base(), effectiveDate: "2026-04-01" };
    expect(describeInputChanges(before, after)).toEqual(["effectiveDate: “2026-03-02” → “2026-04-01”"]);
    expect(describeInputChanges(before, after, { ignoreEffectiveDate: true })).toEqual([]);
    expect(substanceKey(before)).toBe(substanceKey(after));
    expect(inputsFingerprint(before)).not.toBe(inputsFingerprint(after));
  });

  it("fingerprints the inputs whatever order their keys were written in", () => {
    const inputs = base();
    const reordered = Object.fromEntries(Object.entries(inputs).reverse()) as unknown as DpaInputs;
    expect(canonicalJson(reordered)).toBe(canonicalJson(inputs));
    expect(inputsFingerprint(reordered)).toBe(inputsFingerprint(inputs));
    expect(inputsFingerprint(inputs)).toMatch(/^[0-9a-f]{64}$/);
  });
});
