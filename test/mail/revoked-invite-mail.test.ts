import { describe, expect, it } from "vitest";
import { cancelAssessment, remindNow } from "../../src/assessments/assessment-actions.ts";
import { deliverDueMail } from "../../src/mail/mail-delivery.ts";
import { api } from "../assessments/fixtures.ts";
import { openLink, type PortalFixture } from "../portal/portal-fixture.ts";
import { BAD, reviewFixture } from "../reviews/review-fixture.ts";
import type { TestApp } from "../support/test-app.ts";
import { auditActions } from "./mail-fixtures.ts";
import { usePortalSmtp } from "./portal-smtp.ts";

const { setUp, withSmtp, cleanups } = usePortalSmtp();

const VERA = { name: "Vera Vendor", email: "vera@acme.example" };
const OTTO = { name: "Otto Other", email: "otto@acme.example" };
const PORTAL_LINK = /\/portal\/([A-Za-z0-9_-]{22,})/;

async function inviteOf(t: TestApp, assessmentId: string, email: string): Promise<string> {
  const row = await t.deps.db
    .selectFrom("assessment_invites")
    .select("id")
    .where("assessment_id", "=", assessmentId)
    .where("email", "=", email)
    .where("revoked_at", "is", null)
    .executeTakeFirstOrThrow();
  return row.id;
}

function mailTo(t: TestApp, email: string) {
  return t.deps.db
    .selectFrom("outbox")
    .selectAll()
    .where("to_email", "=", email)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

async function inviteAction(f: PortalFixture, assessmentId: string, inviteId: string, verb: string) {
  const headers = await f.t.bearer("procurement");
  return api(f.t, headers, "POST", `/api/v1/assessments/${assessmentId}/invites/${inviteId}/${verb}`);
}

describe("one recipient's link is revoked before their mail goes out", () => {
  it("only the other recipient's invitation and reminder arrive", async () => {
    const { f, server } = await setUp();
    const { assessmentId, secrets } = await f.send({ recipients: [VERA, OTTO] });
    f.t.clock.advance(24 * 3600_000);
    await remindNow(f.staffCtx, assessmentId);
    const vera = await inviteOf(f.t, assessmentId, VERA.email);

    expect((await inviteAction(f, assessmentId, vera, "revoke")).status).toBe(200);
    const report = await deliverDueMail(f.t.deps);

    expect(server.received.map((m) => [m.envelopeTo, (m.subject ?? "").startsWith("Reminder")])).toEqual([
      [[OTTO.email], false],
      [[OTTO.email], true],
    ]);
    expect(report).toEqual({ sent: 2, logged: 0, retrying: 0, failed: 0 });
    const withdrawn = await mailTo(f.t, VERA.email);
    expect(withdrawn.map((r) => [r.kind, r.invite_id, r.status, r.attempts, r.sent_at])).toEqual([
      ["assessment.invite", vera, "failed", 0, null],
      ["assessment.reminder", vera, "failed", 0, null],
    ]);
    for (const row of withdrawn) {
      expect(row.last_error).toBe("Withdrawn, never sent: the recipient's link was revoked");
      expect(`${row.text_body}${row.html_body}`).not.toMatch(PORTAL_LINK);
      expect(`${row.text_body}${row.html_body}`).not.toContain(secrets[0]);
      expect(auditActions(f.t, row.id)).toEqual(["mail.withdrawn"]);
    }
    expect((await mailTo(f.t, OTTO.email)).map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("withdraws a request for clarification queued for that recipient", async () => {
    const r = await reviewFixture();
    cleanups.push(() => r.close());
    const server = await withSmtp(r.f.t);
    const { assessmentId, email } = await r.submitted(BAD);
    await deliverDueMail(r.f.t.deps);
    const toVendor = () => server.received.filter((m) => m.envelopeTo.includes(email)).map((m) => m.subject);
    expect(toVendor()).toEqual([expect.stringMatching(/asks you to complete/)]);
    const asked = await r.call("POST", `/api/v1/assessments/${assessmentId}/clarifications`, {
      questions: [{ questionId: "mfa", message: "Your SOC 2 report says MFA is enforced." }],
    });
    expect(asked.status).toBe(201);
    const invite = await inviteOf(r.f.t, assessmentId, email);

    expect((await inviteAction(r.f, assessmentId, invite, "revoke")).status).toBe(200);
    await deliverDueMail(r.f.t.deps);

    expect(toVendor()).toHaveLength(1);
    const [, clarification] = await mailTo(r.f.t, email);
    expect(clarification).toMatchObject({
      kind: "assessment.clarification",
      invite_id: invite,
      status: "failed",
      last_error: "Withdrawn, never sent: the recipient's link was revoked",
    });
  });

  it("leaves mail queued before the outbox recorded invites to its assessment, as before", async () => {
    const { f, server } = await setUp();
    const { assessmentId } = await f.send({ recipients: [VERA] });
    f.t.sqlite.prepare("update outbox set invite_id = null where assessment_id = ?").run(assessmentId);
    const vera = await inviteOf(f.t, assessmentId, VERA.email);

    await inviteAction(f, assessmentId, vera, "revoke");
    expect((await mailTo(f.t, VERA.email)).map((r) => r.status)).toEqual(["pending"]);
    await cancelAssessment(f.staffCtx, assessmentId);
    await deliverDueMail(f.t.deps);

    expect(server.received).toHaveLength(0);
    const [row] = await mailTo(f.t, VERA.email);
    expect(row?.last_error).toMatch(/^Withdrawn, never sent: the assessment was cancelled/);
  });
});

describe("a recipient's link is re-issued before their invitation goes out", () => {
  it("only the new invitation arrives, and its link opens the portal", async () => {
    const { f, server } = await setUp();
    const { assessmentId, secrets } = await f.send({ recipients: [VERA, OTTO] });
    const old = await inviteOf(f.t, assessmentId, VERA.email);

    expect((await inviteAction(f, assessmentId, old, "reissue")).status).toBe(201);
    const fresh = await inviteOf(f.t, assessmentId, VERA.email);
    await deliverDueMail(f.t.deps);

    expect(server.received.map((m) => m.envelopeTo)).toEqual([[OTTO.email], [VERA.email]]);
    const received = server.received[1]?.text ?? "";
    const secret = PORTAL_LINK.exec(received)?.[1] ?? "";
    expect(secret).not.toBe(secrets[0]);
    const visit = await openLink(f.t, secret);
    const page = await f.t.app.request("/portal/assessment", { headers: { cookie: visit.cookie } });
    expect(await page.text()).toContain("Portal test questionnaire");
    expect((await f.t.app.request(`/portal/${secrets[0]}`)).status).not.toBe(303);

    expect((await mailTo(f.t, VERA.email)).map((r) => [r.invite_id, r.status, r.last_error])).toEqual([
      [old, "failed", expect.stringMatching(/^Withdrawn, never sent: the recipient's link was re-issued/)],
      [fresh, "sent", null],
    ]);
  });
});
