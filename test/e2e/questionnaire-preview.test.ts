import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleTemplateYaml } from "../questionnaires/sample-template.ts";
import { describeViolations, launchBrowser, seriousA11yViolations, watchPage } from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function seriousViolations(page: Page): Promise<string> {
  return describeViolations(await seriousA11yViolations(page));
}

describe("the questionnaire library in a real browser", () => {
  it("a privacy user uploads a template and previews it, follow-up questions appearing after an answer", async () => {
    const user = await server.addUser("privacy");
    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.url}/questionnaires`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.goto(`${server.url}/questionnaires`);
    expect(await seriousViolations(page)).toBe("");

    await page.getByLabel("Template (YAML or JSON) (required)").setInputFiles({
      name: "cloud-check.yaml",
      mimeType: "application/yaml",
      buffer: Buffer.from(sampleTemplateYaml()),
    });
    await page.getByRole("button", { name: "Check and publish" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Cloud hosting check");
    expect(await page.getByRole("status").first().textContent()).toContain("Published as a new version.");
    expect(await seriousViolations(page)).toBe("");

    await page.getByRole("link", { name: "Preview as the vendor sees it" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Cloud hosting check");
    expect(await page.getByText("Which provider hosts our data?").count()).toBe(0);
    expect(await seriousViolations(page)).toBe("");

    await page
      .getByRole("group", { name: /public cloud provider/ })
      .getByLabel("Yes")
      .check();
    await page.getByRole("button", { name: "Update preview" }).click();
    await expect.poll(() => page.getByText("Which provider hosts our data?").count()).toBe(1);
    expect(
      await page
        .getByRole("group", { name: /public cloud provider/ })
        .getByLabel("Yes")
        .isChecked(),
    ).toBe(true);
    expect(await page.getByText("Where is your data centre?").count()).toBe(0);
    expect(await page.getByLabel("Kind of document").count()).toBe(1);
    expect(await seriousViolations(page)).toBe("");
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
