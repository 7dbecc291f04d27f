import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeViolations, launchBrowser, seriousA11yViolations, watchPage } from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

/** axe's serious and critical findings, as readable lines (empty when there are none). */
async function seriousViolations(page: Page): Promise<string> {
  return describeViolations(await seriousA11yViolations(page));
}

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

describe("vendor register in a real browser", () => {
  it("procurement adds a vendor, a data-sharing record with locations and a sub-processor, and sees the risk panel", async () => {
    const user = await server.addUser("procurement");
    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.url}/vendors`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.goto(`${server.url}/vendors`);
    expect(await seriousViolations(page)).toBe("");

    await page.getByRole("link", { name: "Add vendor" }).click();
    await page.getByLabel("Name (required)").fill("Payroll Partners");
    await page.getByLabel("Legal entity name").fill("Payroll Partners B.V.");
    await page.getByLabel("Country of the legal entity").selectOption("NL");
    await page.getByLabel("Business criticality").selectOption("high");
    await page.locator("#f-contacts-0-name").fill("Dana DPO");
    await page.locator("#f-contacts-0-email").fill("dpo@payroll.example");
    await page.locator("#f-contacts-0-role").selectOption("privacy");
    await page.getByRole("button", { name: "Add vendor" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Payroll Partners");
    expect(await page.getByRole("status").first().textContent()).toContain("Vendor added");
    expect(await seriousViolations(page)).toBe("");

    await page.getByRole("link", { name: "Add a data-sharing record" }).click();
    // Sent empty: every problem is listed, each link leads to an element on the page, and axe is still content.
    await page.getByRole("button", { name: "Add record" }).click();
    const targets = await page.evaluate<string[]>(
      `[...document.querySelectorAll(".error-summary a")].map((a) => a.getAttribute("href").slice(1)).filter((id) => !document.getElementById(id))`,
    );
    expect(targets).toEqual([]);
    expect(await page.locator(".error-summary li").count()).toBeGreaterThanOrEqual(6);
    expect(await seriousViolations(page)).toBe("");
    await page
      .getByLabel("Purpose of sharing the data")
      .fill("Payroll and sick-leave administration for employees");
    await page.getByLabel("Legal basis (GDPR Art. 6)").selectOption("legal_obligation");
    await page.getByLabel("Identity (name, date of birth, photo)").check();
    await page.getByLabel("Health data").check();
    await page.getByLabel("Employees").check();
    await page.getByLabel("Approximate number of data subjects").fill("20000");
    await page.getByLabel("Retention").fill("7 years after employment ends");
    await page.getByLabel("Continuous").check();
    await page.getByLabel("Stores the data", { exact: true }).check();
    await page.locator("#f-locations-0-country").selectOption("NL");
    await page.locator("#f-locations-0-mechanism").selectOption("none");
    await page.locator("#f-locations-1-country").selectOption("IN");
    await page.locator("#f-locations-1-mechanism").selectOption("scc");
    await page.locator("#f-locations-1-sccModule").selectOption("2");
    await page.getByRole("button", { name: "Add record" }).click();

    // No Art. 9(2) condition: the form returns with the summary focused and the error beside the field.
    // The click returns before the answer page has loaded and run its focus script, so wait for it.
    await expect
      .poll(() => page.evaluate<string>("document.activeElement?.className ?? ''"))
      .toBe("error-summary");
    expect(await page.locator("#f-art9Condition-error").textContent()).toContain("Art. 9(2) condition");
    expect(await page.locator("#f-locations-1-country").inputValue()).toBe("IN");
    expect(await seriousViolations(page)).toBe("");
    await page
      .getByLabel("Art. 9(2) condition for special category data")
      .selectOption("employment_social_security");
    await page.getByRole("button", { name: "Add record" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Payroll Partners");
    expect(await page.locator("#processing").textContent()).toContain(
      "India (IN): Standard contractual clauses",
    );

    await page.getByRole("link", { name: "Add a sub-processor" }).click();
    await page.getByLabel("Name (required)").fill("CloudHost Ltd");
    await page.getByLabel("Service it provides").fill("Hosting of the payroll system");
    await page.getByLabel("Country where it processes the data").selectOption("IE");
    await page.getByLabel("Transfer mechanism").selectOption("none");
    await page.getByLabel("Payroll and sick-leave administration for employees").check();
    expect(await seriousViolations(page)).toBe("");
    await page.getByRole("button", { name: "Add sub-processor" }).click();
    await expect.poll(() => page.locator("#subprocessors").textContent()).toContain("CloudHost Ltd");

    const risk = (await page.locator("#risk").textContent()) ?? "";
    expect(risk).toContain("special category data: health");
    expect(risk).toContain("20,000 data subjects");
    expect(risk).toContain("restricted transfer to India (IN) under a safeguard");
    expect(await page.locator("#risk .tier").first().textContent()).toBe("Critical");
    expect(await seriousViolations(page)).toBe("");
    // The two forms sent with mistakes answer 400 on purpose; anything else (a CSP block, a script error) fails.
    expect(problems.errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    await page.close();
  }, 90_000);
});
