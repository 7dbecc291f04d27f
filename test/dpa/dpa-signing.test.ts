import { describe, expect, it } from "vitest";
import { updateSettings } from "../../src/settings/settings-service.ts";
import { sha256Hex } from "../../src/shared/runtime.ts";
import { api } from "../assessments/fixtures.ts";
import { buildTestApp } from "../support/test-app.ts";
import { configureOrganisation, download, richVendor, tinyPdf, uploadSigned } from "./dpa-setup.ts";

async function generated() {
  const t = await buildTestApp();
  await configureOrganisation(t);
  const { vendor } = await richVendor(t);
  const privacy = await t.bearer("privacy");
  const made = await api(t, privacy, "POST", `/api/v1/vendors/${vendor.id}/dpa`);
  return { t, vendor, privacy, documentId: String(made.body.documentId) };
}

async function auditActions(t: Awaited<ReturnType<typeof generated>>["t"]) {
  const rows = await t.deps.db
    .selectFrom("audit_events")
    .select(["action", "entity_id"])
    .where("entity_type", "=", "dpa")
    .orderBy("seq")
    .execute();
  return rows.map((r) => r.action);
}

describe("taking a DPA through signature", () => {
  it("goes generated -> sent -> signed; the signed copy is kept with its SHA-256 and comes into force", async () => {
    const { t, vendor, privacy, documentId } = await generated();
    const sent = await api(t, privacy, "POST", `/api/v1/dpa/${documentId}/sent`);
    expect(sent.status).toBe(200);
    expect((sent.body.versions as { status: string }[])[0]?.status).toBe("sent_for_signature");
    expect((await api(t, privacy, "POST", `/api/v1/dpa/${documentId}/sent`)).status).toBe(409);

    const scan = await tinyPdf("Countersigned by both parties");
    t.clock.set("2026-03-05T10:00:00.000Z");
    const signed = await uploadSigned(t, privacy, documentId, { bytes: scan }, "2026-03-04");
    expect(signed.status).toBe(200);
    expect(signed.body.inForce).toEqual({ documentId, version: 1, signedOn: "2026-03-04" });
    expect(signed.body.outOfDate).toBe(false);
    const version = (signed.body.versions as { signed: { sha256: string }; signedUrl: string }[])[0];
    expect(version?.signed.sha256).toBe(sha256Hex(scan));

    const copy = await download(t, await t.bearer("viewer"), `/api/v1/dpa/${documentId}/signed`);
    expect(copy.status).toBe(200);
    expect(copy.headers.get("content-type")).toBe("application/pdf");
    expect(copy.headers.get("content-disposition")).toContain("signed.pdf");
    expect(sha256Hex(copy.bytes)).toBe(sha256Hex(scan));
    expect(await auditActions(t)).toEqual(["dpa.generate", "dpa.send", "dpa.sign"]);

    const again = await uploadSigned(t, privacy, documentId, { bytes: scan });
    expect(again.status).toBe(409);
    expect(vendor.id).toBeTruthy();
  });

  it("flags the signed DPA as out of date when the register changes, until a new version is signed", async () => {
    const { t, vendor, privacy, documentId } = await generated();
    await uploadSigned(t, privacy, documentId, { bytes: await tinyPdf("v1 signed") });
    await api(t, privacy, "POST", `/api/v1/vendors/${vendor.id}/subprocessors`, {
      name: "Backup Vault Ltd",
      service: "Off-site backups",
      country: "CH",
      mechanism: "adequacy",
    });
    await updateSettings(t.ctx, { breachNotificationHours: 24 });
    const stale = await api(t, privacy, "GET", `/api/v1/vendors/${vendor.id}/dpa`);
    expect(stale.body.outOfDate).toBe(true);
    expect(stale.body.changesSinceSigned).toEqual([
      "settings.breachNotificationHours: 36 → 24",
      "subprocessors: added Backup Vault Ltd",
    ]);

    const v2 = await api(t, privacy, "POST", `/api/v1/vendors/${vendor.id}/dpa`);
    expect(v2.body.version).toBe(2);
    const between = await api(t, privacy, "GET", `/api/v1/vendors/${vendor.id}/dpa`);
    // Version 1 stays in force (and out of date) until version 2 is signed.
    expect(between.body.inForce).toMatchObject({ version: 1 });
    expect(between.body.outOfDate).toBe(true);
    expect((between.body.versions as { status: string }[]).map((v) => v.status)).toEqual([
      "generated",
      "signed",
    ]);

    await uploadSigned(t, privacy, String(v2.body.documentId), { bytes: await tinyPdf("v2 signed") });
    const fresh = await api(t, privacy, "GET", `/api/v1/vendors/${vendor.id}/dpa`);
    expect(fresh.body.inForce).toMatchObject({ version: 2 });
    expect(fresh.body.outOfDate).toBe(false);
    expect((fresh.body.versions as { status: string }[]).map((v) => v.status)).toEqual([
      "signed",
      "superseded",
    ]);
    // The superseded version keeps its countersigned copy for the record.
    expect((await download(t, privacy, `/api/v1/dpa/${documentId}/signed`)).status).toBe(200);
  });

  it.each([
    ["an HTML page named signed.pdf", { bytes: Buffer.from("<html><body>signed</body></html>") }, 415],
    ["a PNG", { bytes: Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), name: "scan.pdf" }, 415],
    ["an empty file", { bytes: new Uint8Array() }, 400],
  ])("refuses %s", async (_case, file, status) => {
    const { t, privacy, documentId } = await generated();
    const res = await uploadSigned(t, privacy, documentId, file);
    expect(res.status).toBe(status);
    const row = await t.deps.db
      .selectFrom("dpa_documents")
      .select(["status", "signed_sha256"])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "generated", signed_sha256: null });
  });

  it("takes a scan of several megabytes and refuses one over 20 MB with 413", async () => {
    // Needs app.ts to leave isDpaUploadPath() out of its 1 MB API body limit (the route sets 20 MB itself).
    const { t, privacy, documentId } = await generated();
    const pdf = await tinyPdf("scanned at 600 dpi");
    const tooBig = await uploadSigned(t, privacy, documentId, {
      bytes: Buffer.concat([pdf, Buffer.alloc(21 * 1024 * 1024)]),
    });
    expect(tooBig.status).toBe(413);
    const large = await uploadSigned(t, privacy, documentId, {
      bytes: Buffer.concat([pdf, Buffer.alloc(3 * 1024 * 1024)]),
    });
    expect(large.status).toBe(200);
    expect(large.body.inForce).toMatchObject({ documentId });
  });

  it("checks the signature date and that a file was sent", async () => {
    const { t, privacy, documentId } = await generated();
    const pdf = { bytes: await tinyPdf("signed") };
    for (const [signedOn, message] of [
      ["", "must be a date as YYYY-MM-DD"],
      ["2026-03-03", "must not be in the future"],
      ["2026-02-01", "must not be before the version was generated (2026-03-02)"],
    ] as const) {
      const res = await uploadSigned(t, privacy, documentId, pdf, signedOn);
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path: "signedOn", message }]);
    }
    const noFile = await uploadSigned(t, privacy, documentId, null);
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.details[0].path).toBe("file");
    const json = await api(t, privacy, "POST", `/api/v1/dpa/${documentId}/signed`, {
      signedOn: "2026-03-02",
    });
    expect(json.status).toBe(415);
  });

  it("refuses to send or sign a version that a newer one superseded", async () => {
    const { t, vendor, privacy, documentId } = await generated();
    await updateSettings(t.ctx, { subprocessorNoticeDays: 60 });
    const v2 = await api(t, privacy, "POST", `/api/v1/vendors/${vendor.id}/dpa`);
    expect(v2.body.version).toBe(2);
    const sent = await api(t, privacy, "POST", `/api/v1/dpa/${documentId}/sent`);
    expect(sent.status).toBe(409);
    expect(sent.body.error?.message).toBe(
      "Version 1 is superseded; only a newly generated version can be sent",
    );
    const signed = await uploadSigned(t, privacy, documentId, { bytes: await tinyPdf("old") });
    expect(signed.status).toBe(409);
    expect(signed.body.error.message).toContain("superseded by a newer version");
  });

  it("leaves signing to privacy and admins", async () => {
    const { t, documentId } = await generated();
    for (const role of ["procurement", "viewer"] as const) {
      const headers = await t.bearer(role);
      expect((await api(t, headers, "POST", `/api/v1/dpa/${documentId}/sent`)).status).toBe(403);
      expect((await uploadSigned(t, headers, documentId, { bytes: await tinyPdf("x") })).status).toBe(403);
    }
    const admin = await t.bearer("admin");
    expect((await api(t, admin, "POST", `/api/v1/dpa/${documentId}/sent`)).status).toBe(200);
    expect((await api(t, admin, "POST", "/api/v1/dpa/unknown/sent")).status).toBe(404);
  });
});
