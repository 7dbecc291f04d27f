import { readFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/audit/audit-verify.ts";
import { groupVendorRows, parseRegisterCsv } from "../../src/vendors/import-parse.ts";
import { COLUMN_NAMES, MAX_IMPORT_BYTES } from "../../src/vendors/register-csv-layout.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";

type Cells = Record<string, string>;
type Issue = { row: number; column: string | null; message: string };

const payroll: Cells = {
  vendor_name: "Acme Payroll GmbH",
  legal_name: "Acme Payroll Services GmbH",
  country: "DE",
  business_criticality: "high",
  contact_name: "Eva Weber",
  contact_email: "Eva@Acme.example",
  contact_role: "privacy",
  purpose: "Monthly payroll and sick-leave administration",
  legal_basis: "legal_obligation",
  data_categories: "identity;financial;health",
  art9_condition: "employment_social_security",
  data_subjects: "employees",
  subject_count: "1200",
  retention: "10 years after employment ends",
  frequency: "recurring",
  access: "stores",
  locations: "DE:adequacy",
};
const payrollTravel: Cells = {
  vendor_name: "acme payroll gmbh",
  purpose: "Travel expense refunds",
  legal_basis: "contract",
  data_categories: "identity;financial",
  data_subjects: "employees;contractors",
  subject_count: "1,200",
  frequency: "recurring",
  access: "processes_only",
  locations: "DE:adequacy",
};
const mailer: Cells = {
  vendor_name: "Cloudy Mail Inc.",
  country: "US",
  business_criticality: "Medium",
  dpf_certified: "yes",
  contact_name: "Sam Lee",
  contact_email: "security@cloudymail.example",
  contact_role: "security",
  purpose: "Newsletter delivery",
  legal_basis: "Consent",
  data_categories: "identity;contact;usage",
  data_subjects: "customers;Newsletter subscribers",
  subject_count: "25000",
  frequency: "continuous",
  access: "processes_only",
  locations: "US:scc:2;IE:adequacy",
};
const printer: Cells = { vendor_name: "Print Shop", country: "FR", business_criticality: "low" };

function csvOf(rows: Cells[], columns: readonly string[] = COLUMN_NAMES, delimiter = ","): string {
  return stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ""))], { delimiter });
}

async function postCsv(t: TestApp, headers: Record<string, string>, body: string, query = "") {
  const res = await t.app.request(`/api/v1/vendors/import${query}`, {
    method: "POST",
    headers: { ...headers, "content-type": "text/csv" },
    body,
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { error?: { details: Issue[] } },
  };
}

function count(t: TestApp, table: string): number {
  return (t.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

function snapshot(t: TestApp) {
  return ["vendors", "processing_records", "processing_categories", "vendor_contacts", "audit_events"].map(
    (table) => count(t, table),
  );
}

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

  it("only procurement, privacy and admin may import; anyone signed in may fetch the template", async () => {
    const t = await buildTestApp();
    const viewer = await t.bearer("viewer");
    expect((await postCsv(t, viewer, csvOf([printer]))).status).toBe(403);
    expect(
      (await t.app.request("/api/v1/vendors/import", { method: "POST", body: csvOf([printer]) })).status,
    ).toBe(401);
    expect(count(t, "vendors")).toBe(0);

    const template = await t.app.request("/api/v1/vendors/import/template.csv", { headers: viewer });
    expect(template.status).toBe(200);
    expect(template.headers.get("content-type")).toContain("text/csv");
    const text = await template.text();
    const { rows, issues } = parseRegisterCsv(text);
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(2);
    const dry = await postCsv(t, await t.bearer("privacy"), text, "?dryRun=true");
    expect(dry.body).toMatchObject({ vendors: { created: 2 }, records: { created: 2 }, errors: [] });
  });

  it("accepts a multipart upload and a semicolon-separated file from a spreadsheet", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const form = new FormData();
    form.set("file", new File([csvOf([payroll])], "from-form.csv", { type: "text/csv" }));
    const res = await t.app.request("/api/v1/vendors/import", { method: "POST", headers: proc, body: form });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ fileName: "from-form.csv", vendors: { created: 1 } });

    const semicolons = `\uFEFF${csvOf([mailer], COLUMN_NAMES, ";")}`;
    const excel = await postCsv(t, proc, semicolons);
    expect(excel.body).toMatchObject({ vendors: { created: 1 }, records: { created: 1 } });
  });

  it("refuses a body over the documented limit with 413", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const res = await postCsv(t, proc, "x".repeat(MAX_IMPORT_BYTES + 1));
    expect(res.status).toBe(413);
  });
});

describe("reading the CSV layout", () => {
  it.each([
    ["an unknown column", "vendor_name,country,business_criticality,colour\n", 1, "colour", /unknown column/],
    ["a missing required column", "vendor_name,country\nX,DE\n", 1, "business_criticality", /required/],
    ["a header only", `${COLUMN_NAMES.join(",")}\n`, 2, null, /no data rows/],
    ["an empty file", "", 1, null, /empty/],
    ["an unclosed quote", 'vendor_name,country,business_criticality\n"X,DE,low\n', 2, null, /not readable/],
  ])("reports %s as fatal", (_name, text, row, column, message) => {
    const parsed = parseRegisterCsv(text);
    expect(parsed.fatal).toBe(true);
    expect(parsed.issues[0]).toMatchObject({ row, column });
    expect(parsed.issues[0]?.message).toMatch(message);
  });

  it("numbers rows as a spreadsheet does, counting blank rows, and accepts readable headers", () => {
    const text = "Vendor name,Country,Business criticality,Dpf certified\nA,de,low,maybe\n,,,\nB,FR,low,Y\n";
    const parsed = parseRegisterCsv(text);
    expect(parsed.issues).toEqual([{ row: 2, column: "dpf_certified", message: "must be yes or no" }]);
    expect(parsed.dataRows).toBe(2);
    expect(parsed.rows.map((r) => [r.row, r.vendor])).toEqual([
      [4, { name: "B", country: "FR", businessCriticality: "low", dpfCertified: true }],
    ]);
  });

  it("docs/csv-import.md documents every column of the layout", () => {
    const doc = readFileSync(new URL("../../docs/csv-import.md", import.meta.url), "utf8");
    for (const column of COLUMN_NAMES) expect(doc).toContain(`| \`${column}\` |`);
  });

  it("undoes the export's formula escaping and groups rows by vendor", () => {
    const text = csvOf([
      { ...printer, vendor_name: "'=SUM(A1)" },
      { ...printer, vendor_name: "=sum(a1)", country: "" },
    ]);
    const { rows } = parseRegisterCsv(text);
    const { groups, issues } = groupVendorRows(rows);
    expect(issues).toEqual([]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ rows: [2, 3], vendor: { name: "=SUM(A1)", country: "FR" } });
  });
});
