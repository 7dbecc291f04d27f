import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/auth/roles.ts";
import type { ServiceContext } from "../../src/shared/service-context.ts";
import { addVendor, publishTemplate, smallTemplate } from "../assessments/fixtures.ts";
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

const seriousViolations = async (page: Page) => describeViolations(await seriousA11yViolations(page));

describe("sending a questionnaire in a real browser", () => {
  it("procurement sends a questionnaire from the vendor's form and sees it on the assessment page", async () => {
    const { deps } = server.server;
    const ctx: ServiceContext = {
      db: deps.db,
      config: deps.config,
      clock: deps.clock,
      newId: deps.newId,
      actor: systemActor,
    };
    // The server published the shipped questionnaires when it started; add a small one of our own.
    await publishTemplate(deps, smallTemplate(), 1);
    const vendor = await addVendor(ctx, "Acme Hosting");
    const user = await server.addUser("procurement");

    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.url}/assessments/new?vendorId=${vendor.id}`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.goto(`${server.url}/assessments/new?vendorId=${vendor.id}`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Send a questionnaire to Acme Hosting");
    expect(await page.getByLabel("Questionnaire (required)").inputValue()).toBe("vendor-security-essentials");
    expect(await page.locator("#f-recipients-0-email").inputValue()).toBe("sam@acme.example");
    expect(await seriousViolations(page)).toBe("");

    // A mistake first: the form comes back with the error tied to the field.
    await page.locator("#f-recipients-1-name").fill("Pat Privacy");
    await page.locator("#f-recipients-1-email").fill("pat-at-acme");
    await page.getByRole("button", { name: "Send questionnaire" }).click();
    await expect.poll(() => page.locator(".error-summary").count()).toBe(1);
    expect(await page.locator("#f-recipients-1-email").getAttribute("aria-invalid")).toBe("true");
    expect(await seriousViolations(page)).toBe("");

    await page.locator("#f-recipients-1-email").fill("pat@acme.example");
    await page.getByLabel("Due date (required)").fill("2099-06-30");
    await page.getByLabel("Message to the recipients").fill("Please attach your ISO 27001 certificate.");
    await page.getByRole("button", { name: "Send questionnaire" }).click();

    await expect
      .poll(() => page.locator("h1").textContent())
      .toBe("Vendor security essentials: Acme Hosting");
    expect(await page.getByRole("status").first().textContent()).toContain("Questionnaire sent");
    const recipients = (await page.locator("#recipients-title + table").textContent()) ?? "";
    expect(recipients).toContain("sam@acme.example");
    expect(recipients).toContain("pat@acme.example");
    expect(await page.locator("main").textContent()).toContain("30 June 2099");
    expect(await seriousViolations(page)).toBe("");

    await page.getByRole("link", { name: "All assessments" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Assessments");
    expect(await page.locator("main table").textContent()).toContain("Acme Hosting");
    expect(await seriousViolations(page)).toBe("");

    const mails = await deps.db.selectFrom("outbox").select(["to_email", "kind"]).execute();
    expect(mails.map((m) => m.to_email).sort()).toEqual(["pat@acme.example", "sam@acme.example"]);
    expect(problems.errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    await page.close();
  }, 90_000);

  it("an admin names the organisation on the settings page", async () => {
    const admin = await server.addUser("admin");
    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.url}/admin/settings`);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.goto(`${server.url}/admin/settings`);
    await page.getByLabel("Organisation name").fill("Northwind Insurance");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Settings saved");
    expect(await page.getByLabel("Organisation name").inputValue()).toBe("Northwind Insurance");
    expect(await seriousViolations(page)).toBe("");
    expect(problems.errors).toEqual([]);
    await page.close();
  }, 60_000);
});
