import { describe, expect, it } from "vitest";
import { cancelAssessment, remindNow } from "../../src/assessments/assessment-actions.ts";
import { MAX_ATTEMPTS } from "../../src/mail/delivery-policy.ts";
import { deliverDueMail } from "../../src/mail/mail-delivery.ts";
import { createSmtpMailer, type Mailer, MailSendError } from "../../src/mail/mailer.ts";
import { enqueueMail } from "../../src/mail/outbox.ts";
import { retryMail } from "../../src/mail/outbox-service.ts";
import type { PortalFixture } from "../portal/portal-fixture.ts";
import { auditActions, outboxRow } from "./mail-fixtures.ts";
import { FROM, usePortalSmtp } from "./portal-smtp.ts";

const { setUp } = usePortalSmtp();

const VENDOR = { name: "Vera Vendor", email: "vera@acme.example" };

function outboxOf(f: PortalFixture, assessmentId: string) {
  return f.t.deps.db
    .selectFrom("outbox")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** A note to the staff member who sent the questionnaire, about the same assessment; it carries no portal link. */
async function queueStaffNote(f: PortalFixture, assessmentId: string): Promise<string> {
  return enqueueMail(f.t.deps.db, f.t.ctx, {
    kind: "assessment.submitted",
    to: { email: f.staff.email, name: "Procurement" },
    subject: "Acme Hosting answered the questionnaire",
    text: `Review the answers: ${f.t.deps.config.publicUrl}/assessments/${assessmentId}/review`,
    assessmentId,
  });
}

describe("mail queued for an assessment that is cancelled before it goes out", () => {
  it("never reaches the vendor, while the staff note about the same assessment still goes", async () => {
    const { f, server } = await setUp();
    const { assessmentId, secrets } = await f.send({ recipients: [VENDOR] });
    f.t.clock.advance(24 * 3600_000);
    await remindNow(f.staffCtx, assessmentId);
    const staffNote = await queueStaffNote(f, assessmentId);

    await cancelAssessment(f.staffCtx, assessmentId, { reason: "Vendor dropped" });
    const report = await deliverDueMail(f.t.deps);

    expect(server.received.map((m) => m.envelopeTo)).toEqual([[f.staff.email]]);
    expect(report).toEqual({ sent: 1, logged: 0, retrying: 0, failed: 0 });
    const rows = await outboxOf(f, assessmentId);
    expect(rows.map((r) => [r.kind, r.to_email, r.status, r.attempts, r.sent_at])).toEqual([
      ["assessment.invite", VENDOR.email, "failed", 0, null],
      ["assessment.reminder", VENDOR.email, "failed", 0, null],
      ["assessment.submitted", f.staff.email, "sent", 1, expect.any(String)],
    ]);
    for (const row of rows.filter((r) => r.kind !== "assessment.submitted")) {
      expect(row.last_error).toMatch(/^Withdrawn, never sent: the assessment was cancelled/);
      for (const secret of secrets) expect(`${row.text_body}${row.html_body}`).not.toContain(secret);
      expect(row.text_body).toContain("/portal/[withdrawn]");
      expect(auditActions(f.t, row.id)).toEqual(["mail.withdrawn"]);
    }
    expect(auditActions(f.t, staffNote)).toEqual(["mail.sent"]);
  });

  it("withdraws an invitation that had already failed, and an admin cannot retry a withdrawn message", async () => {
    const { f, server } = await setUp();
    const { assessmentId } = await f.send({ recipients: [VENDOR] });
    const [invite] = await outboxOf(f, assessmentId);
    f.t.sqlite
      .prepare("update outbox set status = 'failed', attempts = ?, last_error = '421 busy' where id = ?")
      .run(MAX_ATTEMPTS, invite?.id);

    await cancelAssessment(f.staffCtx, assessmentId);
    const row = await outboxRow(f.t, invite?.id ?? "");
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(row.last_error).toMatch(/^Withdrawn, never sent/);

    await expect(retryMail(f.t.ctx, row.id)).rejects.toMatchObject({ code: "conflict" });
    await deliverDueMail(f.t.deps);
    expect(server.received).toHaveLength(0);
    const admin = await f.t.bearer("admin");
    const res = await f.t.app.request(`/api/v1/outbox/${row.id}/retry`, { method: "POST", headers: admin });
    expect(res.status).toBe(409);
    const { cookie } = await f.t.signIn((await f.t.addUser("admin")).email);
    const page = await (await f.t.app.request(`/admin/outbox/${row.id}`, { headers: { cookie } })).text();
    expect(page).toContain("Withdrawn, never sent");
    expect(page).not.toContain("Retry now");
  });

  it("leaves the mail of the vendor's other assessments alone", async () => {
    const { f, server } = await setUp();
    const cancelled = await f.send({ recipients: [VENDOR] });
    const other = await f.send({ recipients: [{ name: "Otto Other", email: "otto@acme.example" }] });

    await cancelAssessment(f.staffCtx, cancelled.assessmentId);
    await deliverDueMail(f.t.deps);

    expect(server.received.map((m) => m.envelopeTo)).toEqual([["otto@acme.example"]]);
    expect(server.received[0]?.text).toContain(other.secrets[0]);
    expect((await outboxOf(f, other.assessmentId)).map((r) => r.status)).toEqual(["sent"]);
  });

  it("keeps a message withdrawn when the cancel lands while its send is failing", async () => {
    const { f, server } = await setUp();
    const { assessmentId } = await f.send({ recipients: [VENDOR] });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached: () => void = () => {};
    const sending = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const flaky: Mailer = {
      kind: "smtp",
      async send() {
        reached();
        await held;
        throw new MailSendError("421 try again later", false);
      },
    };
    f.t.deps.mailer = flaky;

    const pass = deliverDueMail(f.t.deps);
    await sending;
    await cancelAssessment(f.staffCtx, assessmentId);
    release();
    await pass;

    f.t.deps.mailer = createSmtpMailer(server.url, FROM, { timeoutMs: 2_000 });
    f.t.clock.advance(3600_000);
    await deliverDueMail(f.t.deps);
    expect(server.received).toHaveLength(0);
    const [row] = await outboxOf(f, assessmentId);
    expect(row?.status).toBe("failed");
    expect(row?.last_error).toMatch(/^Withdrawn, never sent/);
  });
});
