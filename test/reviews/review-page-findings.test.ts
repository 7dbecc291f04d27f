import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  GOOD,
  page,
  post,
  type ReviewFixture,
  reviewFixture,
  reviewOf,
  reviewState,
  session,
} from "./review-fixture.ts";

// Findings from the review page: the page's own "Add a finding" form, and the findings table leading back.

let r: ReviewFixture;
beforeEach(async () => {
  r = await reviewFixture();
});
afterEach(() => r.close());

/** The review page's "Add a finding" form as a browser would send it: its action and hidden fields. */
function findingForm(html: string) {
  const m = /<form method="post" action="([^"]+)" class="new-finding">([\s\S]*?)<\/form>/.exec(html);
  if (!m?.[1] || m[2] === undefined) throw new Error("no finding form on the page");
  const hidden = [...m[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)]
    .filter((h) => h[1] !== "_csrf")
    .map((h): [string, string] => [h[1] ?? "", h[2] ?? ""]);
  return { action: m[1], body: m[2], hidden };
}

const typed = (fields: Record<string, string>) => Object.entries(fields);

describe("a reviewer adds a finding of their own from the review page", () => {
  it("a mistake comes back on the review page next to the form, as typed, and nothing is stored", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session(r, "privacy");
    const form = findingForm((await page(r, s, reviewOf(assessmentId))).html);
    const before = reviewState(r);

    const res = await post(r, s, form.action, [
      ...form.hidden,
      ...typed({ severity: "high", title: "", recommendation: "Ask for the pen test report.", dueDate: "" }),
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("<h1>Review: Review test questionnaire for Acme Hosting</h1>");
    expect(html).toContain("The finding was not added.");
    expect(html).toMatch(/<details open="">\s*<summary>Add a finding of your own<\/summary>/);
    const again = findingForm(html);
    expect(again.body).toContain('<a href="#f-new-finding-title">Title: required</a>');
    expect(again.body).toContain(">Ask for the pen test report.</textarea>");
    expect(again.body).toMatch(/<option value="high" selected/);
    expect(again.action).toBe(form.action);

    // A refusal by the service (a due date in the past) comes back the same way.
    const late = await post(r, s, form.action, [
      ...form.hidden,
      ...typed({ severity: "low", title: "Pen test overdue", recommendation: "Ask.", dueDate: "2026-01-01" }),
    ]);
    expect(late.status).toBe(400);
    const lateHtml = await late.text();
    expect(lateHtml).toContain("<h1>Review: Review test questionnaire for Acme Hosting</h1>");
    expect(findingForm(lateHtml).body).toContain("Due date: must be today (2026-03-02) or later");
    expect(findingForm(lateHtml).body).toContain('value="Pen test overdue"');
    expect(reviewState(r)).toBe(before);
  });

  it("adds it to the assessment's vendor and says so on the review page", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session(r, "admin");
    const form = findingForm((await page(r, s, reviewOf(assessmentId))).html);
    // The vendor comes from the assessment in the address, not from a hidden field a client can change.
    const hidden = form.hidden.map(([k, v]): [string, string] =>
      k === "vendorId" ? [k, "01NOSUCHVENDOR000000000000"] : [k, v],
    );
    const res = await post(r, s, form.action, [
      ...hidden,
      ...typed({ severity: "medium", title: "No pen test in two years", recommendation: "Ask for one." }),
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${reviewOf(assessmentId)}?notice=finding-added#findings-title`);
    const { html } = await page(r, s, res.headers.get("location") ?? "");
    expect(html).toContain("Finding added.");
    expect(html.slice(html.indexOf('id="findings-title"'))).toContain("No pen test in two years");
    const row = await r.f.t.deps.db
      .selectFrom("findings")
      .select(["vendor_id", "assessment_id", "source", "severity"])
      .where("title", "=", "No pen test in two years")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      vendor_id: r.f.vendorId,
      assessment_id: assessmentId,
      source: "reviewer",
      severity: "medium",
    });
  });
});

describe("the findings table on the review page", () => {
  it("opens each finding with the way back, and a step taken there returns to the review", async () => {
    const { assessmentId } = await r.submitted({ ...GOOD, privacy: { dpo: "no" } });
    const s = await session(r, "privacy");
    const finding = await r.f.t.deps.db
      .selectFrom("findings")
      .select("id")
      .where("assessment_id", "=", assessmentId)
      .executeTakeFirstOrThrow();
    const back = `${reviewOf(assessmentId)}#findings-title`;
    const link = `/findings/${finding.id}?returnTo=${encodeURIComponent(back)}`;
    expect((await page(r, s, reviewOf(assessmentId))).html).toContain(
      `href="${link.replaceAll("&", "&amp;")}"`,
    );
    const opened = await page(r, s, link);
    expect(opened.html).toContain(`<a href="${back}">Back</a>`);
    const planned = await post(r, s, `/findings/${finding.id}/remediation-plan`, {
      plan: "The vendor names its DPO in the next DPA.",
      targetDate: "2026-06-30",
      returnTo: back,
    });
    expect(planned.status).toBe(303);
    expect(planned.headers.get("location")).toBe(
      `${reviewOf(assessmentId)}?notice=finding-planned&q=dpo#q-dpo`,
    );
  });
});
