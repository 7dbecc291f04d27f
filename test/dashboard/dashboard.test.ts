import { describe, expect, it } from "vitest";
import { api } from "../assessments/fixtures.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import {
  insertAssessment,
  insertEvidence,
  insertFinding,
  linkedNumbers,
  ratedVendor,
} from "./dashboard-fixture.ts";

// The test clock stands at 2026-03-02T09:00Z, so the 30-day horizon is 2026-04-01.

/** A register with something in every part of the dashboard, and the figures it should show. */
async function seededRegister(t: TestApp) {
  const acme = await ratedVendor(t, "Acme Hosting", "critical", "high", "2026-02-20");
  const bolt = await ratedVendor(t, "Bolt Payroll", "critical", "high", "2026-03-31");
  const cora = await ratedVendor(t, "Cora Mail", "high", "medium", "2026-04-01");
  const dyna = await ratedVendor(t, "Dyna Analytics", "high", null);
  const echo = await ratedVendor(t, "Echo Print", "low", "low", "2026-04-02");
  await ratedVendor(t, "Fern Travel", "medium", null);

  await insertAssessment(t, acme, "submitted");
  await insertAssessment(t, bolt, "submitted");
  await insertAssessment(t, cora, "sent", { dueDate: "2026-03-01" });
  await insertAssessment(t, dyna, "in_progress", { dueDate: "2026-02-15" });
  await insertAssessment(t, echo, "in_progress", { dueDate: "2026-03-02" });
  await insertAssessment(t, echo, "submitted", { dueDate: "2026-02-01" });
  await insertAssessment(t, dyna, "cancelled", { dueDate: "2026-02-01" });

  await insertFinding(t, acme, "critical", "open", "2026-02-27");
  await insertFinding(t, acme, "critical", "open", "2026-04-10");
  await insertFinding(t, bolt, "high", "remediation_planned", "2026-03-01");
  await insertFinding(t, bolt, "high", "open", "2026-05-01");
  await insertFinding(t, cora, "low", "open", "2026-06-01");
  await insertFinding(t, cora, "medium", "resolved", "2026-01-01");
  await insertFinding(t, cora, "critical", "risk_accepted", "2026-01-01");

  const completed = await insertAssessment(t, cora, "completed");
  await insertEvidence(t, completed, "2026-03-15", { name: "cora-soc2.pdf" });
  await insertEvidence(t, completed, "2026-03-02", { name: "cora-iso.pdf", kind: "iso27001_certificate" });
  await insertEvidence(t, completed, "2026-04-01", { name: "cora-pentest.pdf", kind: "pentest_report" });
  await insertEvidence(t, completed, "2026-04-02", { name: "too-far.pdf" });
  await insertEvidence(t, completed, "2026-03-01", { name: "already-lapsed.pdf" });
  await insertEvidence(t, completed, "2026-03-20", { name: "withdrawn.pdf", deleted: true });
  await insertEvidence(t, completed, null, { name: "no-expiry.pdf" });
  return { acme, bolt, cora, dyna, echo };
}

async function dashboardAs(t: TestApp, role: "viewer" | "procurement" | "privacy" | "admin" = "viewer") {
  const user = await t.addUser(role);
  const { cookie } = await t.signIn(user.email);
  const res = await t.app.request("/", { headers: { cookie } });
  return { status: res.status, html: await res.text(), cookie };
}

describe("the dashboard shows where the risk sits and what needs attention", () => {
  it("the heat map counts vendors by inherent tier and residual rating, each cell linking to those vendors", async () => {
    const t = await buildTestApp();
    await seededRegister(t);
    const { status, html } = await dashboardAs(t);
    expect(status).toBe(200);
    const numbers = linkedNumbers(html);
    const cells: [string, number][] = [
      ["/vendors?tier=critical&residual=high", 2],
      ["/vendors?tier=critical&residual=critical", 0],
      ["/vendors?tier=high&residual=medium", 1],
      ["/vendors?tier=high&residual=none", 1],
      ["/vendors?tier=medium&residual=none", 1],
      ["/vendors?tier=low&residual=low", 1],
      ["/vendors?tier=low&residual=high", 0],
      ["/vendors?tier=critical", 2],
      ["/vendors?tier=high", 2],
      ["/vendors?residual=none", 2],
      ["/vendors?residual=high", 2],
      ["/vendors", 6],
    ];
    for (const [href, n] of cells) expect({ href, n: numbers.get(href) }).toEqual({ href, n });
    // The cell is tinted by its rating, and the rating is named in the column heading as well.
    expect(html).toMatch(
      /<td class="numeric heat heat-high"><a href="\/vendors\?tier=critical&amp;residual=high">2/,
    );
    expect(html).toContain('<th scope="col" class="numeric heat-head heat-none">Not yet rated</th>');
    expect(html).toContain('<td class="numeric heat heat-critical heat-zero">');
    expect(html).toContain(
      '2<span class="visually-hidden"> vendors of inherent tier critical, residual rating high</span>',
    );
  });

  it("every vendor number matches the vendor list it links to", async () => {
    const t = await buildTestApp();
    await seededRegister(t);
    const { html } = await dashboardAs(t);
    const auth = await t.bearer("viewer");
    const vendorLinks = [...linkedNumbers(html)].filter(([href]) => href.startsWith("/vendors"));
    expect(vendorLinks.length).toBeGreaterThan(30);
    for (const [href, n] of vendorLinks) {
      const query = href.includes("?") ? `?${href.split("?")[1]}&limit=200` : "?limit=200";
      const listed = await api(t, auth, "GET", `/api/v1/vendors${query}`);
      expect({ href, status: listed.status, n: (listed.body.data as unknown[]).length }).toEqual({
        href,
        status: 200,
        n,
      });
    }
  });

  it("assessments awaiting review and overdue questionnaires link to the assessment list with those filters", async () => {
    const t = await buildTestApp();
    await seededRegister(t);
    const { html } = await dashboardAs(t);
    const numbers = linkedNumbers(html);
    expect(numbers.get("/assessments?status=submitted")).toBe(3);
    // Sent or in progress past the due date; due today is not overdue yet, cancelled never is.
    expect(numbers.get("/assessments?overdue=true")).toBe(2);
    const auth = await t.bearer("viewer");
    for (const query of ["status=submitted", "overdue=true"]) {
      const listed = await api(t, auth, "GET", `/api/v1/assessments?${query}`);
      expect((listed.body.data as unknown[]).length).toBe(numbers.get(`/assessments?${query}`));
    }
    expect(html).toContain("assessments awaiting review");
    expect(html).toContain("overdue questionnaires");
  });

  it("findings waiting for work are counted by severity and status, overdue ones apart, matching the findings list", async () => {
    const t = await buildTestApp();
    await seededRegister(t);
    const { html } = await dashboardAs(t);
    const numbers = linkedNumbers(html);
    const expected: [string, number][] = [
      ["/findings?status=open&severity=critical", 2],
      ["/findings?status=open&severity=high", 1],
      ["/findings?status=open&severity=medium", 0],
      ["/findings?status=open&severity=low", 1],
      ["/findings?status=remediation_planned&severity=high", 1],
      ["/findings?overdue=true&severity=critical", 1],
      ["/findings?overdue=true&severity=high", 1],
      ["/findings?overdue=true&severity=low", 0],
      ["/findings?status=open", 4],
      ["/findings?status=remediation_planned", 1],
      ["/findings?overdue=true", 2],
    ];
    for (const [href, n] of expected) expect({ href, n: numbers.get(href) }).toEqual({ href, n });
    const auth = await t.bearer("viewer");
    for (const [href, n] of expected) {
      const listed = await api(t, auth, "GET", `/api/v1${href}`);
      expect({ href, total: (listed.body.counts as { total: number } | undefined)?.total }).toEqual({
        href,
        total: n,
      });
    }
  });

  it("reviews due in the next 30 days include overdue ones and link to the vendor list by review date", async () => {
    const t = await buildTestApp();
    await seededRegister(t);
    const { html } = await dashboardAs(t);
    const numbers = linkedNumbers(html);
    // Acme (overdue), Bolt and Cora (on the horizon day); Echo is a day too late, unreviewed vendors never due.
    expect(numbers.get("/vendors?reviewDue=2026-04-01")).toBe(3);
    expect(numbers.get("/vendors?reviewDue=2026-03-01")).toBe(1);
    expect(html).toContain("vendor reviews due by 2026-04-01");
    expect(html).toContain("vendor review overdue<");
  });

  it("evidence expiring in the next 30 days is listed soonest first with its vendor and assessment", async () => {
    const t = await buildTestApp();
    const { cora } = await seededRegister(t);
    const { html, cookie } = await dashboardAs(t);
    expect(linkedNumbers(html).get("/evidence/expiring")).toBe(3);
    const section = html.slice(html.indexOf('id="evidence-title"'));
    const names = [...section.matchAll(/<td>([\w-]+\.pdf)/g)].map((m) => m[1]);
    expect(names).toEqual(["cora-iso.pdf", "cora-soc2.pdf", "cora-pentest.pdf"]);
    expect(section).toContain(`<a href="/vendors/${cora}">Cora Mail</a>`);
    expect(section).toMatch(/<a href="\/assessments\/A\d+">Open the assessment/);
    expect(section).toContain("ISO/IEC 27001 certificate");

    const all = await t.app.request("/evidence/expiring", { headers: { cookie } });
    expect(all.status).toBe(200);
    const full = await all.text();
    expect([...full.matchAll(/<td>([\w-]+\.pdf)/g)].map((m) => m[1])).toEqual(names);
    expect(full).toContain("3 expiring files");
  });

  it("an empty register shows zeros, still linked, and says nothing lapses", async () => {
    const t = await buildTestApp();
    const { status, html } = await dashboardAs(t, "procurement");
    expect(status).toBe(200);
    const numbers = linkedNumbers(html);
    expect(numbers.get("/vendors")).toBe(0);
    expect(numbers.get("/assessments?status=submitted")).toBe(0);
    expect(html).toContain("No evidence on file lapses in the next 30 days.");
  });
});

describe("who may open the dashboard", () => {
  it.each(["viewer", "procurement", "privacy", "admin"] as const)(
    "a signed-in %s sees it and is greeted",
    async (role) => {
      const t = await buildTestApp();
      const { status, html } = await dashboardAs(t, role);
      expect(status).toBe(200);
      expect(html).toContain("<h1>Dashboard</h1>");
      expect(html).toMatch(
        new RegExp(`Welcome, Test ${role} \\d+\\. You are signed in as <strong>${role}</strong>`),
      );
      expect(html).toContain('aria-current="page">Dashboard</a>');
    },
  );

  it("signed out, the dashboard and the expiring evidence list send the person to the login page", async () => {
    const t = await buildTestApp();
    for (const path of ["/", "/evidence/expiring"]) {
      const res = await t.app.request(path);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it("an API token of any role may read it too", async () => {
    const t = await buildTestApp();
    const res = await t.app.request("/", { headers: await t.bearer("viewer") });
    expect(res.status).toBe(200);
  });
});
