import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { COLUMN_NAMES } from "../../src/vendors/register-csv-layout.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";

type Cells = Record<string, string>;

const vendor: Cells = {
  vendor_name: "Müller Datenservice GmbH",
  country: "DE",
  business_criticality: "high",
  dpo_name: "Dr. Anna Schmidt",
  dpo_email: "dpo@mueller.example",
  signatory_name: "Jonas Becker",
  signatory_title: "Geschäftsführer",
};
const overseas: Cells = {
  vendor_name: "Cloudy Mail Inc.",
  country: "US",
  business_criticality: "medium",
  eu_representative: "EU Rep Ltd, 1 Main Street, Dublin, Ireland",
};

const csvOf = (rows: Cells[]) =>
  stringify([COLUMN_NAMES, ...rows.map((r) => COLUMN_NAMES.map((c) => r[c] ?? ""))]);

async function importCsv(t: TestApp, headers: Record<string, string>, body: string) {
  const res = await t.app.request("/api/v1/vendors/import", {
    method: "POST",
    headers: { ...headers, "content-type": "text/csv" },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function vendorNamed(t: TestApp, headers: Record<string, string>, name: string) {
  const list = await t.app.request(`/api/v1/vendors?q=${encodeURIComponent(name)}`, { headers });
  const { data } = (await list.json()) as { data: { id: string; name: string }[] };
  const id = data.find((v) => v.name === name)?.id;
  const res = await t.app.request(`/api/v1/vendors/${id}`, { headers });
  return (await res.json()) as Record<string, unknown>;
}

describe("the vendor's DPA parties in the register CSV", () => {
  it("imports the DPO, EU representative and signatory, exports them, and a re-import changes nothing", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    expect((await importCsv(t, proc, csvOf([vendor, overseas]))).status).toBe(200);

    expect(await vendorNamed(t, proc, "Müller Datenservice GmbH")).toMatchObject({
      dpoName: "Dr. Anna Schmidt",
      dpoEmail: "dpo@mueller.example",
      euRepresentative: null,
      signatoryName: "Jonas Becker",
      signatoryTitle: "Geschäftsführer",
    });
    expect(await vendorNamed(t, proc, "Cloudy Mail Inc.")).toMatchObject({
      euRepresentative: "EU Rep Ltd, 1 Main Street, Dublin, Ireland",
      dpoName: null,
    });

    const exported = await (await t.app.request("/api/v1/register/export.csv", { headers: proc })).text();
    const rows = parse(exported, { columns: true, bom: true }) as Cells[];
    expect(rows.find((r) => r.vendor_name === "Müller Datenservice GmbH")).toMatchObject({
      dpo_name: "Dr. Anna Schmidt",
      dpo_email: "dpo@mueller.example",
      signatory_title: "Geschäftsführer",
    });

    const again = await importCsv(t, proc, exported);
    expect(again.body).toMatchObject({ vendors: { created: 0, updated: 0, unchanged: 2 } });

    const changed = await importCsv(t, proc, csvOf([{ ...vendor, signatory_name: "Lena Vogel" }]));
    expect(changed.body).toMatchObject({ vendors: { updated: 1 } });
    expect(await vendorNamed(t, proc, "Müller Datenservice GmbH")).toMatchObject({
      signatoryName: "Lena Vogel",
    });
  });

  it("refuses a DPO email that is not an address, naming its row and column, and writes nothing", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    const res = await importCsv(t, proc, csvOf([overseas, { ...vendor, dpo_email: "anna at mueller" }]));
    expect(res.status).toBe(400);
    const details = (res.body.error as { details: { row: number; column: string | null }[] }).details;
    expect(details.map((d) => [d.row, d.column])).toEqual([[3, "dpo_email"]]);
    const { n } = t.sqlite.prepare("select count(*) as n from vendors").get() as { n: number };
    expect(n).toBe(0);
  });
});
