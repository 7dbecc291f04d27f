import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  GOOD,
  page,
  post,
  questionBlock,
  type ReviewFixture,
  reviewFixture,
  reviewOf,
  type Session,
  session,
} from "./review-fixture.ts";

// A step taken on a finding opened from the review page returns there saying what happened, where the browser
// lands: at the finding's question, or in the findings section when the finding is about no question.

let r: ReviewFixture;
beforeEach(async () => {
  r = await reviewFixture();
});
afterEach(() => r.close());

const status = (message: string) => `<p role="status" class="notice notice-ok">${message}</p>`;
const top = (html: string) => html.slice(0, html.indexOf("<section"));
const unescapeAmp = (s: string) => s.replaceAll("&amp;", "&");

function sectionOf(html: string, titleId: string): string {
  const start = html.lastIndexOf("<section", html.indexOf(`id="${titleId}"`));
  return html.slice(start, html.indexOf("</section>", start));
}

/** Follows the first link to the finding in `html` of the review page; the finding page's returnTo, as its forms send it. */
async function openFrom(s: Session, html: string, findingId: string) {
  const link = new RegExp(`<a href="(/findings/${findingId}\\?[^"]+)"`).exec(html)?.[1];
  if (!link) throw new Error(`no link to finding ${findingId}`);
  const opened = await page(r, s, unescapeAmp(link));
  const returnTo = /<input type="hidden" name="returnTo" value="([^"]+)"\/>/.exec(opened.html)?.[1];
  if (!returnTo) throw new Error("the finding page carries no returnTo");
  return unescapeAmp(returnTo);
}

async function findingAbout(assessmentId: string, questionId: string) {
  return r.f.t.deps.db
    .selectFrom("findings")
    .select("id")
    .where("assessment_id", "=", assessmentId)
    .where("question_id", "=", questionId)
    .executeTakeFirstOrThrow();
}

interface Step {
  step: string;
  fields: Record<string, string>;
  /** The query of the redirect: the notice, its question and what it shows beside it. */
  query: string;
  message: string;
}

const STEPS: Step[] = [
  {
    step: "remediation-plan",
    fields: { plan: "The vendor names its DPO in the next DPA.", targetDate: "2026-06-30" },
    query: "notice=finding-planned&q=dpo",
    message: "Remediation plan recorded.",
  },
  {
    step: "resolve",
    fields: { note: "The DPA now names the DPO." },
    query: "notice=finding-resolved&q=dpo",
    message: "Finding resolved.",
  },
  {
    step: "reopen",
    fields: { reason: "The named DPO left the company." },
    query: "notice=finding-reopened&q=dpo",
    message: "Finding reopened.",
  },
  {
    step: "accept-risk",
    fields: { justification: "A new DPO starts next quarter.", until: "2026-12-31" },
    query: "notice=risk-accepted&q=dpo&until=2026-12-31",
    message: "Risk accepted until 2026-12-31.",
  },
];

describe("each step on a finding opened from the review page returns to its question with what happened", () => {
  it("plan, resolve, reopen and accept the risk: the notice shows in the question's block, once", async () => {
    const { assessmentId } = await r.submitted({ ...GOOD, privacy: { dpo: "no" } });
    const s = await session(r, "privacy");
    const { id } = await findingAbout(assessmentId, "dpo");
    for (const c of STEPS) {
      // Its question lists it while open; once resolved, the findings table still does.
      const html = (await page(r, s, reviewOf(assessmentId))).html;
      const returnTo = await openFrom(s, html, id);
      const res = await post(r, s, `/findings/${id}/${c.step}`, { ...c.fields, returnTo });
      expect(res.status, c.step).toBe(303);
      const location = res.headers.get("location") ?? "";
      expect(location, c.step).toBe(`${reviewOf(assessmentId)}?${c.query}#q-dpo`);
      const landed = (await page(r, s, location)).html;
      expect(questionBlock(landed, "dpo"), c.step).toContain(status(c.message));
      expect(top(landed), c.step).not.toContain(c.message);
      expect(landed.split(c.message), c.step).toHaveLength(2);
    }
  });

  it("from the findings table, a finding about no question lands in the findings section", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session(r, "privacy");
    const added = await post(r, s, `${reviewOf(assessmentId)}/findings`, {
      severity: "medium",
      title: "No penetration test in two years",
      recommendation: "Ask for one.",
    });
    expect(added.status).toBe(303);
    const { id } = await r.f.t.deps.db
      .selectFrom("findings")
      .select("id")
      .where("assessment_id", "=", assessmentId)
      .where("question_id", "is", null)
      .executeTakeFirstOrThrow();
    const html = sectionOf((await page(r, s, reviewOf(assessmentId))).html, "findings-title");
    const returnTo = await openFrom(s, html, id);
    expect(returnTo).toBe(`${reviewOf(assessmentId)}#findings-title`);
    const res = await post(r, s, `/findings/${id}/accept-risk`, { ...STEPS[3]?.fields, returnTo });
    const location = res.headers.get("location") ?? "";
    expect(location).toBe(`${reviewOf(assessmentId)}?notice=risk-accepted&until=2026-12-31#findings-title`);
    const landed = (await page(r, s, location)).html;
    expect(sectionOf(landed, "findings-title")).toContain(status("Risk accepted until 2026-12-31."));
    expect(top(landed)).not.toContain("Risk accepted");
  });
});

describe("the notice is ours, and only for the review page of the finding's own assessment", () => {
  it("replaces what returnTo carries; another page or review is returned to as it came", async () => {
    const { assessmentId } = await r.submitted({ ...GOOD, privacy: { dpo: "no" } });
    const s = await session(r, "privacy");
    const { id } = await findingAbout(assessmentId, "dpo");
    const plan = (returnTo: string) =>
      post(r, s, `/findings/${id}/remediation-plan`, { ...STEPS[0]?.fields, returnTo });

    const forged = `${reviewOf(assessmentId)}?notice=completed&q=mfa&until=1999-01-01#q-mfa`;
    expect((await plan(forged)).headers.get("location")).toBe(
      `${reviewOf(assessmentId)}?notice=finding-planned&q=dpo#q-dpo`,
    );
    const vendorPage = `/vendors/${r.f.vendorId}`;
    expect((await plan(vendorPage)).headers.get("location")).toBe(vendorPage);
    const otherReview = `${reviewOf("01OTHERASSESSMENT000000000")}#q-dpo`;
    expect((await plan(otherReview)).headers.get("location")).toBe(otherReview);
    expect((await plan("//evil.example/x")).headers.get("location")).toBe(`/findings/${id}?notice=planned`);
  });

  it("a date the link did not get from a finding step is not shown", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session(r, "privacy");
    const { html } = await page(r, s, `${reviewOf(assessmentId)}?notice=risk-accepted&until=<b>soon</b>`);
    expect(sectionOf(html, "findings-title")).toContain(status("Risk accepted."));
    expect(html).not.toContain("soon");
  });

  it("a step that fails stays on the finding page with its errors, keeping the way back", async () => {
    const { assessmentId } = await r.submitted({ ...GOOD, privacy: { dpo: "no" } });
    const s = await session(r, "privacy");
    const { id } = await findingAbout(assessmentId, "dpo");
    const returnTo = `${reviewOf(assessmentId)}#q-dpo`;
    const invalid = await post(r, s, `/findings/${id}/remediation-plan`, {
      plan: "",
      targetDate: "",
      returnTo,
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain(`<input type="hidden" name="returnTo" value="${returnTo}"/>`);
    const refused = await post(r, s, `/findings/${id}/resolve`, { note: "Done", returnTo });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain("Cannot resolve a finding that is open");
    expect(html).not.toContain("Finding resolved.");
  });
});
