import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { ROPA_COLUMNS, type RopaRow } from "../../src/vendors/export-register.ts";
import { addProcessingRecord, addSubprocessor } from "../../src/vendors/register-service.ts";
import { changeVendorStatus, createVendor } from "../../src/vendors/vendor-service.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";

const clinicRecord = {
  purpose: "Occupational health checks for staff",
  legalBasis: "legal_obligation" as const,
  dataCategories: ["identity" as const, "health" as const, "criminal_offences" as const],
  art9Condition: "health_social_care" as const,
  art10Basis: "Security vetting under the national security screening act",
  dataSubjects: ["employees", "Job applicants"],
  subjectCount: 800,
  retention: "3 years after employment ends",
  frequency: "recurring" as const,
  access: "stores" as const,
  locations: [
    { country: "US", mechanism: "scc" as const, sccModule: 2 as const },
    { country: "DE", mechanism: "adequacy" as const },
  ],
};

/** A small register made through the services, as the API would. */
async function seedRegister(t: TestApp) {
  const clinic = await createVendor(t.ctx, {
    name: "=Clinic Partners",
    legalName: "@Clinic Partners LLC",
    country: "US",
    businessCriticality: "high",
    website: "https://clinic.example",
    contacts: [
      { name: "Ana Ruiz", email: "ana@clinic.example", role: "privacy" },
      { name: "Bo Chen", email: "bo@clinic.example", role: "security" },
      { name: "Cy Diaz", email: "cy@clinic.example", role: "commercial" },
    ],
  });
  const { record } = await addProcessingRecord(t.ctx, clinic.id, clinicRecord);
  await addSubprocessor(t.ctx, clinic.id, {
    name: "LabNet India",
    service: "Lab result processing",
    country: "IN",
    mechanism: "scc",
    sccModule: 3,
    dpfCertified: false,
    canadaCommercial: false,
    processingIds: [record.id],
  });
  const quiet = await createVendor(t.ctx, {
    name: "Quiet Supplies",
    country: "FR",
    businessCriticality: "low",
  });
  const gone = await createVendor(t.ctx, { name: "Gone Ltd", country: "NL", businessCriticality: "low" });
  await addProcessingRecord(t.ctx, gone.id, {
    ...clinicRecord,
    purpose: "Old project",
    locations: [{ country: "NL", mechanism: "none" }],
  });
  await changeVendorStatus(t.ctx, gone.id, { status: "rejected" });
  return { clinic, quiet, record };
}

async function download(t: TestApp, headers: Record<string, string>, path: string) {
  const res = await t.app.request(path, { headers });
  return { res, text: await res.text() };
}

describe("register and Art. 30 exports", () => {
  it("exporting the register then importing it back changes nothing", async () => {
    const t = await buildTestApp();
    await seedRegister(t);
    const proc = await t.bearer("procurement");
    const { res, text } = await download(t, proc, "/api/v1/register/export.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="vendorvet-register-2026-03-02.csv"',
    );
    // The clinic has one record and three contacts: three rows; the vendor without records takes one.
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    // Name order: "=clinic partners" sorts before "gone ltd".
    expect(rows.map((r) => r.vendor_name)).toEqual([
      "'=Clinic Partners",
      "'=Clinic Partners",
      "'=Clinic Partners",
      "Gone Ltd",
      "Quiet Supplies",
    ]);
    const clinicRow = rows.find((r) => r.purpose);
    expect(clinicRow).toMatchObject({
      legal_name: "'@Clinic Partners LLC",
      data_categories: "identity;health;criminal_offences",
      locations: "US:scc:2;DE:adequacy",
      subject_count: "800",
    });

    const again = await t.app.request("/api/v1/vendors/import", {
      method: "POST",
      headers: { ...proc, "content-type": "text/csv" },
      body: text,
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({
      vendors: { created: 0, updated: 0, unchanged: 3 },
      records: { created: 0, updated: 0, unchanged: 2 },
      contacts: { created: 0, updated: 0, unchanged: 3 },
      errors: [],
    });
  });

  it("the RoPA names recipients, marks special categories and states each transfer's safeguard", async () => {
    const t = await buildTestApp();
    const { record } = await seedRegister(t);
    const viewer = await t.bearer("viewer");
    const { res, text } = await download(t, viewer, "/api/v1/register/ropa.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="vendorvet-ropa-2026-03-02.csv"',
    );
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(header).toEqual(ROPA_COLUMNS.map(([, h]) => h));
    // Rejected vendors hold no data; vendors without records have nothing to record.
    expect(rows).toHaveLength(1);

    const json = await download(t, viewer, "/api/v1/register/ropa.csv?format=json");
    expect(json.res.headers.get("content-type")).toContain("application/json");
    const row = (JSON.parse(json.text) as { rows: RopaRow[] }).rows[0];
    expect(row).toMatchObject({
      recordId: record.id,
      recipient: "=Clinic Partners",
      recipientCountry: "United States of America",
      purpose: "Occupational health checks for staff",
      legalBasis: "Art. 6(1)(c): Compliance with a legal obligation",
      specialConditions:
        "Art. 9(2)(h): Preventive or occupational medicine, diagnosis, health or social care; Art. 10: Security vetting under the national security screening act",
      dataSubjects: "Employees; Job applicants",
      approximateSubjects: "800",
      personalData:
        "Identity (name, date of birth, photo); Health data [special category, Art. 9]; Criminal convictions and offences [criminal offence data, Art. 10]",
      specialCategories: "yes: Health data; Criminal convictions and offences",
      retention: "3 years after employment ends",
    });
    expect(row?.recipients).toBe(
      "=Clinic Partners (vendor); LabNet India (sub-processor of =Clinic Partners: Lab result processing, India)",
    );
    expect(row?.transfers).toBe(
      "United States of America: Standard contractual clauses (Art. 46(2)(c)), Module 2: controller to processor; India via sub-processor LabNet India: Standard contractual clauses (Art. 46(2)(c)), Module 3: processor to processor",
    );
    expect(row?.securityMeasures).toMatch(/security assessment.*inherent risk tier: (high|critical)/);
  });

  it("cells that a spreadsheet would run as formulas are exported as text", async () => {
    const t = await buildTestApp();
    await seedRegister(t);
    const viewer = await t.bearer("viewer");
    for (const path of ["/api/v1/register/export.csv", "/api/v1/register/ropa.csv"]) {
      const cells = (parse((await download(t, viewer, path)).text, { bom: true }) as string[][]).flat();
      expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
      expect(cells).toContain("'=Clinic Partners");
    }
  });

  it("exports need a signed-in user", async () => {
    const t = await buildTestApp();
    expect((await t.app.request("/api/v1/register/export.csv")).status).toBe(401);
    expect((await t.app.request("/api/v1/register/ropa.csv")).status).toBe(401);
  });
});
