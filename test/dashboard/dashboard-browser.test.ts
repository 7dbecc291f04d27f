import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, utcDay } from "../../src/assessments/reminder-schedule.ts";
import { describeViolations, launchBrowser, seriousA11yViolations, watchPage } from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import {
  insertAssessment,
  insertEvidence,
  insertFinding,
  ratedVendor,
  type Seedable,
} from "./dashboard-fixture.ts";

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A register with a figure in every part of the dashboard, dated from the real clock the server runs on. */
async function seed(): Promise<void> {
  const { deps } = server.server;
  const s: Seedable = {
    deps,
    ctx: { ...deps, actor: { type: "system", id: null, label: "test setup" } },
  };
  const today = utcDay(new Date());
  const day = (n: number) => addDays(today, n);
  const acme = await ratedVendor(s, "Acme Hosting", "critical", "high", day(-3));
  const bolt = await ratedVendor(s, "Bolt Payroll", "critical", "high", day(20));
  const cora = await ratedVendor(s, "Cora Mail", "high", "medium", day(200));
  await ratedVendor(s, "Dyna Analytics", "medium", null);
  await insertAssessment(s, acme, "submitted", { dueDate: day(-10) });
  await insertAssessment(s, bolt, "sent", { dueDate: day(-2) });
  await insertFinding(s, acme, "critical", "open", day(-1));
  await insertFinding(s, bolt, "medium", "remediation_planned", day(40));
  const completed = await insertAssessment(s, cora, "completed", { dueDate: day(-30) });
  await insertEvidence(s, completed, day(12), { name: "cora-soc2.pdf" });
}

describe("the dashboard in a real browser", () => {
  it("a viewer reads the dashboard with a screen-reader-friendly heat map and follows a cell to the vendor list", async () => {
    await seed();
    const user = await server.addUser("viewer", { name: "Vera Viewer" });
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    const problems = watchPage(page);
    try {
      await page.goto("/");
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((u) => u.pathname === "/");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Dashboard");
      expect(await page.getByText("Welcome, Vera Viewer.").count()).toBe(1);

      const heatMap = page.getByRole("table", { name: /Vendors by inherent tier/ });
      expect(await heatMap.getByRole("columnheader", { name: "Not yet rated" }).count()).toBe(1);
      expect(await heatMap.getByRole("rowheader", { name: "Critical" }).count()).toBe(1);
      expect(await seriousA11yViolations(page).then(describeViolations)).toBe("");

      await page.getByRole("link", { name: "1 assessment awaiting review" }).waitFor();
      await page.getByRole("link", { name: "1 overdue questionnaire" }).waitFor();
      await page.getByRole("link", { name: "1 evidence file expiring", exact: false }).waitFor();
      await page.getByRole("link", { name: "1 open critical finding" }).waitFor();

      await heatMap
        .getByRole("link", { name: "2 vendors of inherent tier critical, residual rating high" })
        .click();
      await page.waitForURL((u) => u.pathname === "/vendors");
      expect(new URL(page.url()).search).toBe("?tier=critical&residual=high");
      const listed = await page.locator("main table tbody tr td:first-child a").allTextContents();
      expect(listed).toEqual(["Acme Hosting", "Bolt Payroll"]);
      expect(await seriousA11yViolations(page).then(describeViolations)).toBe("");

      await page.goto("/evidence/expiring");
      expect(await page.getByRole("cell", { name: "cora-soc2.pdf" }).count()).toBe(1);
      expect(await seriousA11yViolations(page).then(describeViolations)).toBe("");
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
