import { describe, expect, it } from "vitest";
import { Subprocessor, TransferLocation } from "../../src/vendors/register-model.ts";
import { assessTransfer, type TransferInput } from "../../src/vendors/transfer-assessment.ts";

describe("where a vendor processes the data: is it a transfer, and is it covered?", () => {
  it.each<[string, TransferInput, { status: string; sufficient: boolean; problem?: string }]>([
    [
      "Germany, no mechanism needed",
      { country: "DE", mechanism: "none" },
      { status: "inside_eea", sufficient: true },
    ],
    [
      "Norway (EEA, not EU)",
      { country: "NO", mechanism: "none" },
      { status: "inside_eea", sufficient: true },
    ],
    [
      "Réunion (part of France)",
      { country: "RE", mechanism: "none" },
      { status: "inside_eea", sufficient: true },
    ],
    [
      "Switzerland, adequacy",
      { country: "CH", mechanism: "adequacy" },
      { status: "adequate", sufficient: true },
    ],
    [
      "UK with no mechanism recorded",
      { country: "GB", mechanism: "none" },
      { status: "adequate", sufficient: true },
    ],
    [
      "Japan, private sector",
      { country: "JP", mechanism: "adequacy" },
      { status: "adequate", sufficient: true },
    ],
    ["Korea", { country: "KR", mechanism: "adequacy" }, { status: "adequate", sufficient: true }],
    [
      "US, DPF certified",
      { country: "US", mechanism: "adequacy", dpfCertified: true },
      { status: "adequate", sufficient: true },
    ],
    [
      "US, adequacy claimed without DPF certification",
      { country: "US", mechanism: "adequacy", dpfCertified: false },
      { status: "restricted", sufficient: false, problem: "adequacy_out_of_scope" },
    ],
    [
      "US, certification not recorded at all",
      { country: "US", mechanism: "adequacy" },
      { status: "restricted", sufficient: false, problem: "adequacy_out_of_scope" },
    ],
    [
      "US, no mechanism",
      { country: "US", mechanism: "none" },
      { status: "restricted", sufficient: false, problem: "no_mechanism" },
    ],
    [
      "US under SCC module 2 without DPF",
      { country: "US", mechanism: "scc", sccModule: 2 },
      { status: "restricted", sufficient: true },
    ],
    [
      "Canada, commercial organisation under PIPEDA",
      { country: "CA", mechanism: "adequacy", canadaCommercial: true },
      { status: "adequate", sufficient: true },
    ],
    [
      "Canada, not under PIPEDA",
      { country: "CA", mechanism: "adequacy", canadaCommercial: false },
      { status: "restricted", sufficient: false, problem: "adequacy_out_of_scope" },
    ],
    [
      "India, adequacy claimed but none exists",
      { country: "IN", mechanism: "adequacy" },
      { status: "restricted", sufficient: false, problem: "no_adequacy_decision" },
    ],
    ["India under BCRs", { country: "IN", mechanism: "bcr" }, { status: "restricted", sufficient: true }],
    [
      "China, no mechanism",
      { country: "CN", mechanism: "none" },
      { status: "restricted", sufficient: false, problem: "no_mechanism" },
    ],
    [
      "Brazil under SCCs without a module",
      { country: "BR", mechanism: "scc" },
      { status: "restricted", sufficient: false, problem: "scc_module_missing" },
    ],
    [
      "Singapore, one-off derogation",
      { country: "SG", mechanism: "derogation", frequency: "one_off" },
      { status: "restricted", sufficient: true },
    ],
    [
      "Singapore, continuous flow on a derogation",
      { country: "SG", mechanism: "derogation", frequency: "continuous" },
      { status: "restricted", sufficient: false, problem: "derogation_for_regular_transfer" },
    ],
    [
      "an unknown code",
      { country: "ZZ", mechanism: "scc", sccModule: 2 },
      { status: "restricted", sufficient: false, problem: "unknown_country" },
    ],
  ])("%s", (_label, input, expected) => {
    const result = assessTransfer(input);
    expect(result.status).toBe(expected.status);
    expect(result.sufficient).toBe(expected.sufficient);
    expect(result.problem).toBe(expected.problem);
    expect(result.message.length).toBeGreaterThan(20);
  });

  it("explains in words why a US vendor without DPF certification is not adequate", () => {
    const result = assessTransfer({ country: "US", mechanism: "adequacy" });
    expect(result.countryName).toBe("United States of America");
    expect(result.message).toMatch(/Data Privacy Framework/);
    expect(result.message).toMatch(/not recorded as certified/);
  });

  it("says an EEA location needs no safeguard", () => {
    expect(assessTransfer({ country: "FR", mechanism: "none" }).message).toBe(
      "France is inside the EEA: no transfer safeguard is needed.",
    );
  });

  it("warns that a one-off derogation is fragile", () => {
    expect(assessTransfer({ country: "SG", mechanism: "derogation" }).caution).toMatch(/occasional/);
    expect(assessTransfer({ country: "SG", mechanism: "bcr" }).caution).toBeUndefined();
  });
});

describe("recording a location or a sub-processor", () => {
  it("rejects SCCs without a module, on the sccModule field", () => {
    const result = TransferLocation.safeParse({ country: "US", mechanism: "scc" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["sccModule"]);
  });

  it("rejects a module on a mechanism other than SCCs", () => {
    expect(TransferLocation.safeParse({ country: "US", mechanism: "bcr", sccModule: 2 }).success).toBe(false);
  });

  it.each([0, 5, "2"])("rejects the module %j", (sccModule) => {
    expect(TransferLocation.safeParse({ country: "US", mechanism: "scc", sccModule }).success).toBe(false);
  });

  it("accepts SCCs with a module and normalises the country code", () => {
    expect(TransferLocation.parse({ country: "us", mechanism: "scc", sccModule: 2 })).toEqual({
      country: "US",
      mechanism: "scc",
      sccModule: 2,
    });
  });

  it("rejects a sub-processor on SCCs without a module", () => {
    const result = Subprocessor.safeParse({
      id: "s1",
      name: "Mail relay",
      service: "email delivery",
      country: "US",
      mechanism: "scc",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["sccModule"]);
  });
});
