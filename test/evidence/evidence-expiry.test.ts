import { describe, expect, it } from "vitest";
import { remindExpiringEvidence } from "../../src/evidence/evidence-expiry.ts";
import { DEFAULT_REVIEW_POLICY, saveReviewPolicy } from "../../src/scoring/review-policy.ts";
import { outbox } from "../assessments/fixtures.ts";
import { insertAssessment, insertEvidence, ratedVendor } from "../dashboard/dashboard-fixture.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";

// The test clock stands at 2026-03-02T09:00Z; the default reminder window is 30 days, to 2026-04-01.

async function sentBy(t: TestApp, name = "Acme Hosting") {
  const staff = await t.addUser("procurement", "buyer@example.test");
  const vendorId = await ratedVendor(t, name, "high", null);
  const assessmentId = await insertAssessment(t, vendorId, "completed", { createdBy: staff.id });
  return { staff, vendorId, assessmentId };
}

async function remindedFiles(t: TestApp) {
  return t.deps.db
    .selectFrom("evidence_files")
    .select(["original_name", "expiry_reminded_at"])
    .where("expiry_reminded_at", "is not", null)
    .orderBy("original_name")
    .execute();
}

describe("evidence that is about to lapse raises a reminder", () => {
  it("the sender and the vendor's security contact each get one email, once, and the reminder is audited", async () => {
    const t = await buildTestApp();
    const { assessmentId } = await sentBy(t);
    await insertEvidence(t, assessmentId, "2026-03-20", { name: "soc2-2025.pdf", kind: "soc2_report" });

    expect(await remindExpiringEvidence(t.deps)).toBe(1);
    const mail = await outbox(t);
    expect(mail.map((m) => [m.kind, m.to_email, m.assessment_id])).toEqual([
      ["evidence.expiry_reminder", "buyer@example.test", assessmentId],
      ["evidence.expiry_reminder", "sam@acme.example", assessmentId],
    ]);
    const [staff, vendor] = mail;
    expect(staff?.subject).toBe("Evidence from Acme Hosting lapses on 20 March 2026");
    expect(staff?.text_body).toContain(
      'The SOC 2 report "soc2-2025.pdf" that Acme Hosting provided in answer to "Do you have a security policy?" for the questionnaire "Small security check" lapses on 20 March 2026.',
    );
    expect(staff?.text_body).toContain("Ask Acme Hosting for the latest SOC 2 Type II report");
    expect(staff?.text_body).toContain(`${t.deps.config.publicUrl}/assessments/${assessmentId}`);
    expect(vendor?.subject).toBe("Your customer: your SOC 2 report lapses on 20 March 2026");
    expect(vendor?.text_body).toMatch(/^Hello Sam Security,/);
    expect(vendor?.text_body).toContain(
      "Before then, please send the latest SOC 2 Type II report, covering a period that ended within the last 12 months",
    );
    expect(vendor?.text_body).toContain("to Test procurement 1 (buyer@example.test)");
    expect(vendor?.text_body).not.toContain("/assessments/");
    expect(vendor?.html_body).toContain("<p>Hello Sam Security,</p>");

    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "entity_id", "changes"])
      .where("action", "=", "evidence.expiry_reminder")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.entity_id).toBe(assessmentId);
    expect(audit[0]?.changes).toContain("sam@acme.example");

    // Running the job again (the next hour, the next day) sends nothing more.
    t.clock.advance(24 * 60 * 60 * 1000);
    expect(await remindExpiringEvidence(t.deps)).toBe(0);
    expect(await outbox(t)).toHaveLength(2);
    expect((await remindedFiles(t)).map((f) => f.original_name)).toEqual(["soc2-2025.pdf"]);
  });

  it.each([
    ["expiring today", "2026-03-02", true, {}],
    ["expiring on the last day of the window", "2026-04-01", true, {}],
    ["expiring a day after the window", "2026-04-02", false, {}],
    ["already lapsed", "2026-03-01", false, {}],
    ["withdrawn by the vendor", "2026-03-10", false, { deleted: true }],
  ] as const)(
    "a file %s (expires %s) is reminded about: %s",
    async (_label, expiresOn, expected, options) => {
      const t = await buildTestApp();
      const { assessmentId } = await sentBy(t);
      await insertEvidence(t, assessmentId, expiresOn, { name: "file.pdf", ...options });
      expect(await remindExpiringEvidence(t.deps)).toBe(expected ? 1 : 0);
      expect((await outbox(t)).length).toBe(expected ? 2 : 0);
    },
  );

  it("the reminder window follows the review policy", async () => {
    const t = await buildTestApp();
    const { assessmentId } = await sentBy(t);
    await insertEvidence(t, assessmentId, "2026-04-20", { name: "iso.pdf", kind: "iso27001_certificate" });
    expect(await remindExpiringEvidence(t.deps)).toBe(0);
    await saveReviewPolicy(t.ctx, { ...DEFAULT_REVIEW_POLICY, evidenceReminderDays: 60 });
    expect(await remindExpiringEvidence(t.deps)).toBe(1);
    const [first] = await outbox(t);
    expect(first?.text_body).toContain('The ISO/IEC 27001 certificate "iso.pdf"');
    expect(first?.text_body).toContain("the renewed ISO/IEC 27001 certificate");
  });

  it("files of cancelled assessments, offboarded vendors and questionnaires answered again later are left alone", async () => {
    const t = await buildTestApp();
    const staff = await t.addUser("procurement");
    const gone = await ratedVendor(t, "Gone Ltd", "low", null);
    await t.deps.db.updateTable("vendors").set({ status: "offboarded" }).where("id", "=", gone).execute();
    const goneAssessment = await insertAssessment(t, gone, "completed", { createdBy: staff.id });
    await insertEvidence(t, goneAssessment, "2026-03-10", { name: "gone.pdf" });

    const kept = await ratedVendor(t, "Kept Ltd", "low", null);
    const cancelled = await insertAssessment(t, kept, "cancelled", { createdBy: staff.id });
    await insertEvidence(t, cancelled, "2026-03-10", { name: "cancelled.pdf" });
    const old = await insertAssessment(t, kept, "completed", {
      createdBy: staff.id,
      createdAt: "2025-03-01T10:00:00.000Z",
    });
    await insertEvidence(t, old, "2026-03-10", { name: "replaced.pdf" });
    const renewed = await insertAssessment(t, kept, "submitted", { createdBy: staff.id });
    await insertEvidence(t, renewed, "2026-03-25", { name: "current.pdf" });

    expect(await remindExpiringEvidence(t.deps)).toBe(1);
    expect((await remindedFiles(t)).map((f) => f.original_name)).toEqual(["current.pdf"]);
  });

  it("without a security contact only the sender is told; with nobody to tell, the file waits unmarked", async () => {
    const t = await buildTestApp();
    const { assessmentId, vendorId } = await sentBy(t);
    await t.deps.db.deleteFrom("vendor_contacts").where("vendor_id", "=", vendorId).execute();
    await insertEvidence(t, assessmentId, "2026-03-10", { name: "a.pdf" });
    expect(await remindExpiringEvidence(t.deps)).toBe(1);
    expect((await outbox(t)).map((m) => m.to_email)).toEqual(["buyer@example.test"]);

    const orphan = await insertAssessment(t, vendorId, "completed", { createdBy: "no-such-user" });
    await insertEvidence(t, orphan, "2026-03-11", { name: "b.pdf" });
    expect(await remindExpiringEvidence(t.deps)).toBe(0);
    expect((await remindedFiles(t)).map((f) => f.original_name)).toEqual(["a.pdf"]);
  });
});
