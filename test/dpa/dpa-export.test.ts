import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/shared/runtime.ts";
import { changeVendorStatus, createVendor } from "../../src/vendors/vendor-service.ts";
import { api } from "../assessments/fixtures.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import { configureOrganisation, download, richVendor, tinyPdf, uploadSigned } from "./dpa-setup.ts";

async function approve(t: TestApp, vendorId: string) {
  for (const status of ["under_review", "approved"] as const)
    await changeVendorStatus(t.ctx, vendorId, { status });
}

/** Three approved vendors (one signed DPA, one generated, one without) and one in intake with a DPA. */
async function exportSetup() {
  const t = await buildTestApp();
  await configureOrganisation(t);
  const privacy = await t.bearer("privacy");
  const signed = (await richVendor(t, "Łódź Logistics")).vendor;
  const generated = (await richVendor(t, "Müller GmbH")).vendor;
  const intake = (await richVendor(t, "Intake Only Ltd")).vendor;
  const bare = await createVendor(t.ctx, {
    name: "Zeta Cleaning",
    country: "IE",
    businessCriticality: "low",
  });
  for (const v of [signed, generated, bare]) await approve(t, v.id);
  const made = new Map<string, { documentId: string; sha256: string }>();
  for (const v of [signed, generated, intake]) {
    const res = await api(t, privacy, "POST", `/api/v1/vendors/${v.id}/dpa`);
    made.set(v.id, { documentId: String(res.body.documentId), sha256: String(res.body.sha256) });
  }
  const scan = await tinyPdf("Łódź Logistics, countersigned");
  await uploadSigned(t, privacy, made.get(signed.id)?.documentId ?? "", { bytes: scan });
  return { t, privacy, signed, generated, intake, bare, made, scan };
}

describe("exporting every approved vendor's current DPA", () => {
  it("puts one PDF per approved vendor in the ZIP, the signed copy where there is one, and lists the rest", async () => {
    const { t, privacy, signed, generated, bare, made, scan } = await exportSetup();
    const res = await download(t, privacy, "/api/v1/dpa/export.zip");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="vendorvet-dpas-2026-03-02.zip"',
    );

    const files = unzipSync(new Uint8Array(res.bytes));
    expect(Object.keys(files)).toEqual([
      "README.txt",
      "DPA Łódź Logistics v1 signed.pdf",
      "DPA Müller GmbH v1.pdf",
    ]);
    expect(sha256Hex(files["DPA Łódź Logistics v1 signed.pdf"] ?? new Uint8Array())).toBe(sha256Hex(scan));
    expect(sha256Hex(files["DPA Müller GmbH v1.pdf"] ?? new Uint8Array())).toBe(
      made.get(generated.id)?.sha256,
    );

    const readme = strFromU8(files["README.txt"] ?? new Uint8Array());
    expect(readme).toContain(`sha256 ${sha256Hex(scan)}`);
    expect(readme).toContain(`sha256 ${made.get(generated.id)?.sha256}`);
    expect(readme).toContain("Approved vendors without a DPA (1):");
    expect(readme).toContain(`- Zeta Cleaning (${bare.id})`);
    expect(readme).not.toContain("Intake Only");
    expect(signed.id).toBeTruthy();
  });

  it("gives the same bytes for the same DPAs, whatever the time of the export", async () => {
    const { t, privacy } = await exportSetup();
    const first = await download(t, privacy, "/api/v1/dpa/export.zip");
    t.clock.advance(3 * 24 * 3600 * 1000);
    const later = await download(t, privacy, "/api/v1/dpa/export.zip");
    expect(sha256Hex(later.bytes)).toBe(sha256Hex(first.bytes));
  });

  it("is for privacy and admins only", async () => {
    const t = await buildTestApp();
    for (const role of ["procurement", "viewer"] as const)
      expect((await download(t, await t.bearer(role), "/api/v1/dpa/export.zip")).status).toBe(403);
    const empty = await download(t, await t.bearer("admin"), "/api/v1/dpa/export.zip");
    expect(empty.status).toBe(200);
    expect(Object.keys(unzipSync(new Uint8Array(empty.bytes)))).toEqual(["README.txt"]);
  });
});
