import { describe, expect, it } from "vitest";
import { buildDpaDocument } from "../../src/dpa/dpa-content.ts";
import { inputsFingerprint } from "../../src/dpa/dpa-fingerprint.ts";
import { renderDpaPdf } from "../../src/dpa/dpa-render.ts";
import { storedInputs } from "../../src/dpa/dpa-service.ts";
import { sha256Hex } from "../../src/shared/runtime.ts";
import { updateProcessingRecord } from "../../src/vendors/register-service.ts";
import { api } from "../assessments/fixtures.ts";
import { pdfText, qpdfCheck } from "../support/pdf.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import { completeAnnexAssessment, configureOrganisation, download, richVendor } from "./dpa-setup.ts";

const ANSWERS = { "enc-rest": "yes", mfa: "yes", pentest: "no", "has-logs": "no" };

async function richSetup() {
  const t = await buildTestApp();
  await configureOrganisation(t);
  const setup = await richVendor(t);
  await completeAnnexAssessment(t, setup.vendor.id, ANSWERS);
  return { t, ...setup, privacy: await t.bearer("privacy") };
}

/** pdftotext's raw text with every run of white space as one space, so wrapped lines read as written. */
async function flatText(bytes: Uint8Array): Promise<string> {
  return (await pdfText(bytes, "raw")).replace(/\s+/g, " ");
}

function retentionChange(t: TestApp, vendorId: string, recordId: string, retention: string) {
  return updateProcessingRecord(t.ctx, vendorId, recordId, {
    purpose: "Handling insurance claims, including medical reports submitted by claimants",
    legalBasis: "contract",
    dataCategories: ["identity", "contact", "health"],
    art9Condition: "legal_claims",
    dataSubjects: ["customers"],
    subjectCount: 25_000,
    retention,
    frequency: "continuous",
    access: "stores",
    locations: [
      { country: "PL", mechanism: "none" },
      { country: "US", mechanism: "scc", sccModule: 2 },
    ],
  });
}

describe("generating a vendor's DPA over the API", () => {
  it("stores a PDF that names the parties, the purposes, every Art. 28(3) duty, the SCCs, CCPA terms and the annexes", async () => {
    const { t, vendor, privacy } = await richSetup();
    const created = await api(t, privacy, "POST", `/api/v1/vendors/${vendor.id}/dpa`);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      documentId: expect.any(String),
      version: 1,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const documentId = String(created.body.documentId);

    const pdf = await download(t, privacy, `/api/v1/dpa/${documentId}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(
      /^attachment; filename="DPA __d_ Logistics v1\.pdf"/,
    );
    expect(pdf.headers.get("content-disposition")).toContain("filename*=UTF-8''DPA%20%C5%81%C3%B3d%C5%BA");
    expect(sha256Hex(pdf.bytes)).toBe(created.body.sha256);
    expect((await qpdfCheck(pdf.bytes)).ok).toBe(true);

    const text = await flatText(pdf.bytes);
    for (const expected of [
      "Northwind Insurance SE",
      "Łódź Logistics Sp. z o.o.",
      "Handling insurance claims, including medical reports submitted by claimants",
      "Answering customer support requests by email and chat",
      "Health data",
      ...["a", "b", "c", "d", "e", "f", "g", "h"].map((point) => `28(3)(${point})`),
      "within 36 hours",
      "2021/914",
      "Module 2",
      "Module 3",
      "at least 45 days in advance",
      "Dublin Mediation Centre",
      "Data Protection Commission (Ireland)",
      "governed by the law of Ireland",
      "courts of Ireland",
      "International Data Transfer Addendum",
      "California Consumer Privacy Act",
      "Annex I",
      "Annex II",
      "Annex III",
      "Administrator accounts require multi-factor authentication.",
      "No yearly penetration test",
      "Mailer Inc",
      "Müller GmbH",
      "Ελληνικά Δεδομένα Α.Ε.",
      "Page 1 of",
    ])
      expect(text, expected).toContain(expected);
    expect(text).toContain(`v1 · ${documentId}`);
  });

  it("leaves out the transfer and CCPA terms for a vendor that keeps the data in the EEA", async () => {
    const t = await buildTestApp();
    await configureOrganisation(t);
    const privacy = await t.bearer("privacy");
    const vendor = await api(t, privacy, "POST", "/api/v1/vendors", {
      name: "Bergen Print AS",
      country: "NO",
      businessCriticality: "low",
    });
    await api(t, privacy, "POST", `/api/v1/vendors/${vendor.body.id}/processing`, {
      purpose: "Printing and posting annual policy statements",
      legalBasis: "contract",
      dataCategories: ["identity", "contact"],
      dataSubjects: ["customers"],
      subjectCount: 40_000,
      frequency: "recurring",
      access: "processes_only",
      locations: [{ country: "NO", mechanism: "none" }],
    });
    const made = await api(t, privacy, "POST", `/api/v1/vendors/${vendor.body.id}/dpa`);
    expect(made.status).toBe(201);
    const text = await flatText((await download(t, privacy, `/api/v1/dpa/${made.body.documentId}`)).bytes);
    expect(text).toContain("Printing and posting annual policy statements");
    expect(text).not.toContain("2021/914");
    expect(text).not.toContain("California Consumer Privacy Act");
  });

  it("gives back the same version, bytes and SHA-256 while nothing changes, even on another effective date", async () => {
    const { t, vendor, privacy } = await richSetup();
    const first = await api(t, privacy, "POST", `/api/v1/vendors/${vendor.id}/dpa`);
    const again = await api(t, privacy, "POST", `/api/v1/vendors/${vendor.id}/dpa`, {
      effectiveDate: "2026-04-01",
    });
    expect(again).toEqual({ status: 200, body: first.body });
    const rows = await t.deps.db.selectFrom("dpa_documents").select("id").execute();
    expect(rows).toHaveLength(1);
  });

  it("re-renders the stored inputs of a version to the very same bytes", async () => {
    const { t, vendor, privacy } = await richSetup();
    const made = await api(t, privacy, "POST", `/api/v1/vendors/${vendor.id}/dpa`);
    const row = await t.deps.db
      .selectFrom("dpa_documents")
      .selectAll()
      .where("id", "=", String(made.body.documentId))
      .executeTakeFirstOrThrow();
    const inputs = storedInputs(row.inputs);
    expect(inputsFingerprint(inputs)).toBe(row.inputs_hash);
    const meta = { documentId: row.id, version: row.version, fingerprint: row.inputs_hash };
    const again = await renderDpaPdf(buildDpaDocument(inputs, meta));
    expect(sha256Hex(again.bytes)).toBe(row.sha256);
    expect(again.pages).toBe(row.pages);
  });

  it("makes version 2 when the register changes and lists what changed", async () => {
    const { t, vendor, claims, privacy } = await richSetup();
    const v1 = await api(t, privacy, "POST", `/api/v1/vendors/${vendor.id}/dpa`);
    await retentionChange(t, vendor.id, claims.id, "10 years after the claim closes");
    await api(t, privacy, "POST", `/api/v1/vendors/${vendor.id}/subprocessors`, {
      name: "Backup Vault Ltd",
      service: "Off-site backups",
      country: "CH",
      mechanism: "adequacy",
    });
    const v2 = await api(t, privacy, "POST", `/api/v1/vendors/${vendor.id}/dpa`);
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
    expect(v2.body.sha256).not.toBe(v1.body.sha256);

    const status = await api(t, await t.bearer("viewer"), "GET", `/api/v1/vendors/${vendor.id}/dpa`);
    expect(status.status).toBe(200);
    const versions = status.body.versions as { version: number; status: string; changes: string[] }[];
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [2, "generated"],
      [1, "superseded"],
    ]);
    expect(versions[0]?.changes).toEqual([
      "records[0].retention: “7 years after the claim closes” → “10 years after the claim closes”",
      "subprocessors: added Backup Vault Ltd",
    ]);
    expect(versions[1]?.changes).toEqual([]);
    expect(status.body.changesSinceLatest).toEqual([]);
    const text = await flatText((await download(t, privacy, `/api/v1/dpa/${v2.body.documentId}`)).bytes);
    expect(text).toContain("10 years after the claim closes");
    expect(text).toContain("Backup Vault Ltd");
  });

  it("answers 422 with what is missing, 400 for a bad date, 404 for an unknown vendor or document", async () => {
    const t = await buildTestApp();
    const privacy = await t.bearer("privacy");
    const { vendor } = await richVendor(t);
    const missing = await api(t, privacy, "POST", `/api/v1/vendors/${vendor.id}/dpa`);
    expect(missing.status).toBe(422);
    expect(missing.body.error?.details?.map((d) => d.path)).toEqual([
      "settings.legalName",
      "settings.country",
    ]);
    await configureOrganisation(t);
    const badDate = await api(t, privacy, "POST", `/api/v1/vendors/${vendor.id}/dpa`, {
      effectiveDate: "2026-02-30",
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error?.details?.[0]?.path).toBe("effectiveDate");
    expect((await api(t, privacy, "POST", "/api/v1/vendors/nope/dpa")).status).toBe(404);
    expect((await api(t, privacy, "GET", "/api/v1/vendors/nope/dpa")).status).toBe(404);
    expect((await download(t, privacy, "/api/v1/dpa/nope")).status).toBe(404);
    expect((await download(t, privacy, "/api/v1/dpa/nope/signed")).status).toBe(404);
  });

  it("lets privacy and admins generate, every staff role read, and nobody without a token", async () => {
    const { t, vendor } = await richSetup();
    for (const role of ["procurement", "viewer"] as const)
      expect((await api(t, await t.bearer(role), "POST", `/api/v1/vendors/${vendor.id}/dpa`)).status).toBe(
        403,
      );
    const made = await api(t, await t.bearer("admin"), "POST", `/api/v1/vendors/${vendor.id}/dpa`);
    expect(made.status).toBe(201);
    for (const role of ["procurement", "viewer"] as const) {
      const headers = await t.bearer(role);
      expect((await download(t, headers, `/api/v1/dpa/${made.body.documentId}`)).status).toBe(200);
      expect((await api(t, headers, "GET", `/api/v1/vendors/${vendor.id}/dpa`)).status).toBe(200);
    }
    expect((await api(t, {}, "GET", `/api/v1/vendors/${vendor.id}/dpa`)).status).toBe(401);
    expect((await download(t, {}, `/api/v1/dpa/${made.body.documentId}`)).status).toBe(401);
  });
});
