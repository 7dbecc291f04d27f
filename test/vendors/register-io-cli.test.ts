import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { stringify } from "csv-stringify/sync";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.ts";
import { COLUMN_NAMES } from "../../src/vendors/register-csv-layout.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const good = {
  vendor_name: "Acme Payroll GmbH",
  country: "DE",
  business_criticality: "high",
  purpose: "Payroll",
  legal_basis: "contract",
  data_categories: "identity;financial",
  data_subjects: "employees",
  subject_count: "300",
  frequency: "recurring",
  access: "stores",
  locations: "DE:adequacy",
};

function csvOf(rows: Record<string, string>[]): string {
  return stringify([COLUMN_NAMES, ...rows.map((r) => COLUMN_NAMES.map((c) => r[c] ?? ""))]);
}

/** The CLI on a fresh database file in a temporary folder, capturing what it prints. */
function cliOnTempDb() {
  const dir = mkdtempSync(join(tmpdir(), "vendorvet-io-"));
  dirs.push(dir);
  const databasePath = join(dir, "vendorvet.db");
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { DATABASE_PATH: databasePath },
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const count = (table: string) => {
    const db = new SQLite(databasePath, { readonly: true });
    try {
      return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  return { dir, run, file, count };
}

describe("vendorvet import and export", () => {
  it("--help lists both commands", async () => {
    const res = await cliOnTempDb().run("--help");
    expect(res.out).toMatch(/import <file\.csv> \[--valid-only\] \[--dry-run\]/);
    expect(res.out).toMatch(/export register\|ropa/);
  });

  it("imports a file, and a second run finds everything unchanged", async () => {
    const cli = cliOnTempDb();
    const path = cli.file(
      "vendors.csv",
      csvOf([good, { vendor_name: "Print Shop", country: "FR", business_criticality: "low" }]),
    );
    const dry = await cli.run("import", path, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("Dry run, nothing written: vendors.csv");
    expect(cli.count("vendors")).toBe(0);

    const first = await cli.run("import", path);
    expect(first.code).toBe(0);
    expect(first.out).toContain("Vendors: 2 created, 0 updated, 0 unchanged");
    expect(first.out).toContain("Records: 1 created, 0 updated, 0 unchanged");
    const second = await cli.run("import", path);
    expect(second.out).toContain("Vendors: 0 created, 0 updated, 2 unchanged");
    expect(cli.count("vendors")).toBe(2);
    expect((await cli.run("audit", "verify")).code).toBe(0);
  });

  it("an invalid file exits 1 with each error and writes nothing; --valid-only imports the rest", async () => {
    const cli = cliOnTempDb();
    const path = cli.file("bad.csv", csvOf([good, { ...good, vendor_name: "Nowhere", country: "XX" }]));
    const res = await cli.run("import", path);
    expect(res.code).toBe(1);
    expect(res.err).toContain("The file has 1 error; nothing was imported");
    expect(res.err).toMatch(/row 3, country: must be an ISO 3166-1 alpha-2 country code/);
    expect(cli.count("vendors")).toBe(0);

    const partial = await cli.run("import", path, "--valid-only");
    expect(partial.code).toBe(1);
    expect(partial.out).toContain("Rows: 2 read, 1 imported, 1 rejected");
    expect(partial.err).toContain("row 3, country");
    expect(cli.count("vendors")).toBe(1);
  });

  it("exports the RoPA and the register as CSV or JSON, to a file or standard output", async () => {
    const cli = cliOnTempDb();
    await cli.run("import", cli.file("vendors.csv", csvOf([good])));
    const target = join(cli.dir, "ropa.csv");
    const ropa = await cli.run("export", "ropa", "--format", "csv", "-o", target);
    expect(ropa.code).toBe(0);
    expect(ropa.err).toContain(`Wrote 1 rows to ${target}`);
    expect(existsSync(target)).toBe(true);
    const text = readFileSync(target, "utf8");
    expect(text).toContain("Purpose of the processing (Art. 30(1)(b))");
    expect(text).toContain("Acme Payroll GmbH");

    const register = await cli.run("export", "register");
    expect(register.out.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(COLUMN_NAMES.join(","));
    const json = await cli.run("export", "register", "--format", "json");
    expect(JSON.parse(json.out).rows[0]).toMatchObject({
      vendor_name: "Acme Payroll GmbH",
      purpose: "Payroll",
    });

    expect((await cli.run("export", "everything")).code).toBe(2);
    expect((await cli.run("export", "ropa", "--format", "pdf")).code).toBe(2);
    expect((await cli.run("import", join(cli.dir, "missing.csv"))).code).toBe(2);
  });
});
