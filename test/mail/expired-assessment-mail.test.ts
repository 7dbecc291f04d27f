import { describe, expect, it } from "vitest";
import { runAssessmentJobs } from "../../src/assessments/assessment-jobs.ts";
import { deliverDueMail } from "../../src/mail/mail-delivery.ts";
import { enqueueMail } from "../../src/mail/outbox.ts";
import { openLink, type PortalFixture, secretFromOutbox } from "../portal/portal-fixture.ts";
import { auditActions } from "./mail-fixtures.ts";
import { usePortalSmtp } from "./portal-smtp.ts";

const { setUp } = usePortalSmtp();

const VENDOR = { name: "Vera Vendor", email: "vera@acme.example" };
/** Due on 31 March; with the default 30 days of grace its links work until the end of 30 April. */
const DUE = "2026-03-31";

async function runJobsAt(f: PortalFixture, at: string) {
  f.t.clock.set(at);
  return runAssessmentJobs(f.t.deps);
}

describe("mail queued for an assessment that expires before it goes out", () => {
  it("overdue reminders reach the vendor during the grace days; one still queued at expiry never does", async () => {
    const { f, server } = await setUp();
    const { assessmentId } = await f.send({ recipients: [VENDOR], dueDate: DUE });
    const vendorMail = () => server.received.filter((m) => m.envelopeTo.includes(VENDOR.email));

    expect(await runJobsAt(f, "2026-04-05T08:00:00Z")).toEqual({ reminded: 1, expired: 0 });
    await deliverDueMail(f.t.deps);
    expect(vendorMail().map((m) => m.subject)).toEqual([
      expect.stringMatching(/asks you to complete/),
      expect.stringMatching(/^Overdue: /),
    ]);
    const overdueLink = /\/portal\/([A-Za-z0-9_-]{22,})/.exec(vendorMail()[1]?.text ?? "")?.[1] ?? "";
    await openLink(f.t, overdueLink);

    expect(await runJobsAt(f, "2026-04-30T08:00:00Z")).toEqual({ reminded: 1, expired: 0 });
    const lastReminderSecret = await secretFromOutbox(f.t, VENDOR.email);
    const staffNote = await enqueueMail(f.t.deps.db, f.t.ctx, {
      kind: "assessment.expiring",
      to: { email: f.staff.email },
      subject: "Acme Hosting has not answered",
      text: `See ${f.t.deps.config.publicUrl}/assessments/${assessmentId}`,
      assessmentId,
    });

    expect(await runJobsAt(f, "2026-05-01T00:00:01Z")).toEqual({ reminded: 0, expired: 1 });
    // Why the reminder must not go: the portal refuses every link of an expired assessment.
    expect((await f.t.app.request(`/portal/${lastReminderSecret}`)).status).not.toBe(303);
    await deliverDueMail(f.t.deps);

    expect(vendorMail()).toHaveLength(2);
    expect(server.received.at(-1)?.envelopeTo).toEqual([f.staff.email]);
    const rows = await f.t.deps.db
      .selectFrom("outbox")
      .selectAll()
      .where("assessment_id", "=", assessmentId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    expect(rows.map((r) => [r.kind, r.status])).toEqual([
      ["assessment.invite", "sent"],
      ["assessment.reminder", "sent"],
      ["assessment.reminder", "failed"],
      ["assessment.expiring", "sent"],
    ]);
    const withdrawn = rows[2];
    expect(withdrawn?.last_error).toBe(
      "Withdrawn, never sent: the assessment expired, so its links no longer work",
    );
    expect(withdrawn?.text_body).not.toContain(lastReminderSecret);
    expect(withdrawn?.text_body).toContain("/portal/[withdrawn]");
    expect(auditActions(f.t, withdrawn?.id ?? "")).toEqual(["mail.withdrawn"]);
    expect(auditActions(f.t, staffNote)).toEqual(["mail.sent"]);
  });
});
