import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssessment } from "../../src/assessments/assessment-service.ts";
import { publishTemplateData } from "../../src/questionnaires/questionnaire-service.ts";
import type { ServiceContext } from "../../src/shared/service-context.ts";
import { createVendor } from "../../src/vendors/vendor-service.ts";
import { REVIEW_TEMPLATE } from "../reviews/review-fixture.ts";
import {
  describeViolations,
  launchBrowser,
  type PageProblems,
  seriousA11yViolations,
  watchPage,
} from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // PORT=0 makes the server use its real address as the public one, so mailed links point at it.
  server = await startTestServer({ env: { PORT: "0" } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const seriousViolations = async (page: Page) => describeViolations(await seriousA11yViolations(page));

/** The portal link of the newest mail of this kind to this address, as the vendor reads it in the email. */
async function mailedLink(email: string, kind: string): Promise<string> {
  const row = await server.server.deps.db
    .selectFrom("outbox")
    .select("text_body")
    .where("to_email", "=", email)
    .where("kind", "=", kind)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  const link = /(https?:\/\/\S+\/portal\/[A-Za-z0-9_-]+)/.exec(row.text_body)?.[1] ?? "";
  expect(link.startsWith(`${server.url}/portal/`)).toBe(true);
  return link;
}

async function sendReviewQuestionnaire() {
  const { deps } = server.server;
  const staff = await server.addUser("procurement");
  const ctx: ServiceContext = {
    db: deps.db,
    config: deps.config,
    clock: deps.clock,
    newId: deps.newId,
    actor: { type: "user", id: staff.id, label: staff.email, role: "procurement", userId: staff.id },
  };
  await publishTemplateData(ctx, REVIEW_TEMPLATE, { source: "upload" });
  const vendor = await createVendor(ctx, {
    name: "Acme Hosting",
    country: "NL",
    businessCriticality: "medium",
  });
  const assessment = await createAssessment(ctx, {
    vendorId: vendor.id,
    questionnaire: REVIEW_TEMPLATE.key,
    dueDate: "2099-06-30",
    recipients: [{ name: "Rita Vendor", email: "rita@acme.example" }],
  });
  return { assessmentId: assessment.id, vendorId: vendor.id };
}

const saved = (page: Page, questionId: string) =>
  expect.poll(() => page.locator(`[data-save-state="${questionId}"]`).textContent()).toBe("Saved");

async function submitInPortal(page: Page, again: boolean) {
  await page.goto(`${server.url}/portal/assessment`);
  await page.getByRole("link", { name: again ? "Review and submit again" : "Review and submit" }).click();
  await page.getByLabel("Your full name (required)").fill("Rita Vendor");
  await page.getByLabel("Your job title (required)").fill("CISO");
  await page.getByRole("checkbox", { name: /I confirm/ }).check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect.poll(() => page.getByText("the answers are now read-only").count()).toBe(1);
}

/** The text of one question's block on the review page. */
const block = async (page: Page, questionId: string) =>
  (await page.locator(`#q-${questionId}`).textContent()) ?? "";

describe("the clarification round trip in a real browser", () => {
  it("a reviewer asks about one answer, the vendor changes only that one and resubmits, the reviewer approves", async () => {
    const { assessmentId, vendorId } = await sendReviewQuestionnaire();
    const reviewUrl = `${server.url}/assessments/${assessmentId}/review`;

    // The vendor answers and submits; MFA is answered No, a failed critical question.
    const vendorSide = await browser.newContext();
    const vendor = await vendorSide.newPage();
    const vendorProblems: PageProblems = watchPage(vendor);
    await vendor.goto(await mailedLink("rita@acme.example", "assessment.invite"));
    await vendor.goto(`${server.url}/portal/assessment/sections/security`);
    await vendor.locator("#q-mfa").getByRole("radio", { name: "No" }).check();
    await saved(vendor, "mfa");
    await vendor.getByRole("radio", { name: "All of it" }).check();
    await saved(vendor, "encryption");
    await vendor.goto(`${server.url}/portal/assessment/sections/privacy`);
    await vendor.locator("#q-dpo").getByRole("radio", { name: "Yes" }).check();
    await saved(vendor, "dpo");
    await submitInPortal(vendor, false);
    await vendorSide.close();

    // A privacy reviewer signs in on the way to the review page.
    const reviewer = await server.addUser("privacy");
    const staffSide = await browser.newContext();
    const page = await staffSide.newPage();
    const problems = watchPage(page);
    await page.goto(reviewUrl);
    await page.getByLabel("Email").fill(reviewer.email);
    await page.getByLabel("Password").fill(reviewer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.goto(reviewUrl);
    await expect
      .poll(() => page.locator("h1").textContent())
      .toBe("Review: Review test questionnaire for Acme Hosting");
    expect(await page.locator("#score-summary").textContent()).toContain("a failed critical question");
    expect(await block(page, "mfa")).toContain("Answer: No");
    expect(await seriousViolations(page)).toBe("");

    // Ask about the MFA answer only.
    const mfa = page.locator("#q-mfa");
    await mfa.getByText("Review actions").click();
    await mfa.getByRole("checkbox", { name: "Ask the vendor to clarify this answer" }).check();
    await mfa
      .getByLabel("Message to the vendor")
      .fill("Your SOC 2 report says MFA is enforced. Please check.");
    expect(await seriousViolations(page)).toBe("");
    await page.getByRole("button", { name: "Send clarification request" }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("Clarification requested");
    expect(await block(page, "mfa")).toContain("Clarification asked");
    expect(await page.getByRole("button", { name: "Complete the review" }).count()).toBe(0);

    // The vendor opens the new link from the clarification email.
    const vendorAgain = await browser.newContext();
    const back = await vendorAgain.newPage();
    const backProblems = watchPage(back);
    await back.goto(await mailedLink("rita@acme.example", "assessment.clarification"));
    expect(await back.locator("#clarification").textContent()).toContain(
      "Your SOC 2 report says MFA is enforced. Please check.",
    );
    await back.goto(`${server.url}/portal/assessment/sections/security`);
    expect(await back.locator("#q-mfa").textContent()).toContain("Your SOC 2 report says MFA is enforced.");
    // Only the asked question can change; the others are shown read-only.
    expect(await back.getByRole("radio", { name: "All of it" }).count()).toBe(0);
    expect(await back.locator("#q-encryption").textContent()).toContain("All of it");
    await back.goto(`${server.url}/portal/assessment/sections/privacy`);
    expect(await back.locator("#q-dpo").getByRole("radio").count()).toBe(0);
    await back.goto(`${server.url}/portal/assessment/sections/security`);
    await back.locator("#q-mfa").getByRole("radio", { name: "Yes" }).check();
    await saved(back, "mfa");
    await submitInPortal(back, true);
    await vendorAgain.close();

    // The reviewer sees the new answer and score, and approves.
    await page.goto(reviewUrl);
    const changed = await block(page, "mfa");
    expect(changed).toContain("Answer: Yes");
    expect(changed).toMatch(/Points\s*1 \/ 1/);
    expect(changed).toContain("Clarified in round 1");
    expect(await page.locator("#score-summary").textContent()).toMatch(/Capped\s*No/);
    await page.getByRole("radio", { name: "Approve", exact: true }).check();
    await page
      .locator("#complete-form")
      .getByLabel("Reason (required)")
      .fill("MFA confirmed on clarification.");
    await page.getByRole("button", { name: "Complete the review" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Review completed");
    const decision = await page.locator("#decision").textContent();
    expect(decision).toContain("Approved");
    expect(decision).toContain("MFA confirmed on clarification.");
    expect(decision).toMatch(/Next review\s*\d{4}-\d{2}-\d{2}/);
    expect(await seriousViolations(page)).toBe("");

    const row = await server.server.deps.db
      .selectFrom("vendors")
      .select(["status", "residual_rating", "next_review_date"])
      .where("id", "=", vendorId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("approved");
    expect(row.residual_rating).not.toBeNull();
    expect(problems.errors).toEqual([]);
    expect(vendorProblems.errors).toEqual([]);
    expect(backProblems.errors).toEqual([]);
    await staffSide.close();
  }, 120_000);
});
