import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { groupVendorRows, parseRegisterCsv } from "../../src/vendors/import-parse.ts";
import { COLUMN_NAMES, MAX_IMPORT_BYTES } from "../../src/vendors/register-csv-layout.ts";
import { buildTestApp } from "../support/test-app.ts";
import { count, csvOf, mailer, payroll, postCsv, printer } from "./import-fixtures.ts";

describe("CSV import of the vendor register: who may upload, and in what form", () => {
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
