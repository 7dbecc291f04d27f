import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createAssessment } from "../../src/assessments/assessment-service.ts";
import { storeEvidence } from "../../src/evidence/evidence-service.ts";
import { evidenceExpiry } from "../../src/evidence/evidence-validity.ts";
import { publishTemplateData } from "../../src/questionnaires/questionnaire-service.ts";
import { addVendor } from "../assessments/fixtures.ts";
import { PORTAL_TEMPLATE } from "../portal/portal-fixture.ts";
import { buildTestApp } from "../support/test-app.ts";
import { samplePdf } from "./sample-files.ts";

describe("evidence without a date of its own", () => {
  it.each([
    [
      "a SOC 2 report lapses a year after upload",
      "soc2_report",
      undefined,
      "2026-03-02T09:00:00Z",
      "2027-03-02",
    ],
    ["the vendor's own date wins", "soc2_report", "2026-09-30", "2026-03-02T09:00:00Z", "2026-09-30"],
    [
      "29 February plus a year is 28 February",
      "soc2_report",
      undefined,
      "2028-02-29T23:00:00Z",
      "2029-02-28",
    ],
    ["a certificate states its own expiry", "iso27001_certificate", undefined, "2026-03-02T09:00:00Z", null],
    ["a policy document does not lapse", "policy_document", undefined, "2026-03-02T09:00:00Z", null],
    ["no kind, no default", undefined, undefined, "2026-03-02T09:00:00Z", null],
  ])("%s", (_name, kind, given, uploadedAt, expected) => {
    expect(evidenceExpiry(kind, given, new Date(uploadedAt))).toBe(expected);
  });

  const uploadDir = mkdtempSync(join(tmpdir(), "vendorvet-validity-"));
  afterAll(() => rmSync(uploadDir, { recursive: true, force: true }));

  it("a stored SOC 2 report without a date gets one, so the expiry reminder will find it", async () => {
    const t = await buildTestApp({ config: { uploadDir } });
    const { id: vendorId } = await addVendor(t.ctx);
    const { questionnaire } = await publishTemplateData(t.ctx, PORTAL_TEMPLATE, { source: "upload" });
    const assessment = await createAssessment(t.ctx, {
      vendorId,
      questionnaire: questionnaire.key,
      dueDate: "2026-03-31",
      recipients: [{ name: "Vera Vendor", email: "vera@vendor.example" }],
    });
    const stored = await Promise.all(
      (["soc2_report", "policy_document"] as const).map((kind) =>
        storeEvidence(t.ctx, {
          assessmentId: assessment.id,
          questionId: "policy-doc",
          originalName: `${kind}.pdf`,
          bytes: samplePdf(),
          kind,
        }),
      ),
    );
    const rows = await t.deps.db
      .selectFrom("evidence_files")
      .select(["id", "expires_on"])
      .where(
        "id",
        "in",
        stored.map((s) => s.id),
      )
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r.expires_on]));
    expect(stored.map((s) => byId.get(s.id))).toEqual(["2027-03-02", null]);
  });
});
