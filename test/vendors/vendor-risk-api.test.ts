import { describe, expect, it } from "vitest";
import { buildTestApp } from "../support/test-app.ts";
import { api, type Json, payroll, postVendor } from "./vendor-api-fixtures.ts";

describe("vendor register API: the risk tier", () => {
  it("special category data needs an Art. 9(2) condition; recording it raises the tier with reasons", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const v = await postVendor(t, proc, {
      name: "PayCo",
      country: "DE",
      businessCriticality: "medium",
    });
    const { art9Condition: _omit, ...withoutCondition } = payroll;
    const refused = await api(t, proc, "POST", `/api/v1/vendors/${v.id}/processing`, withoutCondition);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.details?.[0]).toMatchObject({ path: "art9Condition" });
    expect(t.sqlite.prepare("select count(*) as n from processing_records").get()).toEqual({ n: 0 });

    const ok = await api(t, proc, "POST", `/api/v1/vendors/${v.id}/processing`, payroll);
    expect(ok.status).toBe(201);
    const risk = (await api(t, proc, "GET", `/api/v1/vendors/${v.id}/risk`)).body as Json & {
      reasons: { text: string }[];
      history: Json[];
    };
    expect(risk.tier).not.toBe("low");
    expect(risk.reasons.map((r) => r.text)).toEqual(
      expect.arrayContaining(["special category data: health", "50,000 data subjects"]),
    );
    expect(risk.history[0]).toMatchObject({ previousTier: "low", reason: "data-sharing record added" });
    expect(risk.recommendedQuestionnaire).toMatch(/^vendor-security-/);
    expect(typeof risk.reassessmentMonths).toBe("number");
  });

  it("a register change that raises the tier of a vendor under review marks it for reassessment", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const v = await postVendor(t, proc, {
      name: "Mailer",
      country: "DE",
      businessCriticality: "low",
    });
    expect(
      (await api(t, proc, "POST", `/api/v1/vendors/${v.id}/status`, { status: "under_review" })).status,
    ).toBe(200);
    await api(t, proc, "POST", `/api/v1/vendors/${v.id}/processing`, payroll);
    const list = await api(t, proc, "GET", "/api/v1/vendors?needsReassessment=true");
    expect((list.body.data as Json[]).map((x) => x.id)).toEqual([v.id]);
  });

  it("privacy overrides the tier with a reason; procurement cannot; history keeps both", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const privacy = await t.bearer("privacy");
    const v = await postVendor(t, proc, {
      name: "Cloud",
      country: "DE",
      businessCriticality: "low",
    });
    expect(
      (
        await api(t, proc, "POST", `/api/v1/vendors/${v.id}/risk/override`, {
          tier: "high",
          reason: "Hosts our production database",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api(t, privacy, "POST", `/api/v1/vendors/${v.id}/risk/override`, {
          tier: "high",
          reason: "short",
        })
      ).status,
    ).toBe(400);
    const res = await api(t, privacy, "POST", `/api/v1/vendors/${v.id}/risk/override`, {
      tier: "high",
      reason: "Hosts our production database",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tier: "high",
      computedTier: "low",
      override: { tier: "high", reason: "Hosts our production database" },
    });
    const cleared = await api(t, privacy, "POST", `/api/v1/vendors/${v.id}/risk/override`, {
      tier: null,
      reason: "Database moved in-house",
    });
    expect(cleared.body).toMatchObject({ tier: "low", override: null });
    expect((cleared.body.history as Json[]).map((h) => h.tier)).toEqual(["low", "high"]);
  });
});
