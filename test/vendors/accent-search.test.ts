import { type CompiledQuery, Kysely, SqliteDialect } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/schema.ts";
import { encodeCursor } from "../../src/shared/cursor.ts";
import { listVendors, nameKey } from "../../src/vendors/vendor-queries.ts";
import { VendorListQuery } from "../../src/vendors/vendor-schemas.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";

const VENDORS = [
  { name: "Müller GmbH", legalName: "Müller Lohnbuchhaltung GmbH", country: "DE" },
  { name: "Mueller Consulting", country: "DE" },
  { name: "Łódź Logistics Sp. z o.o.", country: "PL" },
  { name: "Lodowa Cold Chain", country: "PL" },
  { name: "Baltic Freight", legalName: "Przewozy Białystok Sp. z o.o.", country: "PL" },
  { name: "Ελληνικά Τρόφιμα Α.Ε.", country: "GR" },
  { name: "Ασφάλεια Ελβετίας", country: "GR" },
  { name: "Athens Data Services", legalName: "Αθηναϊκή Πληροφορική Α.Ε.", country: "GR" },
  { name: "Kappa AG", country: "AT" },
  { name: "Zeta Systems", country: "IE" },
];

let t: TestApp;
let headers: Record<string, string>;
const ids = new Map<string, string>();

async function list(params: Record<string, string>): Promise<{ names: string[]; nextCursor: string | null }> {
  const res = await t.app.request(`/api/v1/vendors?${new URLSearchParams(params)}`, { headers });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: { name: string }[]; nextCursor: string | null };
  return { names: body.data.map((v) => v.name), nextCursor: body.nextCursor };
}

async function search(q: string): Promise<string[]> {
  return (await list({ q })).names.sort();
}

beforeAll(async () => {
  t = await buildTestApp();
  headers = await t.bearer("procurement");
  for (const vendor of VENDORS) {
    const res = await t.app.request("/api/v1/vendors", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ ...vendor, businessCriticality: "low" }),
    });
    expect(res.status).toBe(201);
    ids.set(vendor.name, ((await res.json()) as { id: string }).id);
  }
});

describe("searching the register ignores accents and case", () => {
  it.each([
    ["muller", ["Müller GmbH"]],
    ["MÜLLER", ["Müller GmbH"]],
    ["mül", ["Müller GmbH"]],
    ["Mueller", ["Mueller Consulting"]],
    ["lodz", ["Łódź Logistics Sp. z o.o."]],
    ["łódź", ["Łódź Logistics Sp. z o.o."]],
    ["ŁÓDŹ  LOGISTICS", ["Łódź Logistics Sp. z o.o."]],
    ["Lo", ["Lodowa Cold Chain", "Łódź Logistics Sp. z o.o."]],
    ["ł", ["Lodowa Cold Chain", "Łódź Logistics Sp. z o.o."]],
    ["bialystok", ["Baltic Freight"]],
    ["BIAŁYSTOK", ["Baltic Freight"]],
    ["ελλην", ["Ελληνικά Τρόφιμα Α.Ε."]],
    ["Ελληνικά", ["Ελληνικά Τρόφιμα Α.Ε."]],
    ["ελ", ["Ελληνικά Τρόφιμα Α.Ε."]],
    ["ΑΣ", ["Ασφάλεια Ελβετίας"]],
    ["ελβετια", ["Ασφάλεια Ελβετίας"]],
    ["Αθηναϊκή", ["Athens Data Services"]],
    ["zzz", []],
  ])("%j finds %j", async (q, expected) => {
    expect(await search(q)).toEqual([...expected].sort());
  });

  it("sorting by name puts Łódź among the L's and Müller beside Mueller", async () => {
    expect((await list({ sort: "name" })).names).toEqual([
      "Athens Data Services",
      "Baltic Freight",
      "Kappa AG",
      "Lodowa Cold Chain",
      "Łódź Logistics Sp. z o.o.",
      "Mueller Consulting",
      "Müller GmbH",
      "Zeta Systems",
      "Ασφάλεια Ελβετίας",
      "Ελληνικά Τρόφιμα Α.Ε.",
    ]);
  });

  it("pages through a prefix search without losing or repeating a vendor", async () => {
    const first = await list({ q: "l", limit: "1" });
    expect(first.names).toEqual(["Lodowa Cold Chain"]);
    const second = await list({ q: "l", limit: "1", cursor: first.nextCursor ?? "" });
    expect(second.names).toEqual(["Łódź Logistics Sp. z o.o."]);
    expect(second.nextCursor).toBeNull();
  });

  it("a renamed vendor is found by its new name only, and a new legal name by its folded letters", async () => {
    const res = await t.app.request(`/api/v1/vendors/${ids.get("Kappa AG")}`, {
      method: "PATCH",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ name: "Kraków Kappa AG", legalName: "Kappa Øresund ApS" }),
    });
    expect(res.status).toBe(200);
    expect(await search("krakow")).toEqual(["Kraków Kappa AG"]);
    expect(await search("oresund")).toEqual(["Kraków Kappa AG"]);
    expect(await search("kappa ag")).toEqual(["Kraków Kappa AG"]);
  });
});

describe("a residual-only list", () => {
  async function plan(params: Record<string, string>): Promise<string[]> {
    const queries: CompiledQuery[] = [];
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: t.sqlite }),
      log: (event) => {
        queries.push(event.query);
      },
    });
    await listVendors(db, VendorListQuery.parse(params));
    const query = queries[0];
    if (!query) throw new Error("listVendors ran no query");
    const rows = t.sqlite
      .prepare(`explain query plan ${query.sql}`)
      .all(...(query.parameters as unknown[])) as { detail: string }[];
    return rows.map((r) => r.detail);
  }

  it.each([
    [{ residual: "high" }],
    [{ residual: "none" }],
    [{ residual: "low", cursor: encodeCursor("kappa ag", "01J") }],
  ])("%j is served in name order by vendors_residual_name", async (params) => {
    const details = await plan(params);
    expect(details.join("\n")).toMatch(/USING (COVERING )?INDEX vendors_residual_name/);
    expect(details.join("\n")).not.toMatch(/TEMP B-TREE/);
  });
});

describe("nameKey, the key vendors are sorted, searched and matched by", () => {
  it.each([
    ["Müller GmbH", "muller gmbh"],
    ["  MÜLLER \t  GmbH ", "muller gmbh"],
    ["Łódź Logistics Sp. z o.o.", "lodz logistics sp. z o.o."],
    ["Øresund Ærø Straße", "oresund aero strasse"],
    ["STRAẞE", "strasse"],
    ["Đorđević d.o.o.", "dordevic d.o.o."],
    ["Þór Guðmundsson ehf.", "thor gudmundsson ehf."],
    ["Œuvre SAS", "oeuvre sas"],
    ["Ħal Far Ltd", "hal far ltd"],
    ["Nguyễn Việt", "nguyen viet"],
    ["İstanbul Sigorta, Kırıkkale", "istanbul sigorta, kirikkale"],
    ["ﬁnance Ｃorp", "finance corp"],
    ["Ελληνικά", "ελληνικα"],
    ["ΑΣ", "ασ"],
    ["Йошкар-Ола", "йошкар-ола"],
    ["हिन्दी सेवा", "हिन्दी सेवा"],
    ["ガス株式会社", "ガス株式会社"],
    ["삼성", "삼성"],
  ])("%j -> %j", (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it("gives one key to the spellings a user treats as the same company", () => {
    expect(
      new Set(["Müller GmbH", "Muller GmbH", "MÜLLER  GMBH", "Mu\u0308ller GmbH"].map(nameKey)).size,
    ).toBe(1);
  });

  it("is idempotent, so a stored key searched again finds itself", () => {
    for (const name of VENDORS.map((v) => v.name)) expect(nameKey(nameKey(name))).toBe(nameKey(name));
  });
});
