import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeViolations, launchBrowser, seriousA11yViolations, watchPage } from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
let page: Page;
let problems: ReturnType<typeof watchPage>;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const admin = await server.addUser("admin", { email: "root@example.test", name: "Rita Root" });
  context = await browser.newContext({ baseURL: server.url });
  page = await context.newPage();
  problems = watchPage(page);
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname === "/");
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

async function expectAccessible(): Promise<void> {
  expect(await seriousA11yViolations(page).then(describeViolations)).toBe("");
}

const userRow = (email: string) => page.getByRole("row").filter({ hasText: email });
const notice = () => page.getByRole("status").first().textContent();

async function callMe(token: string): Promise<Response> {
  return fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
}

/** Administration pages sit in the "Admin" menu of the main navigation. */
async function openAdminLink(page: Page, name: string) {
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByText("Admin", { exact: true }).click();
  await nav.getByRole("link", { name }).click();
}

// The steps build on each other, like an admin's afternoon: add someone, adjust them, hand out a token, check the trail.
describe("an admin manages users, tokens and reads the audit trail in the browser", () => {
  it("adds a user through the form", async () => {
    await openAdminLink(page, "Users");
    await page.waitForURL((u) => u.pathname === "/admin/users");
    await expectAccessible();
    await page.getByLabel("Name", { exact: true }).fill("Nora New");
    await page.getByLabel("Email", { exact: true }).fill("Nora@Example.test");
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByLabel(/Initial password/).fill("nora's first password");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.waitForURL((u) => u.search.includes("notice=created"));
    expect(await notice()).toBe("User added.");
    expect(await userRow("nora@example.test").getByRole("cell").allTextContents()).toEqual(
      expect.arrayContaining(["Nora New", "nora@example.test", "viewer", "active"]),
    );
  });

  it("refuses a user whose fields are wrong and says which", async () => {
    await page.getByLabel("Name", { exact: true }).fill("Bad Bob");
    await page.getByLabel("Email", { exact: true }).fill("bob@example.test");
    await page.getByLabel(/Initial password/).fill("short");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.waitForLoadState();
    expect(await page.getByRole("alert").textContent()).toContain("Check the highlighted fields");
    expect(await page.locator("#new-password-error").textContent()).toContain("at least 12");
    expect(await page.getByLabel("Email", { exact: true }).inputValue()).toBe("bob@example.test");
    expect(await userRow("bob@example.test").count()).toBe(0);
    await expectAccessible();
  });

  it("changes the new user's role", async () => {
    await page.goto("/admin/users");
    const row = userRow("nora@example.test");
    await row.getByLabel("Role for nora@example.test").selectOption("privacy");
    await row.getByRole("button", { name: "Change role" }).click();
    await page.waitForURL((u) => u.search.includes("notice=updated"));
    expect(await notice()).toBe("User updated.");
    expect(await userRow("nora@example.test").getByRole("cell").nth(2).textContent()).toBe("privacy");
  });

  it("disables the user, who then cannot sign in", async () => {
    await userRow("nora@example.test").getByRole("button", { name: "Disable" }).click();
    await page.waitForURL((u) => u.search.includes("notice=disabled"));
    expect(await userRow("nora@example.test").getByRole("cell").nth(3).textContent()).toBe("disabled");
    expect(await userRow("nora@example.test").getByRole("button", { name: "Enable" }).count()).toBe(1);

    const other = await browser.newContext({ baseURL: server.url });
    try {
      const nora = await other.newPage();
      await nora.goto("/login");
      await nora.getByLabel("Email").fill("nora@example.test");
      await nora.getByLabel("Password").fill("nora's first password");
      await nora.getByRole("button", { name: "Sign in" }).click();
      await nora.waitForLoadState();
      expect(new URL(nora.url()).pathname).toBe("/login");
      expect(await nora.getByRole("alert").textContent()).toMatch(/disabled/i);
    } finally {
      await other.close();
    }
  });

  let token = "";

  it("creates an API token, copies it from the page and uses it on the API", async () => {
    await openAdminLink(page, "API tokens");
    await page.waitForURL((u) => u.pathname === "/admin/tokens");
    await expectAccessible();
    await page.getByLabel(/^Name/).fill("nightly export");
    await page.getByRole("button", { name: "Create token" }).click();
    await page.waitForLoadState();
    token = ((await page.getByTestId("new-token").textContent()) ?? "").trim();
    expect(token).toMatch(/^vv_[\w-]{40,}$/);
    await expectAccessible();

    const me = await callMe(token);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: "root@example.test", role: "admin" });

    await page.goto("/admin/tokens");
    expect(await page.getByTestId("new-token").count()).toBe(0);
    expect(await page.content()).not.toContain(token);
  });

  it("revokes the token, which stops working at once", async () => {
    const row = page.getByRole("row").filter({ hasText: "nightly export" });
    await row.getByRole("button", { name: "Revoke" }).click();
    await page.waitForURL((u) => u.search.includes("notice=revoked"));
    expect(await notice()).toContain("Token revoked");
    expect(
      await page
        .getByRole("row")
        .filter({ hasText: "nightly export" })
        .getByRole("cell")
        .nth(5)
        .textContent(),
    ).toBe("revoked");
    expect((await callMe(token)).status).toBe(401);
  });

  it("finds every one of these actions on the audit page, with the chain intact", async () => {
    await openAdminLink(page, "Audit trail");
    await page.waitForURL((u) => u.pathname === "/audit");
    expect(await page.getByRole("status").first().textContent()).toMatch(
      /^Chain intact: \d+ events verified\.$/,
    );
    const actions = await page.locator("tbody tr td:nth-child(4)").allTextContents();
    expect(actions).toEqual(
      expect.arrayContaining([
        "user.create",
        "user.update",
        "user.disable",
        "api_token.create",
        "api_token.revoke",
      ]),
    );
    const byAdmin = page.getByRole("row").filter({ hasText: "user.disable" });
    expect(await byAdmin.getByRole("cell").nth(2).textContent()).toBe("root@example.test");
    await expectAccessible();

    await page.getByLabel(/^Action/).fill("api_token.*");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL((u) => u.search.includes("action="));
    expect(new Set(await page.locator("tbody tr td:nth-child(4)").allTextContents())).toEqual(
      new Set(["api_token.create", "api_token.revoke"]),
    );
    expect(problems.errors.filter((e) => !/status of 40[01]/.test(e))).toEqual([]);
  });
});
