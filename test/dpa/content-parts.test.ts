import { describe, expect, it } from "vitest";
import { ANNEX_HEADINGS } from "../../src/dpa/content/annex-groups.ts";
import { outlineRefs, planOutline } from "../../src/dpa/content/outline.ts";
import { enumerate, formatCount, formatDate, joinList, partyAddress } from "../../src/dpa/content/text.ts";
import { restrictedTransfers, transferMechanismLabel } from "../../src/dpa/content/transfer-facts.ts";
import type { DpaLocation } from "../../src/dpa/dpa-inputs.ts";
import { ANNEX_GROUPS } from "../../src/questionnaires/template-schema.ts";
import { plainDpaInputs, richDpaInputs } from "./dpa-fixtures.ts";

describe("dates, numbers and lists read the way a contract writes them", () => {
  it.each([
    ["2026-03-02", "2 March 2026"],
    ["2026-12-31", "31 December 2026"],
    ["2027-01-01", "1 January 2027"],
  ])("%s is %s", (iso, expected) => {
    expect(formatDate(iso)).toBe(expected);
  });

  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1,000"],
    [12500, "12,500"],
    [1234567, "1,234,567"],
  ])("%i data subjects print as %s", (count, expected) => {
    expect(formatCount(count)).toBe(expected);
  });

  it("joins and enumerates with the last item set apart", () => {
    expect(joinList(["a"])).toBe("a");
    expect(joinList(["a", "b", "c"])).toBe("a, b and c");
    expect(enumerate(["first", "second;", "third."])).toEqual([
      "(a) first;",
      "(b) second; and",
      "(c) third.",
    ]);
  });

  it("prints an address over several lines on one line, with the country once", () => {
    const party = {
      ...plainDpaInputs().controller,
      address: "Keizersgracht 100\n1015 AA Amsterdam\nNetherlands",
    };
    expect(partyAddress(party)).toBe("Keizersgracht 100, 1015 AA Amsterdam, Netherlands");
    expect(partyAddress({ ...party, address: null })).toBe(
      "[to be completed: address of Northwind Retail B.V.], Netherlands",
    );
  });
});

describe("the Annex II headings", () => {
  it("place every measure group of the questionnaires under exactly one heading", () => {
    const placed = ANNEX_HEADINGS.flatMap((heading) => heading.groups);
    expect([...placed].sort()).toEqual([...ANNEX_GROUPS].sort());
  });

  it("keep the order of the SCC annex, from encryption to erasure", () => {
    expect(ANNEX_HEADINGS[0]?.title).toBe("Pseudonymisation and encryption of personal data");
    expect(ANNEX_HEADINGS.map((h) => h.title)).toContain(
      "Data minimisation, data quality and limited data retention",
    );
    expect(ANNEX_HEADINGS.at(-2)?.title).toBe("Data portability and erasure");
  });
});

describe("clause numbers follow the optional sections", () => {
  it.each([
    [{ transfers: false, ccpa: false, ukAddendum: false }, "7", null, null],
    [{ transfers: true, ccpa: false, ukAddendum: false }, "8", "7.1", null],
    [{ transfers: false, ccpa: true, ukAddendum: true }, "8", null, "7.2"],
    [{ transfers: true, ccpa: true, ukAddendum: true }, "9", "7.1", "8.2"],
  ])("%o: general provisions %s, transfers %s, CCPA purposes %s", (flags, general, transfers, ccpa) => {
    const refs = outlineRefs(planOutline(flags));
    expect(refs.section("general")).toBe(general);
    expect(refs.clause("processor", "subprocessors")).toBe("5.4");
    expect(refs.has("transfers") ? refs.clause("transfers", "scope") : null).toBe(transfers);
    expect(refs.has("ccpa") ? refs.clause("ccpa", "purposes") : null).toBe(ccpa);
  });

  it("drops the UK Addendum clause without the UK flag", () => {
    const refs = outlineRefs(planOutline({ transfers: true, ccpa: false, ukAddendum: false }));
    expect(() => refs.clause("transfers", "uk")).toThrow(/no clause/);
  });
});

describe("transfers", () => {
  const location = (patch: Partial<DpaLocation>): DpaLocation => ({
    country: "IN",
    countryName: "India",
    status: "restricted",
    mechanism: "scc",
    sccModule: null,
    ...patch,
  });

  it.each([
    [
      location({ country: "FR", countryName: "France", status: "inside_eea" }),
      "None needed (inside the EEA)",
    ],
    [
      location({ country: "CH", countryName: "Switzerland", status: "adequate" }),
      "Adequacy decision (Art. 45 GDPR)",
    ],
    [
      location({ country: "US", countryName: "United States", status: "adequate" }),
      "Adequacy decision: EU-US Data Privacy Framework certification (Commission Implementing Decision (EU) 2023/1795)",
    ],
    [location({}), "Standard contractual clauses (2021), Module 3 (processor to processor)"],
    [location({ sccModule: 2 }), "Standard contractual clauses (2021), Module 2 (controller to processor)"],
    [
      location({ mechanism: "bcr" }),
      "Standard contractual clauses (2021), Module 3 (processor to processor); binding corporate rules (Art. 47 GDPR) also relied on",
    ],
  ])("a location %o is covered by: %s", (loc, expected) => {
    expect(transferMechanismLabel(loc, 3)).toBe(expected);
  });

  it("groups the processor's restricted locations per country and lists each restricted sub-processor", () => {
    const transfers = restrictedTransfers(richDpaInputs());
    expect(transfers.map((t) => [t.recipient, t.recipientName, t.countryName, t.module])).toEqual([
      ["processor", "Acme Health Analytics Inc.", "United States", 2],
      ["subprocessor", "CloudCo LLC", "United States", 3],
    ]);
    expect(transfers[0]?.context).toBe(
      '"Triage of health insurance claims to route them to the right claims handler" and "Screening new policy applications for fraud"',
    );
    expect(restrictedTransfers(plainDpaInputs())).toEqual([]);
  });
});
