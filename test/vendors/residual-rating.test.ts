import { describe, expect, it } from "vitest";
import { api } from "../assessments/fixtures.ts";
import { insertAssessment, ratedVendor } from "../dashboard/dashboard-fixture.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";

/** A completed review's decision on the vendor, as the review workflow records it. */
async function decide(t: TestApp, vendorId: string, assessmentId: string) {
  const id = "D0000000000000000000000001";
  await t.deps.db
    .insertInto("vendor_decisions")
    .values({
      id,
      vendor_id: vendorId,
      assessment_id: assessmentId,
      decision: "approved_with_conditions",
      reason: "Strong controls, one gap in logging",
      conditions: "Central logging in place by June",
      score: 72.5,
      residual_rating: "high",
      next_review_date: "2026-09-01",
      decided_by: "privacy@example.test",
      decided_at: "2026-03-01T15:00:00.000Z",
    })
    .execute();
  await t.deps.db.updateTable("vendors").set({ last_decision_id: id }).where("id", "=", vendorId).execute();
  return id;
}

async function register(t: TestApp) {
  const acme = await ratedVendor(t, "Acme Hosting", "critical", "high", "2026-09-01");
  const bolt = await ratedVendor(t, "Bolt Payroll", "high", "high", "2026-03-15");
  const cora = await ratedVendor(t, "Cora Mail", "high", "low", "2027-01-10");
  const dyna = await ratedVendor(t, "Dyna Analytics", "low", null);
  return { acme, bolt, cora, dyna };
}

const names = (body: Record<string, unknown>) => (body.data as { name: string }[]).map((v) => v.name);

describe("the vendor register shows the residual rating and the next review", () => {
  it("list items carry the residual rating and next review date, null until the first review", async () => {
    const t = await buildTestApp();
    await register(t);
    const auth = await t.bearer("viewer");
    const { body } = await api(t, auth, "GET", "/api/v1/vendors");
    const byName = Object.fromEntries(
      (body.data as { name: string; residualRating: string | null; nextReviewDate: string | null }[]).map(
        (v) => [v.name, [v.residualRating, v.nextReviewDate]],
      ),
    );
    expect(byName).toEqual({
      "Acme Hosting": ["high", "2026-09-01"],
      "Bolt Payroll": ["high", "2026-03-15"],
      "Cora Mail": ["low", "2027-01-10"],
      "Dyna Analytics": [null, null],
    });
  });

  it.each([
    ["residual=high", ["Acme Hosting", "Bolt Payroll"]],
    ["residual=low", ["Cora Mail"]],
    ["residual=none", ["Dyna Analytics"]],
    ["residual=critical", []],
    ["tier=high&residual=high", ["Bolt Payroll"]],
    ["reviewDue=2026-03-15", ["Bolt Payroll"]],
    ["reviewDue=2026-03-14", []],
    ["reviewDue=2026-09-01", ["Acme Hosting", "Bolt Payroll"]],
    ["reviewDue=2030-01-01&residual=high", ["Acme Hosting", "Bolt Payroll"]],
  ])("the API filters by %s", async (query, expected) => {
    const t = await buildTestApp();
    await register(t);
    const { status, body } = await api(t, await t.bearer("viewer"), "GET", `/api/v1/vendors?${query}`);
    expect(status).toBe(200);
    expect(names(body)).toEqual(expected);
  });

  it.each([
    ["residual=severe", "residual"],
    ["reviewDue=next-week", "reviewDue"],
    ["reviewDue=2026-02-30", "reviewDue"],
  ])("a bad filter (%s) is a 400 naming the field", async (query, path) => {
    const t = await buildTestApp();
    const { status, body } = await api(t, await t.bearer("viewer"), "GET", `/api/v1/vendors?${query}`);
    expect(status).toBe(400);
    expect(body.error?.details?.map((d) => d.path)).toContain(path);
  });

  it("the vendor and its risk carry the rating, the next review and the decision that set them", async () => {
    const t = await buildTestApp();
    const { acme, dyna } = await register(t);
    const assessmentId = await insertAssessment(t, acme, "completed");
    const decisionId = await decide(t, acme, assessmentId);
    const auth = await t.bearer("viewer");

    const risk = await api(t, auth, "GET", `/api/v1/vendors/${acme}/risk`);
    expect(risk.status).toBe(200);
    expect(risk.body).toMatchObject({ residualRating: "high", nextReviewDate: "2026-09-01" });
    expect(risk.body.latestDecision).toEqual({
      id: decisionId,
      assessmentId,
      decision: "approved_with_conditions",
      reason: "Strong controls, one gap in logging",
      conditions: "Central logging in place by June",
      score: 72.5,
      residualRating: "high",
      nextReviewDate: "2026-09-01",
      decidedBy: "privacy@example.test",
      decidedAt: "2026-03-01T15:00:00.000Z",
    });

    const detail = await api(t, auth, "GET", `/api/v1/vendors/${acme}`);
    expect(detail.body).toMatchObject({ residualRating: "high", nextReviewDate: "2026-09-01" });
    expect((detail.body.risk as { latestDecision: { id: string } }).latestDecision.id).toBe(decisionId);

    const unrated = await api(t, auth, "GET", `/api/v1/vendors/${dyna}/risk`);
    expect(unrated.body).toMatchObject({ residualRating: null, nextReviewDate: null, latestDecision: null });
  });
});

describe("the vendor pages show the residual rating", () => {
  async function page(t: TestApp, path: string) {
    const user = await t.addUser("viewer");
    const { cookie } = await t.signIn(user.email);
    const res = await t.app.request(path, { headers: { cookie } });
    return { status: res.status, html: await res.text() };
  }

  it("the list has residual and review-due filters and shows each vendor's rating and next review", async () => {
    const t = await buildTestApp();
    await register(t);
    const { status, html } = await page(t, "/vendors?residual=high&reviewDue=2026-03-31");
    expect(status).toBe(200);
    expect(html).toContain('<option value="high" selected="">High</option>');
    expect(html).toContain('<option value="none">Not yet rated</option>');
    expect(html).toMatch(/<input id="f-reviewDue" name="reviewDue"[^>]*type="date"[^>]*value="2026-03-31"/);
    expect(html).toContain("Bolt Payroll");
    expect(html).not.toContain("Acme Hosting");
    expect(html).toContain('<th scope="col">Residual</th>');
    expect(html).toContain('<span class="tag rating rating-high">High</span>');
    expect(html).toContain("<td>2026-03-15</td>");
  });

  it("an unrated vendor reads as not yet rated, and a bad date comes back with the error", async () => {
    const t = await buildTestApp();
    await register(t);
    const unrated = await page(t, "/vendors?residual=none");
    expect(unrated.html).toContain("Dyna Analytics");
    expect(unrated.html).toContain('<span class="muted">Not yet rated</span>');
    const bad = await page(t, "/vendors?reviewDue=soon");
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("Review due by");
    expect(bad.html).toContain("must be a date YYYY-MM-DD");
  });

  it("the vendor page's risk panel shows the rating, the next review and a link to the reviewed assessment", async () => {
    const t = await buildTestApp();
    const { acme, dyna } = await register(t);
    const assessmentId = await insertAssessment(t, acme, "completed");
    await decide(t, acme, assessmentId);
    const { html } = await page(t, `/vendors/${acme}`);
    const residual = html.slice(html.indexOf('id="residual"'), html.indexOf('id="risk"'));
    expect(residual).toContain('<h2 id="residual-title">Residual risk</h2>');
    expect(residual).toContain('<span class="tag rating rating-high">High</span>');
    expect(residual).toContain("<dd>2026-09-01</dd>");
    expect(residual).toContain("Approved with conditions on 2026-03-01, score 72.5.");
    expect(residual).toContain(`<a href="/assessments/${assessmentId}">Open the reviewed assessment</a>`);
    expect(residual).toContain("Central logging in place by June");

    const other = await page(t, `/vendors/${dyna}`);
    expect(other.html).toContain("Not yet rated. The residual rating is set when a reviewer completes");
  });
});
