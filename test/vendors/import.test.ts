import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/audit/audit-verify.ts";
import { buildTestApp } from "../support/test-app.ts";
import {
  count,
  csvOf,
  mailer,
  payroll,
  payrollTravel,
  postCsv,
  printer,
  snapshot,
} from "./import-fixtures.ts";

describe("CSV import of the vendor register", () => {
  it("procurement imports a good file: vendors, contacts, records, tiers and the category index", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const res = await postCsv(t, proc, csvOf([payroll, payrollTravel, mailer, printer]), "?name=vendors.csv");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      fileName: "vendors.csv",
      rows: { total: 4, imported: 4, rejected: 0 },
      vendors: { created: 3, updated: 0, unchanged: 0 },
      records: { created: 3, updated: 0, unchanged: 0 },
      contacts: { created: 2, updated: 0, unchanged: 0 },
      errors: [],
    });
    expect(snapshot(t).slice(0, 4)).toEqual([3, 3, 8, 2]);

    const health = await t.app.request("/api/v1/vendors?dataCategory=health", { headers: proc });
    expect(((await health.json()) as { data: { name: string }[] }).data.map((v) => v.name)).toEqual([
      "Acme Payroll GmbH",
    ]);
    const list = (await (await t.app.request("/api/v1/vendors", { headers: proc })).json()) as {
      data: { id: string; name: string; tier: string }[];
    };
    const acme = list.data.find((v) => v.name === "Acme Payroll GmbH");
    expect(acme?.tier).not.toBe("low");
    const detail = (await (
      await t.app.request(`/api/v1/vendors/${acme?.id}`, { headers: proc })
    ).json()) as Record<string, unknown>;
    expect(detail).toMatchObject({
      legalName: "Acme Payroll Services GmbH",
      contacts: [{ email: "eva@acme.example", role: "privacy" }],
    });
    // Records made in the same millisecond have no set order, so compare them as a set.
    expect(detail.processing).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          purpose: "Monthly payroll and sick-leave administration",
          art9Condition: "employment_social_security",
          subjectCount: 1200,
        }),
        expect.objectContaining({
          purpose: "Travel expense refunds",
          dataSubjects: ["employees", "contractors"],
          subjectCount: 1200,
        }),
      ]),
    );
    const cloudy = list.data.find((v) => v.name === "Cloudy Mail Inc.");
    const mail = (await (
      await t.app.request(`/api/v1/vendors/${cloudy?.id}`, { headers: proc })
    ).json()) as Record<string, unknown>;
    expect(mail).toMatchObject({
      dpfCertified: true,
      businessCriticality: "medium",
      processing: [
        {
          legalBasis: "consent",
          dataSubjects: ["customers", "Newsletter subscribers"],
          locations: [
            { country: "US", mechanism: "scc", sccModule: 2 },
            { country: "IE", mechanism: "adequacy" },
          ],
        },
      ],
    });

    const event = t.sqlite.prepare("select * from audit_events where action = 'vendor.import'").get() as {
      changes: string;
      actor_type: string;
    };
    expect(JSON.parse(event.changes)).toMatchObject({
      fileName: { after: "vendors.csv" },
      sha256: { after: expect.stringMatching(/^[0-9a-f]{64}$/) },
      vendors: { after: { created: 3 } },
    });
    const actions = t.sqlite.prepare("select action, count(*) as n from audit_events group by action").all();
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: "vendor.create", n: 3 },
        { action: "processing.create", n: 3 },
        { action: "vendor_contact.create", n: 2 },
      ]),
    );
  });

  it("a file with bad rows reports every error with its row and column, and writes nothing", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const before = snapshot(t);
    const res = await postCsv(
      t,
      proc,
      csvOf([
        payroll,
        { ...mailer, data_categories: "identity;helth" },
        { ...printer, vendor_name: "Nowhere Ltd", country: "XX" },
        { ...payroll, vendor_name: "Clinic Ltd", art9_condition: "" },
        { ...mailer, vendor_name: "Counting Co", subject_count: "about ten" },
        { ...mailer, vendor_name: "Far Away", locations: "US:scc" },
      ]),
    );
    expect(res.status).toBe(400);
    const details = res.body.error?.details ?? [];
    expect(details.map((d) => [d.row, d.column])).toEqual([
      [3, "data_categories"],
      [4, "country"],
      [5, "art9_condition"],
      [6, "subject_count"],
      [7, "locations"],
    ]);
    expect(details[0]?.message).toContain('"helth"');
    expect(details[2]?.message).toContain("Art. 9(2)");
    expect(details[4]?.message).toContain("module");
    expect(snapshot(t)).toEqual(before);
  });

  it("valid-only imports the good rows and reports the rest", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const res = await postCsv(
      t,
      proc,
      csvOf([payroll, { ...mailer, legal_basis: "because" }, printer]),
      "?mode=valid-only",
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      rows: { total: 3, imported: 2, rejected: 1 },
      vendors: { created: 2 },
      records: { created: 1 },
    });
    expect(res.body.errors).toEqual([
      { row: 3, column: "legal_basis", message: expect.stringContaining('"because" is not one of') },
    ]);
    expect(count(t, "vendors")).toBe(2);
  });

  it("importing the same file twice creates no duplicates; a changed row updates in place", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const file = csvOf([payroll, payrollTravel, mailer, printer]);
    expect((await postCsv(t, proc, file)).status).toBe(200);
    const after = snapshot(t);
    const again = await postCsv(t, proc, file);
    expect(again.body).toMatchObject({
      vendors: { created: 0, updated: 0, unchanged: 3 },
      records: { created: 0, updated: 0, unchanged: 3 },
      contacts: { created: 0, updated: 0, unchanged: 2 },
    });
    expect(snapshot(t)).toEqual([...after.slice(0, 4), after[4]! + 1]);

    const reordered = {
      ...payroll,
      data_categories: "health;financial;identity",
      purpose: "MONTHLY payroll and sick-leave administration",
    };
    const changed = await postCsv(
      t,
      proc,
      csvOf([
        reordered,
        { ...payrollTravel, subject_count: "1500" },
        { ...mailer, business_owner: "Marketing lead" },
      ]),
    );
    expect(changed.body).toMatchObject({
      vendors: { created: 0, updated: 1, unchanged: 1 },
      records: { created: 0, updated: 2, unchanged: 1 },
    });
    expect(count(t, "processing_records")).toBe(3);
    const counts = t.sqlite
      .prepare("select subject_count from processing_records where purpose = 'Travel expense refunds'")
      .get();
    expect(counts).toEqual({ subject_count: 1500 });
    // The import appends its events in one batch; the chain must still verify link by link.
    expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true });
  });

  it("a dry run reports what would happen and writes nothing", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const before = snapshot(t);
    const res = await postCsv(t, proc, csvOf([payroll, mailer]), "?dryRun=true");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: true,
      importId: null,
      vendors: { created: 2 },
      records: { created: 2 },
    });
    expect(snapshot(t)).toEqual(before);
    const bad = await postCsv(t, proc, csvOf([{ ...payroll, country: "XX" }]), "?dryRun=true");
    expect(bad.status).toBe(400);
  });

  it("rows of one vendor must agree, and each record needs its own purpose", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const res = await postCsv(
      t,
      proc,
      csvOf([
        payroll,
        { ...payrollTravel, country: "AT" },
        { ...payrollTravel, purpose: "monthly payroll and  sick-leave administration" },
        { ...mailer, business_criticality: "", country: "" },
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.body.error?.details.map((d) => [d.row, d.column])).toEqual([
      [3, "country"],
      [4, "purpose"],
      [5, "country"],
      [5, "business_criticality"],
    ]);
  });
});
