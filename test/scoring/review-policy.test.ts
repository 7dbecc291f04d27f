import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_REVIEW_POLICY,
  findingDueDate,
  loadReviewPolicy,
  REVIEW_POLICY_KEY,
  saveReviewPolicy,
} from "../../src/scoring/review-policy.ts";
import type { ReviewPolicy } from "../../src/scoring/score-types.ts";
import { api } from "../assessments/fixtures.ts";
import { buildTestApp } from "../support/test-app.ts";

const stricter = (): ReviewPolicy => {
  const policy = structuredClone(DEFAULT_REVIEW_POLICY);
  policy.bands = { strong: 95, good: 85, fair: 70 };
  policy.matrix.low.fair = "medium";
  policy.findingDueDays.critical = 14;
  policy.evidenceReminderDays = 45;
  return policy;
};

describe("the review policy", () => {
  it.each([
    ["critical", "2026-04-01"],
    ["high", "2026-05-01"],
    ["medium", "2026-05-31"],
    ["low", "2026-08-29"],
  ] as const)("a %s finding raised on 2 March 2026 is due on %s by default", (severity, due) => {
    expect(findingDueDate(DEFAULT_REVIEW_POLICY, severity, new Date("2026-03-02T23:30:00Z"))).toBe(due);
  });

  it("the defaults documented in docs/scoring.md are the defaults in force", () => {
    const doc = readFileSync(new URL("../../docs/scoring.md", import.meta.url), "utf8");
    const block = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(JSON.parse(block ?? "null")).toEqual(DEFAULT_REVIEW_POLICY);
  });

  it("falls back to the defaults while nothing, or nothing readable, is stored", async () => {
    const t = await buildTestApp();
    expect(await loadReviewPolicy(t.deps.db)).toEqual(DEFAULT_REVIEW_POLICY);
    const store = (value: string) =>
      t.deps.db
        .insertInto("settings")
        .values({ key: REVIEW_POLICY_KEY, value, updated_at: "2026-03-02T09:00:00Z" })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
        .execute();
    await store("{not json");
    expect(await loadReviewPolicy(t.deps.db)).toEqual(DEFAULT_REVIEW_POLICY);
    await store(JSON.stringify({ ...DEFAULT_REVIEW_POLICY, bands: { strong: 500 } }));
    expect(await loadReviewPolicy(t.deps.db)).toEqual(DEFAULT_REVIEW_POLICY);
    // A policy saved before a part existed keeps its choices; the missing part comes from the defaults.
    const { evidenceReminderDays: _added, ...older } = stricter();
    await store(JSON.stringify(older));
    expect(await loadReviewPolicy(t.deps.db)).toEqual({ ...stricter(), evidenceReminderDays: 30 });
  });

  it("saving it is audited with what changed", async () => {
    const t = await buildTestApp();
    await saveReviewPolicy(t.ctx, stricter());
    expect(await loadReviewPolicy(t.deps.db)).toEqual(stricter());
    const events = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "entity_id", "changes"])
      .execute();
    expect(events.map((e) => [e.action, e.entity_id])).toEqual([["review_policy.update", REVIEW_POLICY_KEY]]);
    const changes = JSON.parse(events[0]?.changes ?? "{}");
    expect(Object.keys(changes).sort()).toEqual([
      "bands",
      "evidenceReminderDays",
      "findingDueDays",
      "matrix",
    ]);
    expect(changes.bands).toEqual({ before: DEFAULT_REVIEW_POLICY.bands, after: stricter().bands });
  });

  it("every staff member reads it over the API; only an admin replaces it", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    for (const role of ["viewer", "procurement", "privacy", "admin"] as const) {
      const got = await api(t, await t.bearer(role), "GET", "/api/v1/review-policy");
      expect(got).toEqual({ status: 200, body: DEFAULT_REVIEW_POLICY });
    }
    expect((await api(t, {}, "GET", "/api/v1/review-policy")).status).toBe(401);
    for (const role of ["viewer", "procurement", "privacy"] as const)
      expect((await api(t, await t.bearer(role), "PUT", "/api/v1/review-policy", stricter())).status).toBe(
        403,
      );

    const put = await api(t, admin, "PUT", "/api/v1/review-policy", stricter());
    expect(put).toEqual({ status: 200, body: stricter() });
    expect((await api(t, admin, "GET", "/api/v1/review-policy")).body).toEqual(stricter());
  });

  it.each<[string, (p: ReviewPolicy) => unknown, string]>([
    ["a band minimum above 100", (p) => (p.bands.strong = 120), "bands.strong"],
    ["bands out of order", (p) => (p.bands.fair = 95), "bands"],
    ["an unknown rating", (p) => Object.assign(p.matrix.low, { poor: "extreme" }), "matrix.low.poor"],
    ["a missing tier", (p) => Reflect.deleteProperty(p.matrix, "high"), "matrix.high"],
    [
      "a VSAQ rule of zero findings",
      (p) => Object.assign(p.vsaq.rules[1] ?? {}, { atLeast: 0 }),
      "vsaq.rules[1].atLeast",
    ],
    ["zero due days", (p) => (p.findingDueDays.low = 0), "findingDueDays.low"],
    ["a missing part", (p) => Reflect.deleteProperty(p, "evidenceReminderDays"), "evidenceReminderDays"],
    ["an unknown field", (p) => Object.assign(p, { colour: "blue" }), "(root)"],
  ])("refuses %s with a 400 naming the field, and keeps the policy", async (_name, spoil, path) => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const body = structuredClone(DEFAULT_REVIEW_POLICY);
    spoil(body);
    const res = await api(t, admin, "PUT", "/api/v1/review-policy", body);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("validation_failed");
    expect(res.body.error?.details?.map((d) => d.path)).toContain(path);
    expect(await loadReviewPolicy(t.deps.db)).toEqual(DEFAULT_REVIEW_POLICY);
  });

  it("refuses a body that is not JSON without a 500", async () => {
    const t = await buildTestApp();
    const res = await t.app.request("/api/v1/review-policy", {
      method: "PUT",
      headers: { ...(await t.bearer("admin")), "content-type": "application/json" },
      body: "{",
    });
    expect(res.status).toBe(400);
  });

  it("is documented in the OpenAPI description", async () => {
    const t = await buildTestApp();
    const doc = (await (await t.app.request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths["/api/v1/review-policy"] ?? {}).sort()).toEqual(["get", "put"]);
    expect(doc.components.schemas.ReviewPolicy).toBeDefined();
  });
});
