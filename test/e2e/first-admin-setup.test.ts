import type { Browser } from "playwright-core";
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

describe("the first admin, in a browser", () => {
  it("opens the printed setup link, creates the account, signs in and reaches the dashboard", async () => {
    const path = /https?:\/\/[^\s/]+(\/setup\/[\w-]+)/.exec(server.printed.join("\n"))?.[1];
    expect(path).toBeDefined();
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    const problems = watchPage(page);
    try {
      await page.goto(path ?? "");
      expect(await page.locator("h1").textContent()).toBe("Create the first admin");
      expect(await seriousA11yViolations(page).then(describeViolations)).toBe("");
      await page.getByLabel("Your name").fill("Ada Admin");
      await page.getByLabel("Email").fill("ada@example.test");
      await page.getByLabel(/Password/).fill("correct horse battery staple");
      await page.getByRole("button", { name: "Create admin account" }).click();
      await page.waitForURL((u) => u.pathname === "/login");

      await page.getByLabel("Email").fill("ada@example.test");
      await page.getByLabel("Password").fill("correct horse battery staple");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Dashboard");
      expect(problems.errors).toEqual([]);

      // Used once, the link is gone.
      const again = await page.goto(path ?? "");
      expect(again?.status()).toBe(410);
    } finally {
      await context.close();
    }
  });
});
