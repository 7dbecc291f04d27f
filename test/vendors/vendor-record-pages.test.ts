import { describe, expect, it } from "vitest";
import { addProcessingRecord } from "../../src/vendors/register-service.ts";
import { buildTestApp } from "../support/test-app.ts";
import { addVendor, count, element, get, health, post, signedIn, textOf } from "./vendor-pages-fixtures.ts";

const payroll: [string, string][] = [
  ["purpose", "Monthly payroll and sick-leave administration for our employees"],
  ["legalBasis", "legal_obligation"],
  ["dataCategories", "identity"],
  ["dataCategories", "financial"],
  ["dataCategories", "health"],
  ["dataSubjects", "employees"],
  ["otherSubjects", "pensioners"],
  ["subjectCount", "50,000"],
  ["retention", "7 years after employment ends"],
  ["frequency", "continuous"],
  ["access", "stores"],
  ["locations[0].country", "DE"],
  ["locations[0].mechanism", "none"],
  ["locations[0].sccModule", ""],
  ["locations[1].country", "US"],
  ["locations[1].mechanism", "scc"],
  ["locations[1].sccModule", "2"],
  ["locations[2].country", ""],
  ["locations[2].mechanism", ""],
  ["locations[2].sccModule", ""],
];

describe("vendor register pages: data-sharing records, sub-processors and the tier", () => {
  it("special category data without an Art. 9(2) condition is refused next to that field, keeping the form", async () => {
    const t = await buildTestApp();
    const s = await signedIn(t, "procurement");
    const vendor = await addVendor(t, "PayCo");
    const res = await post(t, s, `/vendors/${vendor.id}/processing/new`, [...payroll, ["art9Condition", ""]]);
    expect(res.status).toBe(400);
    expect(element(res.html, "f-art9Condition")).toContain("f-art9Condition-error");
    expect(textOf(res.html, "f-art9Condition-error")).toContain("needs an Art. 9(2) condition");
    expect(res.html).toContain('href="#f-art9Condition"');
    expect(res.html).toContain("Monthly payroll and sick-leave administration");
    expect(element(res.html, "f-dataCategories-special-health")).toContain("checked");
    expect(element(res.html, "f-dataSubjects-employees")).toContain("checked");
    expect(res.html).toContain('value="pensioners"');
    expect(res.html).toContain('value="50,000"');
    expect(res.html).toMatch(
      /id="f-locations-1-country"[^>]*>(?:(?!<\/select>).)*<option value="US" selected=""/s,
    );
    expect(res.html).toContain('id="f-locations-4-country"');
    expect(count(t, "processing_records")).toBe(0);
  });

  it("with the condition the record is stored and the vendor page shows the raised tier and its reasons", async () => {
    const t = await buildTestApp();
    const s = await signedIn(t, "procurement");
    const vendor = await addVendor(t, "PayCo");
    const res = await post(t, s, `/vendors/${vendor.id}/processing/new`, [
      ...payroll,
      ["art9Condition", "employment_social_security"],
    ]);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/vendors/${vendor.id}?notice=record-added#processing`);
    const page = await get(t, s, `/vendors/${vendor.id}`);
    const tier = t.sqlite.prepare("select tier from vendors").get() as { tier: string };
    expect(tier.tier).toBe("critical");
    expect(page.html).toContain('class="tag tier tier-critical"');
    for (const reason of [
      "special category data: health",
      "50,000 data subjects",
      "vendor stores the data",
    ]) {
      expect(page.html).toContain(reason);
    }
    expect(page.html).toContain("restricted transfer to United States of America (US) under a safeguard");
    expect(page.html).toContain('Health data<span class="tag tag-special">GDPR Art. 9</span>');
    expect(page.html).toContain("Employees, pensioners");
    expect(page.html).toContain("Module 2: controller to processor");
    expect(page.html).toContain("vendor-security-baseline");
    expect(page.html).toContain("6 months");
    expect(page.html).toContain("data-sharing record added");
    const stored = t.sqlite.prepare("select subject_count, data_subjects from processing_records").get();
    expect(stored).toEqual({ subject_count: 50000, data_subjects: '["employees","pensioners"]' });
  });

  it("a sub-processor is added with the records it handles, and a record can be edited and deleted", async () => {
    const t = await buildTestApp();
    const s = await signedIn(t, "privacy");
    const vendor = await addVendor(t, "HR Cloud");
    const { record } = await addProcessingRecord(t.ctx, vendor.id, health);
    const form = await get(t, s, `/vendors/${vendor.id}/subprocessors/new`);
    expect(form.html).toContain("Occupational health checks");
    const added = await post(t, s, `/vendors/${vendor.id}/subprocessors/new`, {
      name: "Hosting Inc",
      service: "Cloud hosting",
      country: "US",
      mechanism: "scc",
      sccModule: "3",
      processingIds: record.id,
      addedOn: "2026-02-01",
    });
    expect(added.status).toBe(303);
    const page = await get(t, s, `/vendors/${vendor.id}`);
    expect(page.html).toContain("Hosting Inc");
    expect(page.html).toMatch(/Hosting Inc(?:(?!<\/tr>).)*Occupational health checks/s);

    const edit = await get(t, s, `/vendors/${vendor.id}/processing/${record.id}/edit`);
    expect(edit.html).toContain('value="200"');
    const saved = await post(t, s, `/vendors/${vendor.id}/processing/${record.id}/edit`, [
      ["purpose", "Occupational health checks and sick notes"],
      ["legalBasis", "legal_obligation"],
      ["dataCategories", "health"],
      ["art9Condition", "health_social_care"],
      ["dataSubjects", "employees"],
      ["subjectCount", "300"],
      ["frequency", "recurring"],
      ["access", "stores"],
      ["locations[0].country", "FR"],
      ["locations[0].mechanism", "none"],
    ]);
    expect(saved.status).toBe(303);
    expect(t.sqlite.prepare("select purpose, subject_count from processing_records").get()).toEqual({
      purpose: "Occupational health checks and sick notes",
      subject_count: 300,
    });
    expect((await post(t, s, `/vendors/${vendor.id}/processing/${record.id}/delete`, {})).status).toBe(303);
    expect(count(t, "processing_records")).toBe(0);
  });

  it("privacy overrides the tier with a reason; procurement is refused", async () => {
    const t = await buildTestApp();
    const vendor = await addVendor(t, "Tiny Tools");
    const proc = await signedIn(t, "procurement");
    const procPage = await get(t, proc, `/vendors/${vendor.id}`);
    expect(procPage.html).not.toContain(`action="/vendors/${vendor.id}/override"`);
    const refused = await post(t, proc, `/vendors/${vendor.id}/override`, {
      tier: "high",
      reason: "Board decision 2026-02",
    });
    expect(refused.status).toBe(403);

    const privacy = await signedIn(t, "privacy");
    expect((await get(t, privacy, `/vendors/${vendor.id}`)).html).toContain(
      `action="/vendors/${vendor.id}/override"`,
    );
    const short = await post(t, privacy, `/vendors/${vendor.id}/override`, {
      tier: "high",
      reason: "because",
    });
    expect(short.status).toBe(400);
    expect(textOf(short.html, "f-reason-error")).toContain("at least 10 characters");
    expect(short.html).toContain(">because</textarea>");
    const ok = await post(t, privacy, `/vendors/${vendor.id}/override`, {
      tier: "high",
      reason: "Handles board papers",
    });
    expect(ok.status).toBe(303);
    const page = await get(t, privacy, `/vendors/${vendor.id}`);
    expect(page.html).toContain("Computed low, overridden to high because “Handles board papers”");
    expect(page.html).toContain("override: Handles board papers");
    const removed = await post(t, privacy, `/vendors/${vendor.id}/override`, {
      tier: "",
      reason: "Board papers moved elsewhere",
    });
    expect(removed.status).toBe(303);
    expect(t.sqlite.prepare("select tier, tier_override from vendors").get()).toEqual({
      tier: "low",
      tier_override: null,
    });
  });
});
