import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { cliActor } from "../../src/auth/roles.ts";
import { runCli } from "../../src/cli.ts";
import { loadConfig } from "../../src/config.ts";
import { createDb, openSqlite } from "../../src/db/connection.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { fixedClock, sha256Hex, ulidGenerator } from "../../src/shared/runtime.ts";
import { changeVendorStatus } from "../../src/vendors/vendor-service.ts";
import { configureOrganisation, richVendor } from "../dpa/dpa-setup.ts";
import type { TestApp } from "../support/test-app.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A database file with the organisation's settings and one approved vendor, and a CLI bound to it. */
async function cliWithVendor() {
  const dir = mkdtempSync(join(tmpdir(), "vendorvet-dpa-cli-"));
  dirs.push(dir);
  const databasePath = join(dir, "vendorvet.db");
  const db = createDb(openSqlite(databasePath));
  await migrateToLatest(db);
  const ctx = {
    db,
    config: loadConfig({ DATABASE_PATH: databasePath }),
    clock: fixedClock("2026-03-02T09:00:00.000Z"),
    newId: ulidGenerator,
    actor: cliActor,
  };
  // The setup helpers only use the service context of a test app.
  const t = { ctx, deps: { db } } as unknown as TestApp;
  await configureOrganisation(t);
  const { vendor } = await richVendor(t, "Müller GmbH");
  for (const status of ["under_review", "approved"] as const)
    await changeVendorStatus(ctx, vendor.id, { status });
  await db.destroy();
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      env: { DATABASE_PATH: databasePath },
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };
  return { dir, run, vendorId: vendor.id };
}

describe("vendorvet dpa", () => {
  it("writes the vendor's DPA, then reuses the same version while nothing changed", async () => {
    const cli = await cliWithVendor();
    const file = join(cli.dir, "muller.pdf");
    const first = await cli.run("dpa", "Müller GmbH", "-o", file);
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toContain("Generated version 1 of the DPA with Müller GmbH");
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(first.out).toContain(`sha256 ${sha256Hex(bytes)}`);

    const again = await cli.run("dpa", cli.vendorId, "--output", join(cli.dir, "again.pdf"));
    expect(again.code).toBe(0);
    expect(again.out).toContain("Unchanged, reused version 1");
    expect(sha256Hex(readFileSync(join(cli.dir, "again.pdf")))).toBe(sha256Hex(bytes));
  });

  it("exports every approved vendor's current DPA as a ZIP", async () => {
    const cli = await cliWithVendor();
    const zip = join(cli.dir, "dpas.zip");
    const none = await cli.run("dpa", "export", "-o", zip);
    expect(none.code).toBe(0);
    expect(none.out).toContain("Wrote 0 DPAs");
    expect(none.err).toContain("1 approved vendor(s) have no DPA yet");

    await cli.run("dpa", "müller gmbh", "-o", join(cli.dir, "m.pdf"));
    const res = await cli.run("dpa", "export", "-o", zip);
    expect(res.out).toContain("Wrote 1 DPA to");
    const files = unzipSync(new Uint8Array(readFileSync(zip)));
    expect(Object.keys(files)).toEqual(["README.txt", "DPA Müller GmbH v1.pdf"]);
    expect(sha256Hex(files["DPA Müller GmbH v1.pdf"] ?? new Uint8Array())).toBe(
      sha256Hex(readFileSync(join(cli.dir, "m.pdf"))),
    );
  });

  it.each([
    ["an unknown vendor", ["dpa", "Nobody Ltd", "-o", "x.pdf"], /No vendor with the id or name "Nobody Ltd"/],
    ["no output file", ["dpa", "Müller GmbH"], /-o <file\.pdf>/],
    ["no vendor", ["dpa"], /Give the vendor/],
    [
      "a bad effective date",
      ["dpa", "Müller GmbH", "-o", "x.pdf", "--effective-date", "March"],
      /effective date/,
    ],
  ])("%s exits 2 with a message", async (_case, argv, message) => {
    const cli = await cliWithVendor();
    const res = await cli.run(...argv);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(message);
  });

  it("is listed in --help", async () => {
    const cli = await cliWithVendor();
    const help = await cli.run("--help");
    expect(help.out).toContain("dpa <vendor id or exact name> -o <file.pdf>");
    expect(help.out).toContain("dpa export -o <file.zip>");
  });
});
