import { describe, expect, it } from "vitest";
import type { RegisterVendor } from "../../src/vendors/register-model.ts";
import type { RiskTier } from "../../src/vendors/register-vocabulary.ts";
import { computeInherentRisk } from "../../src/vendors/risk-tier.ts";
import { vendor, withRecord } from "./risk-tier-fixtures.ts";

describe("transfers raise the tier unless covered", () => {
  it.each<[string, RegisterVendor, number, RiskTier, string?]>([
    ["EEA only", vendor(), 10, "low"],
    ["Japan, adequate", withRecord({ locations: [{ country: "JP", mechanism: "none" }] }), 10, "low"],
    ["UK, adequate", withRecord({ locations: [{ country: "GB", mechanism: "adequacy" }] }), 10, "low"],
    [
      "US, DPF certified",
      withRecord({ locations: [{ country: "US", mechanism: "adequacy" }] }, { dpfCertified: true }),
      10,
      "low",
    ],
    [
      "US, adequacy without DPF",
      withRecord({ locations: [{ country: "US", mechanism: "adequacy" }] }),
      30,
      "medium",
      "transfer to United States of America (US) without a safeguard",
    ],
    [
      "US, no mechanism",
      withRecord({ locations: [{ country: "US", mechanism: "none" }] }),
      30,
      "medium",
      "transfer to United States of America (US) without a safeguard",
    ],
    [
      "US under SCCs",
      withRecord({ locations: [{ country: "US", mechanism: "scc", sccModule: 2 }] }),
      15,
      "low",
      "restricted transfer to United States of America (US) under a safeguard",
    ],
    [
      "Canada under PIPEDA",
      withRecord({ locations: [{ country: "CA", mechanism: "adequacy" }] }, { canadaCommercial: true }),
      10,
      "low",
    ],
    [
      "Canada outside PIPEDA",
      withRecord({ locations: [{ country: "CA", mechanism: "adequacy" }] }),
      30,
      "medium",
    ],
    [
      "sub-processor in China without a mechanism",
      vendor({
        subprocessors: [
          {
            id: "s1",
            name: "Hosting",
            service: "hosting",
            country: "CN",
            mechanism: "none",
            dpfCertified: false,
            canadaCommercial: false,
            processingIds: ["r1"],
          },
        ],
      }),
      30,
      "medium",
      "transfer to China (CN) without a safeguard",
    ],
    [
      "two unsafe countries counted once",
      withRecord({
        locations: [
          { country: "US", mechanism: "none" },
          { country: "IN", mechanism: "none" },
        ],
      }),
      30,
      "medium",
      "transfer to United States of America (US), India (IN) without a safeguard",
    ],
  ])("%s", (_label, v, points, tier, reason) => {
    const risk = computeInherentRisk(v);
    expect(risk.points).toBe(points);
    expect(risk.tier).toBe(tier);
    if (reason) expect(risk.reasons.map((r) => r.text)).toContain(reason);
  });
});
