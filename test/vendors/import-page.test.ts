import { describe, expect, it } from "vitest";
import { buildTestApp } from "../support/test-app.ts";

const header =
  "vendor_name,country,business_criticality,purpose,legal_basis,data_categories,data_subjects,subject_count,frequency,access,locations";
const good = `${header}\nPrint Shop,FR,low,Printing invoices,contract,identity;contact,customers,500,recurring,processes_only,FR:adequacy\n`;
const bad = `${good}Broken Ltd,XX,low,Payroll,contract,health,employees,ten,continuous,stores,DE:adequacy\n`;

async function upload(
  t: Awaited<ReturnType<typeof buildTestApp>>,
  csv: string,
  options: Record<string, string> = {},
) {
  const user = await t.addUser("procurement");
  const { cookie, csrf } = await t.signIn(user.email);
  const form = new FormData();
  form.set("_csrf", csrf);
  form.set("file", new File([csv], "vendors.csv", { type: "text/csv" }));
  for (const [k, v] of Object.entries(options)) form.set(k, v);
  const res = await t.app.request("/vendors/import", { method: "POST", headers: { cookie }, body: form });
  return { status: res.status, html: await res.text() };
}

const vendorCount = (t: Awaited<ReturnType<typeof buildTestApp>>) =>
  (t.sqlite.prepare("select count(*) as n from vendors").get() as { n: number }).n;

describe("importing the register from the web page", () => {
  it("a procurement user uploads a CSV and sees what was created", async () => {
    const t = await buildTestApp();
    const { status, html } = await upload(t, good);
    expect(status).toBe(200);
    expect(html).toContain("Import finished");
    expect(html).toContain("1 created, 0 updated, 0 unchanged");
    expect(vendorCount(t)).toBe(1);
  });

  it("a file with errors lists each with its row and column and writes nothing", async () => {
    const t = await buildTestApp();
    const { status, html } = await upload(t, bad);
    expect(status).toBe(400);
    expect(html).toContain("Nothing was imported");
    expect(html).toMatch(/<td>3<\/td>\s*<td><code>country<\/code><\/td>/);
    expect(html).toMatch(/<td>3<\/td>\s*<td><code>subject_count<\/code><\/td>/);
    expect(vendorCount(t)).toBe(0);
  });

  it("valid-only imports the good rows; a dry run writes nothing", async () => {
    const t = await buildTestApp();
    const dry = await upload(t, good, { dryRun: "on" });
    expect(dry.html).toContain("Dry run: nothing was written");
    expect(vendorCount(t)).toBe(0);
    const partial = await upload(t, bad, { validOnly: "on" });
    expect(partial.status).toBe(200);
    expect(partial.html).toContain("1 imported");
    expect(vendorCount(t)).toBe(1);
  });

  it("the vendor list offers the import and both exports", async () => {
    const t = await buildTestApp();
    const user = await t.addUser("viewer");
    const { cookie } = await t.signIn(user.email);
    const html = await (await t.app.request("/vendors", { headers: { cookie } })).text();
    expect(html).toContain('href="/api/v1/register/ropa.csv"');
    expect(html).toContain('href="/api/v1/register/export.csv"');
    expect(html).not.toContain('href="/vendors/import"');
    const ropa = await t.app.request("/api/v1/register/ropa.csv", { headers: { cookie } });
    expect(ropa.status).toBe(200);
    expect(ropa.headers.get("content-disposition")).toContain("attachment");
  });
});
