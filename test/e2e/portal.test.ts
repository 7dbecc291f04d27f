import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/auth/token-service.ts";
import { deliverDueMail } from "../../src/mail/mail-delivery.ts";
import { publishTemplateData } from "../../src/questionnaires/questionnaire-service.ts";
import type { ServiceContext } from "../../src/shared/service-context.ts";
import { createVendor } from "../../src/vendors/vendor-service.ts";
import { samplePdf } from "../evidence/sample-files.ts";
import { startTestSmtp, type TestSmtp } from "../mail/smtp-test-server.ts";
import { PORTAL_TEMPLATE } from "../portal/portal-fixture.ts";
import {
  describeViolations,
  launchBrowser,
  type PageProblems,
  seriousA11yViolations,
  watchPage,
} from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let smtp: TestSmtp;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  smtp = await startTestSmtp();
  // PORT=0 makes the server use its real address as the public one, so emailed links point at it.
  server = await startTestServer({ env: { SMTP_URL: smtp.url, PORT: "0" } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

const seriousViolations = async (page: Page) => describeViolations(await seriousA11yViolations(page));

async function deliverAndRead(to: string, subject: RegExp): Promise<string> {
  await deliverDueMail(server.server.deps);
  await expect
    .poll(() => smtp.received.some((m) => m.envelopeTo.includes(to) && subject.test(m.subject ?? "")))
    .toBe(true);
  const mail = smtp.received.find((m) => m.envelopeTo.includes(to) && subject.test(m.subject ?? ""));
  return mail?.text ?? "";
}

const saved = (page: Page, questionId: string) =>
  expect.poll(() => page.locator(`[data-save-state="${questionId}"]`).textContent()).toBe("Saved");

let staffSetUp:
  | Promise<{ staff: { id: string; email: string }; api: Record<string, string>; vendorId: string }>
  | undefined;

/** Staff, the test questionnaire, a vendor and an API token: set up once for the file. */
function setUpStaff() {
  staffSetUp ??= (async () => {
    const { deps } = server.server;
    const staff = await server.addUser("procurement");
    const ctx: ServiceContext = {
      db: deps.db,
      config: deps.config,
      clock: deps.clock,
      newId: deps.newId,
      actor: { type: "user", id: staff.id, label: staff.email, role: "procurement", userId: staff.id },
    };
    await publishTemplateData(ctx, PORTAL_TEMPLATE, { source: "upload" });
    const vendor = await createVendor(ctx, {
      name: "Acme Hosting",
      country: "NL",
      businessCriticality: "medium",
    });
    const token = await createApiToken(ctx, { name: "e2e", userId: staff.id });
    return {
      staff,
      vendorId: vendor.id,
      api: { authorization: `Bearer ${token.token}`, "content-type": "application/json" },
    };
  })();
  return staffSetUp;
}

/** Sends the questionnaire through the API, as an integrator would. */
async function sendQuestionnaire(recipients: { name: string; email: string }[]) {
  const { staff, api, vendorId } = await setUpStaff();
  const sent = await fetch(`${server.url}/api/v1/assessments`, {
    method: "POST",
    headers: api,
    body: JSON.stringify({ vendorId, questionnaire: "portal-test", dueDate: "2099-06-30", recipients }),
  });
  expect(sent.status).toBe(201);
  return { staff, api, assessmentId: ((await sent.json()) as { id: string }).id };
}

/** The portal link in the newest invitation to this address, read from the SMTP server. */
async function linkFor(email: string): Promise<string> {
  const text = await deliverAndRead(email, /./);
  const link = /(https?:\/\/\S+\/portal\/[A-Za-z0-9_-]+)/.exec(text)?.[1] ?? "";
  expect(link.startsWith(`${server.url}/portal/`)).toBe(true);
  return link;
}

describe("the vendor portal in a real browser", () => {
  it("a vendor answers over two sittings with conditional questions and a PDF, then submits; the staff see it", async () => {
    const { deps } = server.server;
    const { staff, api, assessmentId } = await sendQuestionnaire([
      { name: "Vera Vendor", email: "vera@acme.example" },
    ]);

    // The vendor reads the invitation from a real SMTP server.
    const link = await linkFor("vera@acme.example");
    const secret = link.split("/").pop() ?? "";

    // First sitting.
    const first = await browser.newContext();
    const page = await first.newPage();
    const problems: PageProblems = watchPage(page);
    await page.goto(link);
    expect(page.url()).toBe(`${server.url}/portal/assessment`);
    expect(await page.locator("h1").textContent()).toBe("Portal test questionnaire");
    expect(await seriousViolations(page)).toBe("");

    await page.getByRole("link", { name: "Start answering" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Basics");
    expect(page.url()).not.toContain(secret);
    expect(await page.locator("#q-policy-doc").isVisible()).toBe(false);
    expect(await seriousViolations(page)).toBe("");

    // Conditional questions appear at once, without a reload.
    await page.getByRole("radio", { name: "Yes" }).check();
    await expect.poll(() => page.locator("#q-policy-doc").isVisible()).toBe(true);
    await saved(page, "has-policy");
    await page.getByRole("radio", { name: "In the United States" }).check();
    await expect.poll(() => page.locator("#q-hosting-detail").isVisible()).toBe(true);
    await saved(page, "hosting");
    await page.getByLabel("Which US region? (required)").fill("us-east-1");
    await saved(page, "hosting-detail");
    expect(await seriousViolations(page)).toBe("");

    // Evidence: a real PDF through the upload form.
    await page.locator("#up-file-policy-doc").setInputFiles({
      name: "Security policy.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(samplePdf("policy")),
    });
    await page.locator("#up-kind-policy-doc").selectOption("policy_document");
    await page.locator("#up-exp-policy-doc").fill("2027-01-31");
    await page.getByRole("button", { name: /Upload a file for: Attach the security policy/ }).click();
    await expect.poll(() => page.getByRole("link", { name: "Security policy.pdf" }).count()).toBe(1);
    expect(await page.getByRole("status").first().textContent()).toContain("The file is uploaded");
    expect(await page.getByLabel("Which US region? (required)").inputValue()).toBe("us-east-1");
    await first.close();

    // Second sitting, in a fresh browser context, through the same link.
    const second = await browser.newContext();
    const again = await second.newPage();
    const problemsAgain = watchPage(again);
    await again.goto(link);
    expect(await again.locator("#progress-text").textContent()).toContain(
      "4 of 5 required questions answered",
    );
    await again.getByRole("link", { name: "Continue answering" }).click();
    await expect.poll(() => again.locator("h1").textContent()).toBe("Controls");
    await again.getByRole("checkbox", { name: "ISO/IEC 27001" }).check();
    await saved(again, "certs");
    await again.getByRole("button", { name: "Save and return to the overview" }).click();
    await expect.poll(() => again.locator("#progress-text").textContent()).toContain("5 of 5");

    await again.getByRole("link", { name: "Review and submit" }).click();
    await expect.poll(() => again.locator("h1").textContent()).toBe("Review and submit");
    expect(await seriousViolations(again)).toBe("");
    await again.getByRole("button", { name: "Submit answers" }).click();
    await expect.poll(() => again.locator(".error-summary").count()).toBe(1);
    expect(await seriousViolations(again)).toBe("");
    await again.getByLabel("Your job title (required)").fill("Head of Security");
    await again.getByRole("checkbox", { name: /I confirm/ }).check();
    await again.getByRole("button", { name: "Submit answers" }).click();
    await expect.poll(() => again.getByText("the answers are now read-only").count()).toBe(1);
    await second.close();

    expect(problems.errors).toEqual([]);
    // The attestation sent empty on purpose answers 422; nothing else may go wrong (a CSP block would show here).
    expect(
      problemsAgain.errors.filter((e) => !/status of 422 .*\/portal\/assessment\/submit$/.test(e)),
    ).toEqual([]);

    // The staff see it submitted, with the answers, and are told by email.
    const detail = await fetch(`${server.url}/api/v1/assessments/${assessmentId}`, { headers: api });
    const body = (await detail.json()) as { status: string };
    expect(body.status).toBe("submitted");
    const row = await deps.db
      .selectFrom("assessments")
      .selectAll()
      .where("id", "=", assessmentId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attested_name: "Vera Vendor", attested_title: "Head of Security" });
    const note = await deliverAndRead(staff.email, /submitted/);
    expect(note).toContain("Vera Vendor (Head of Security)");
    expect(JSON.stringify(server.logger.lines)).not.toContain(secret);
  }, 120_000);

  it("two colleagues change the same answer: the second sees both and chooses, and axe is content", async () => {
    await sendQuestionnaire([
      { name: "Ann Answerer", email: "ann@acme.example" },
      { name: "Ben Busy", email: "ben@acme.example" },
    ]);
    const [annLink, benLink] = [await linkFor("ann@acme.example"), await linkFor("ben@acme.example")];
    const ann = await (await browser.newContext()).newPage();
    const ben = await (await browser.newContext()).newPage();
    const annProblems = watchPage(ann);
    for (const [page, link] of [
      [ann, annLink],
      [ben, benLink],
    ] as const) {
      await page.goto(link);
      await page.goto(`${server.url}/portal/assessment/sections/basics`);
    }
    await ben.getByRole("radio", { name: "In the EU" }).check();
    await saved(ben, "hosting");

    // Ann's page still shows no answer; her choice clashes with Ben's saved one.
    await ann.getByRole("radio", { name: "In the United States" }).check();
    await expect.poll(() => ann.locator("#q-hosting .conflict").count()).toBe(1);
    const notice = (await ann.locator("#q-hosting .conflict").textContent()) ?? "";
    expect(notice).toContain("Ben Busy ben@acme.example saved a different answer");
    expect(notice).toContain("Their answerIn the EU");
    expect(notice).toContain("Your answerIn the United States");
    expect(await seriousViolations(ann)).toBe("");

    await ann.getByRole("button", { name: "Use my answer" }).click();
    await saved(ann, "hosting");
    await ben.reload();
    expect(await ben.getByRole("radio", { name: "In the United States" }).isChecked()).toBe(true);
    expect(annProblems.errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    await ann.context().close();
    await ben.context().close();
  }, 120_000);
});
