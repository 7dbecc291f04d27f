import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  GOOD,
  page,
  post,
  questionBlock,
  type ReviewFixture,
  reviewFixture,
  reviewOf,
  session,
} from "./review-fixture.ts";

// A confirmation shows where the browser lands after the action: in the section or question block the
// redirect's fragment points at, never only at the top of a long page.

let r: ReviewFixture;
beforeEach(async () => {
  r = await reviewFixture();
});
afterEach(() => r.close());

/** The HTML of the page's section titled by `titleId`. */
function sectionOf(html: string, titleId: string): string {
  const start = html.lastIndexOf("<section", html.indexOf(`id="${titleId}"`));
  return html.slice(start, html.indexOf("</section>", start));
}

/** Everything above the first section: where a page-wide notice shows. */
const top = (html: string) => html.slice(0, html.indexOf("<section"));

const status = (message: string) => `<p role="status" class="notice notice-ok">${message}</p>`;

/** A page form as the browser sends it: its action and hidden fields (without the CSRF token). */
function formOf(html: string, cls: string) {
  const m = new RegExp(`<form method="post" action="([^"]+)" class="${cls}">([\\s\\S]*?)</form>`).exec(html);
  if (!m?.[1] || m[2] === undefined) throw new Error(`no ${cls} form on the page`);
  const hidden = [...m[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)]
    .filter((h) => h[1] !== "_csrf")
    .map((h): [string, string] => [h[1] ?? "", (h[2] ?? "").replaceAll("&amp;", "&")]);
  return { action: m[1], hidden };
}

const finding = (title: string): [string, string][] => [
  ["severity", "medium"],
  ["title", title],
  ["recommendation", "Ask the vendor."],
];

describe("confirmations show in the section the browser lands on", () => {
  it.each([
    {
      story: "a general comment",
      path: "comments",
      fields: [["body", "Overall a tidy response."]] as [string, string][],
      titleId: "comments-title",
      message: "Comment added.",
      notice: "commented",
    },
    {
      story: "a finding from the page's own form",
      path: "findings",
      fields: finding("No penetration test in two years"),
      titleId: "findings-title",
      message: "Finding added.",
      notice: "finding-added",
    },
  ])("$story: the notice is inside its section, not at the top", async (c) => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session(r, "privacy");
    const res = await post(r, s, `${reviewOf(assessmentId)}/${c.path}`, c.fields);
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    expect(location).toBe(`${reviewOf(assessmentId)}?notice=${c.notice}#${c.titleId}`);
    const { html } = await page(r, s, location);
    expect(sectionOf(html, c.titleId)).toContain(status(c.message));
    expect(top(html)).not.toContain(c.message);
    expect(html.split(c.message)).toHaveLength(2);
  });

  it("a notice about a question the page does not show falls back to the top", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session(r, "privacy");
    const { html } = await page(r, s, `${reviewOf(assessmentId)}?notice=commented&q=nosuchquestion`);
    expect(top(html)).toContain(status("Comment added."));
    expect(sectionOf(html, "comments-title")).not.toContain("Comment added.");
  });
});

describe("a finding added through a question's link returns to that question with a confirmation", () => {
  async function addFromLink(s: Awaited<ReturnType<typeof session>>, assessmentId: string, title: string) {
    const link = /<a href="(\/findings\/new\?[^"]+)">Add a finding about this question/.exec(
      questionBlock((await page(r, s, reviewOf(assessmentId))).html, "dpo"),
    )?.[1];
    if (!link) throw new Error("no add-a-finding link on the dpo question");
    const form = formOf((await page(r, s, link.replaceAll("&amp;", "&"))).html, "new-finding");
    return { form, res: await post(r, s, form.action, [...form.hidden, ...finding(title)]) };
  }

  it("shows 'Finding added.' in the question's block, where the browser lands", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session(r, "privacy");
    const { res } = await addFromLink(s, assessmentId, "DPO not named in the privacy notice");
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    expect(location).toBe(`${reviewOf(assessmentId)}?notice=finding-added&q=dpo#q-dpo`);
    const { html } = await page(r, s, location);
    const dpo = questionBlock(html, "dpo");
    expect(dpo).toContain(status("Finding added."));
    expect(dpo).toContain("DPO not named in the privacy notice");
    expect(top(html)).not.toContain("Finding added.");
  });

  it("the notice and question are ours: whatever returnTo carries is replaced, a foreign one is refused", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const s = await session(r, "privacy");
    const { form } = await addFromLink(s, assessmentId, "unused");
    const sent = (returnTo: string, title: string) =>
      post(r, s, form.action, [
        ...form.hidden.map(([k, v]): [string, string] => (k === "returnTo" ? [k, returnTo] : [k, v])),
        ...finding(title),
      ]);

    const forged = await sent(`${reviewOf(assessmentId)}?notice=completed&q=mfa#q-mfa`, "First");
    expect(forged.headers.get("location")).toBe(`${reviewOf(assessmentId)}?notice=finding-added&q=dpo#q-dpo`);

    // Another page, or another assessment's review, is returned to as it came: no notice is made up for it.
    const vendorPage = `/vendors/${r.f.vendorId}`;
    expect((await sent(vendorPage, "Second")).headers.get("location")).toBe(vendorPage);
    const otherReview = `${reviewOf("01OTHERASSESSMENT000000000")}#q-dpo`;
    expect((await sent(otherReview, "Third")).headers.get("location")).toBe(otherReview);

    expect((await sent("//evil.example/x", "Fourth")).status).toBe(400);
  });
});
