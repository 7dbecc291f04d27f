import { describe, expect, it } from "vitest";
import { planRemediation } from "../../src/findings/finding-service.ts";
import { addVendor } from "../assessments/fixtures.ts";
import { buildTestApp, form, type TestApp } from "../support/test-app.ts";
import { auditCount, findingFor, findingSetup } from "./finding-fixture.ts";

async function session(t: TestApp, role: "privacy" | "procurement" | "viewer") {
  return t.signIn((await t.addUser(role)).email);
}

async function page(t: TestApp, path: string, cookie: string) {
  const res = await t.app.request(path, { headers: { cookie } });
  return { status: res.status, html: await res.text() };
}

function post(t: TestApp, path: string, cookie: string, fields: Record<string, string>) {
  const f = form(fields);
  return t.app.request(path, { method: "POST", headers: { ...f.headers, cookie }, body: f.body });
}

async function setup() {
  const t = await buildTestApp();
  const { vendor, assessmentId } = await findingSetup(t);
  const finding = await findingFor(t, assessmentId, "has-policy");
  return { t, vendor, assessmentId, findingId: finding.id };
}

describe("the findings list page", () => {
  it("shows findings with counts, keeps the filters in the address and offers the CSV with the same filters", async () => {
    const { t, vendor } = await setup();
    t.clock.set("2026-05-10T09:00:00.000Z");
    const { cookie } = await session(t, "viewer");
    const all = await page(t, "/findings", cookie);
    expect(all.status).toBe(200);
    expect(all.html).toContain("<strong>2 findings</strong> match these filters");
    expect(all.html).toContain(">1 overdue</a>");
    expect(all.html).toContain("No written security policy");
    expect(all.html).toContain('<span class="tag tag-bad"> Overdue</span>');

    const filtered = await page(t, `/findings?severity=high&vendorId=${vendor.id}&overdue=true`, cookie);
    expect(filtered.html).toContain("<strong>1 finding</strong> matches these filters");
    expect(filtered.html).toContain('<option value="high" selected="">High</option>');
    expect(filtered.html).toContain(`<option value="${vendor.id}" selected="">Acme Hosting</option>`);
    expect(filtered.html).toContain(
      `href="/api/v1/findings/export.csv?severity=high&amp;vendorId=${vendor.id}&amp;overdue=true"`,
    );
    expect(filtered.html).not.toContain("The policy has not been reviewed");
  });

  it("pages with a Next link that keeps the filters", async () => {
    const { t, findingId } = await setup();
    const row = await t.deps.db
      .selectFrom("findings")
      .selectAll()
      .where("id", "=", findingId)
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto("findings")
      .values(
        Array.from({ length: 55 }, (_, i) => ({
          ...row,
          id: `01MORE${String(i).padStart(4, "0")}`,
          source: "reviewer" as const,
          title: `More ${i}`,
        })),
      )
      .execute();
    const { cookie } = await session(t, "viewer");
    const first = await page(t, "/findings?severity=high", cookie);
    const next = /href="(\/findings\?severity=high&amp;cursor=[^"]+)"/.exec(first.html)?.[1];
    expect(next).toBeDefined();
    const second = await page(t, next!.replaceAll("&amp;", "&"), cookie);
    expect(second.status).toBe(200);
    expect((second.html.match(/<a href="\/findings\/01/g) ?? []).length).toBe(6);
    expect(second.html).not.toContain("Next page");
  });

  it("a vendor without findings keeps its filter and shows none", async () => {
    const { t } = await setup();
    const quiet = await addVendor(t.ctx, "Quiet Vendor");
    const { cookie } = await session(t, "viewer");
    const { html } = await page(t, `/findings?vendorId=${quiet.id}`, cookie);
    expect(html).toContain(`<option value="${quiet.id}" selected="">Quiet Vendor</option>`);
    expect(html).toContain("<strong>0 findings</strong> match these filters");
    expect(html).toContain("No findings match.");
  });

  it("a bad filter value is a 400 page, not a crash", async () => {
    const { t } = await setup();
    const { cookie } = await session(t, "viewer");
    expect((await page(t, "/findings?severity=urgent", cookie)).status).toBe(400);
  });
});

describe("the finding page", () => {
  it("shows the answer that raised it, and only the forms the role may use", async () => {
    const { t, findingId } = await setup();
    const forms = async (role: "privacy" | "procurement" | "viewer") => {
      const { html, status } = await page(t, `/findings/${findingId}`, (await session(t, role)).cookie);
      expect(status).toBe(200);
      expect(html).toContain("Do you have a security policy?");
      expect(html).toContain('<dt>Answer that raised it</dt><dd class="pre-line">No</dd>');
      return [...html.matchAll(/action="\/findings\/[^/]+\/([a-z-]+)"/g)].map((m) => m[1]);
    };
    expect(await forms("privacy")).toEqual(["remediation-plan", "accept-risk"]);
    expect(await forms("procurement")).toEqual(["remediation-plan"]);
    expect(await forms("viewer")).toEqual([]);
  });

  it("procurement records the plan; the page confirms it and the history shows the step", async () => {
    const { t, findingId } = await setup();
    const { cookie, csrf } = await session(t, "procurement");
    const res = await post(t, `/findings/${findingId}/remediation-plan`, cookie, {
      _csrf: csrf,
      plan: "Publish a policy signed by the board",
      targetDate: "2026-04-15",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/findings/${findingId}?notice=planned`);
    const { html } = await page(t, res.headers.get("location")!, cookie);
    expect(html).toContain("Remediation plan saved.");
    expect(html).toContain("Publish a policy signed by the board");
    expect(html).toContain(
      "<td>Remediation plan recorded</td><td>Open → Remediation planned; Target 2026-04-15</td>",
    );
  });

  it("a form with mistakes comes back with the errors beside the fields, and nothing changes", async () => {
    const { t, findingId } = await setup();
    const { cookie, csrf } = await session(t, "privacy");
    const before = await auditCount(t);
    const res = await post(t, `/findings/${findingId}/accept-risk`, cookie, {
      _csrf: csrf,
      justification: "",
      until: "2030-01-01",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("There is a problem");
    expect(html).toContain('<a href="#f-justification">Justification: required</a>');
    expect(html).toContain('value="2030-01-01"');

    const tooLong = await post(t, `/findings/${findingId}/accept-risk`, cookie, {
      _csrf: csrf,
      justification: "We can live with it",
      until: "2030-01-01",
    });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain("Accepted until: must be at most 3 years ahead (2029-03-02)");
    expect(await auditCount(t)).toBe(before);
  });

  it("opened from the review page, the finding page leads back there after a step; a foreign returnTo is ignored", async () => {
    const { t, assessmentId, findingId } = await setup();
    const { cookie, csrf } = await session(t, "privacy");
    const review = `/assessments/${assessmentId}/review`;
    const opened = await page(t, `/findings/${findingId}?returnTo=${encodeURIComponent(review)}`, cookie);
    expect(opened.html).toContain(`<a href="${review}">Back</a>`);
    expect(opened.html).toContain(`<input type="hidden" name="returnTo" value="${review}"/>`);

    const accepted = await post(t, `/findings/${findingId}/accept-risk`, cookie, {
      _csrf: csrf,
      justification: "Compensating control: VPN with MFA in front",
      until: "2026-12-31",
      returnTo: review,
    });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe(
      `${review}?notice=risk-accepted&q=has-policy&until=2026-12-31#q-has-policy`,
    );

    const other = (await findingFor(t, assessmentId, "policy-date")).id;
    const foreign = await post(t, `/findings/${other}/accept-risk`, cookie, {
      _csrf: csrf,
      justification: "Compensating control",
      until: "2026-12-31",
      returnTo: "//evil.example/",
    });
    expect(foreign.headers.get("location")).toBe(`/findings/${other}?notice=accepted`);
  });

  it("a step the status does not allow comes back as a 409 with the reason", async () => {
    const { t, findingId } = await setup();
    const { cookie, csrf } = await session(t, "privacy");
    const res = await post(t, `/findings/${findingId}/resolve`, cookie, { _csrf: csrf, note: "Done" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Cannot resolve a finding that is open");
  });

  it("refuses a post without the CSRF token, and procurement cannot accept risks", async () => {
    const { t, findingId } = await setup();
    const privacy = await session(t, "privacy");
    const noToken = await post(t, `/findings/${findingId}/reopen`, privacy.cookie, { reason: "x" });
    expect(noToken.status).toBe(403);
    const procurement = await session(t, "procurement");
    const refused = await post(t, `/findings/${findingId}/accept-risk`, procurement.cookie, {
      _csrf: procurement.csrf,
      justification: "x",
      until: "2026-06-01",
    });
    expect(refused.status).toBe(403);
  });

  it("a privacy user resolves a planned finding and reopens it with a reason", async () => {
    const { t, findingId } = await setup();
    await planRemediation(t.ctx, findingId, { plan: "Write it", targetDate: "2026-04-01" });
    const { cookie, csrf } = await session(t, "privacy");
    const resolved = await post(t, `/findings/${findingId}/resolve`, cookie, {
      _csrf: csrf,
      note: "Seen it",
    });
    expect(resolved.headers.get("location")).toBe(`/findings/${findingId}?notice=resolved`);
    const reopened = await post(t, `/findings/${findingId}/reopen`, cookie, {
      _csrf: csrf,
      reason: "Withdrawn",
    });
    expect(reopened.status).toBe(303);
    const { html } = await page(t, `/findings/${findingId}`, cookie);
    expect(html).toContain("Reason: Withdrawn");
    expect(html).toContain("Resolved → Open");
  });
});

describe("adding a finding from a page", () => {
  it("the form shows what the finding is about and goes back to the page it came from", async () => {
    const { t, vendor, assessmentId } = await setup();
    const { cookie, csrf } = await session(t, "privacy");
    const returnTo = `/assessments/${assessmentId}/review#q-notes`;
    const query = new URLSearchParams({ vendorId: vendor.id, assessmentId, questionId: "notes", returnTo });
    const shown = await page(t, `/findings/new?${query}`, cookie);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain("Add a finding for Acme Hosting");
    expect(shown.html).toContain("<q>Anything else we should know?</q>");
    expect(shown.html).toContain('<label for="f-new-finding-notes-title">Title');
    expect(shown.html).toContain('name="questionId" value="notes"');

    const res = await post(t, "/findings", cookie, {
      _csrf: csrf,
      vendorId: vendor.id,
      assessmentId,
      questionId: "notes",
      returnTo,
      severity: "medium",
      title: "Vague answer about incidents",
      recommendation: "Ask for the incident log.",
      dueDate: "",
    });
    expect(res.status).toBe(303);
    // Back at the question it came from, with the review page's confirmation there.
    expect(res.headers.get("location")).toBe(
      `/assessments/${assessmentId}/review?notice=finding-added&q=notes#q-notes`,
    );
    const created = await t.deps.db
      .selectFrom("findings")
      .selectAll()
      .where("title", "=", "Vague answer about incidents")
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({ source: "reviewer", question_id: "notes", due_date: "2026-05-31" });
  });

  it("without returnTo it lands on the new finding", async () => {
    const { t, vendor } = await setup();
    const { cookie, csrf } = await session(t, "privacy");
    const res = await post(t, "/findings", cookie, {
      _csrf: csrf,
      vendorId: vendor.id,
      severity: "low",
      title: "Imprint out of date",
      recommendation: "Ask for an update.",
    });
    expect(res.headers.get("location")).toMatch(/^\/findings\/[0-9A-Z]+\?notice=created$/);
    expect((await page(t, res.headers.get("location")!, cookie)).html).toContain("Finding added.");
  });

  it.each(["//evil.example/x", "https://evil.example/", "/\\evil.example", "relative/path"])(
    "refuses to send the reviewer to %s afterwards, and adds nothing",
    async (returnTo) => {
      const { t, vendor } = await setup();
      const { cookie, csrf } = await session(t, "privacy");
      const before = await auditCount(t);
      const res = await post(t, "/findings", cookie, {
        _csrf: csrf,
        vendorId: vendor.id,
        severity: "low",
        title: "A",
        recommendation: "B",
        returnTo,
      });
      expect(res.status).toBe(400);
      expect(await auditCount(t)).toBe(before);
    },
  );

  it("mistakes come back on the form with an error summary, keeping what was typed", async () => {
    const { t, vendor } = await setup();
    const { cookie, csrf } = await session(t, "privacy");
    const before = await auditCount(t);
    const res = await post(t, "/findings", cookie, {
      _csrf: csrf,
      vendorId: vendor.id,
      returnTo: `/vendors/${vendor.id}`,
      severity: "",
      title: "Kept title",
      recommendation: "",
      dueDate: "2026-01-01",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("There is a problem");
    expect(html).toContain('<a href="#f-new-finding-recommendation">Recommendation: required</a>');
    expect(html).toContain('value="Kept title"');
    expect(html).toContain(`name="returnTo" value="/vendors/${vendor.id}"`);

    const pastDue = await post(t, "/findings", cookie, {
      _csrf: csrf,
      vendorId: vendor.id,
      severity: "low",
      title: "A",
      recommendation: "B",
      dueDate: "2026-01-01",
    });
    expect(pastDue.status).toBe(400);
    expect(await pastDue.text()).toContain("Due date: must be today (2026-03-02) or later");
    expect(await auditCount(t)).toBe(before);
  });

  it("only privacy and admin may add findings", async () => {
    const { t, vendor } = await setup();
    const { cookie } = await session(t, "procurement");
    expect((await page(t, `/findings/new?vendorId=${vendor.id}`, cookie)).status).toBe(403);
  });
});
