import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeViolations, launchBrowser, seriousA11yViolations, watchPage } from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

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

async function freshPage(): Promise<{
  page: Page;
  problems: ReturnType<typeof watchPage>;
  done(): Promise<void>;
}> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  return { page, problems: watchPage(page), done: () => context.close() };
}

async function fillLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForLoadState();
}

describe("signing in with a browser", () => {
  it("a staff member is sent to the login page, signs in to the dashboard, finds the navigation and signs out", async () => {
    const user = await server.addUser("procurement", { name: "Priya Buyer" });
    const { page, problems, done } = await freshPage();
    try {
      await page.goto("/");
      expect(new URL(page.url()).pathname).toBe("/login");
      expect(await page.title()).toContain("Sign in");
      expect(await seriousA11yViolations(page).then(describeViolations)).toBe("");

      await fillLogin(page, user.email, user.password);
      expect(new URL(page.url()).pathname).toBe("/");
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Dashboard");
      expect(await page.getByText("Welcome, Priya Buyer.").count()).toBe(1);
      const nav = page.getByRole("navigation", { name: "Main" });
      expect(await nav.getByRole("link").allTextContents()).toEqual(
        expect.arrayContaining(["Dashboard", "Vendors", "Findings"]),
      );
      // Admin-only places are not offered to procurement.
      expect(await nav.getByRole("link", { name: "Users" }).count()).toBe(0);
      expect(await seriousA11yViolations(page).then(describeViolations)).toBe("");
      // The rest sits in a menu that opens without a page load (axe ran before: the menu fades in).
      await nav.getByText("More", { exact: true }).click();
      await expect.poll(() => nav.getByRole("link", { name: "API docs" }).isVisible()).toBe(true);
      await nav.getByText("More", { exact: true }).click();
      await expect.poll(() => nav.getByRole("link", { name: "API docs" }).isVisible()).toBe(false);

      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL((u) => u.pathname === "/login");
      await page.goto("/");
      expect(new URL(page.url()).pathname).toBe("/login");
      expect(problems.errors).toEqual([]);
    } finally {
      await done();
    }
  });

  it("a wrong password shows the error and keeps the person on the login page", async () => {
    const user = await server.addUser("viewer");
    const { page, problems, done } = await freshPage();
    try {
      await page.goto("/login");
      await fillLogin(page, user.email, "this is not my password");
      expect(new URL(page.url()).pathname).toBe("/login");
      await expect.poll(() => page.getByRole("alert").textContent()).toContain("Email or password is wrong");
      expect(await page.getByLabel("Email").inputValue()).toBe(user.email);
      expect(await seriousA11yViolations(page).then(describeViolations)).toBe("");
      // The 401 of the failed sign-in is the one console error Chromium reports.
      expect(problems.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    } finally {
      await done();
    }
  });
});
