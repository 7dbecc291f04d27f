import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/shared/runtime.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import { api, linkIn, outbox, sendingSetup } from "./fixtures.ts";

const HOUR = 3600 * 1000;

async function sent(
  t: TestApp,
  recipients = [
    { email: "sam@acme.example", name: "Sam" },
    { email: "pat@acme.example", name: "Pat" },
  ],
) {
  const { vendor } = await sendingSetup(t);
  const proc = await t.bearer("procurement");
  const res = await api(t, proc, "POST", "/api/v1/assessments", {
    vendorId: vendor.id,
    questionnaire: "small-check",
    dueDate: "2026-03-20",
    recipients,
  });
  expect(res.status).toBe(201);
  const invites = res.body.invites as { id: string; email: string }[];
  return { proc, id: String(res.body.id), invites };
}

async function linkWorks(t: TestApp, link: string): Promise<boolean> {
  const hash = sha256Hex(link.split("/portal/")[1]!);
  const row = await t.deps.db
    .selectFrom("invite_links as l")
    .innerJoin("assessment_invites as i", "i.id", "l.invite_id")
    .select(["i.revoked_at", "i.expires_at"])
    .where("l.secret_hash", "=", hash)
    .executeTakeFirst();
  return row !== undefined && row.revoked_at === null && row.expires_at > t.clock.now().toISOString();
}

describe("following up a sent questionnaire", () => {
  it("cancelling revokes every invite, so no link works any more", async () => {
    const t = await buildTestApp();
    const { proc, id } = await sent(t);
    const links = (await outbox(t)).map((m) => linkIn(m.text_body));
    expect(await Promise.all(links.map((l) => linkWorks(t, l)))).toEqual([true, true]);

    const res = await api(t, proc, "POST", `/api/v1/assessments/${id}/cancel`, { reason: "Vendor replaced" });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("cancelled");
    expect((res.body.invites as { revokedAt: string | null }[]).every((i) => i.revokedAt !== null)).toBe(
      true,
    );
    expect(await Promise.all(links.map((l) => linkWorks(t, l)))).toEqual([false, false]);
    expect((await api(t, proc, "POST", `/api/v1/assessments/${id}/cancel`)).status).toBe(409);
    expect((await api(t, proc, "POST", `/api/v1/assessments/${id}/remind`)).status).toBe(409);
  });

  it("revoking one invite stops only that person's links; re-issuing mails them a new one", async () => {
    const t = await buildTestApp();
    const { proc, id, invites } = await sent(t);
    const [samLink, patLink] = (await outbox(t)).map((m) => linkIn(m.text_body));
    const sam = invites.find((i) => i.email === "sam@acme.example")!;

    const revoked = await api(t, proc, "POST", `/api/v1/assessments/${id}/invites/${sam.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(await linkWorks(t, samLink!)).toBe(false);
    expect(await linkWorks(t, patLink!)).toBe(true);
    expect((await api(t, proc, "POST", `/api/v1/assessments/${id}/invites/${sam.id}/revoke`)).status).toBe(
      409,
    );

    const reissued = await api(t, proc, "POST", `/api/v1/assessments/${id}/invites/${sam.id}/reissue`);
    expect(reissued.status).toBe(201);
    const samInvites = (reissued.body.invites as { email: string; active: boolean }[]).filter(
      (i) => i.email === "sam@acme.example",
    );
    expect(samInvites.map((i) => i.active)).toEqual([false, true]);
    const mails = await outbox(t);
    expect(mails).toHaveLength(3);
    const fresh = linkIn(mails[2]!.text_body);
    expect(mails[2]!.to_email).toBe("sam@acme.example");
    expect(await linkWorks(t, fresh)).toBe(true);
    expect(await linkWorks(t, samLink!)).toBe(false);
  });

  it("re-issuing an invite that still works revokes the old links at once", async () => {
    const t = await buildTestApp();
    const { proc, id, invites } = await sent(t, [{ email: "sam@acme.example", name: "Sam" }]);
    const [old] = (await outbox(t)).map((m) => linkIn(m.text_body));
    expect(
      (await api(t, proc, "POST", `/api/v1/assessments/${id}/invites/${invites[0]!.id}/reissue`)).status,
    ).toBe(201);
    expect(await linkWorks(t, old!)).toBe(false);
    expect((await api(t, proc, "POST", `/api/v1/assessments/${id}/invites/01NOPE/reissue`)).status).toBe(404);
  });

  it("adding a recipient mails them their own link; someone with a working link is not added twice", async () => {
    const t = await buildTestApp();
    const { proc, id } = await sent(t, [{ email: "sam@acme.example", name: "Sam" }]);
    const added = await api(t, proc, "POST", `/api/v1/assessments/${id}/invites`, {
      email: "kim@acme.example",
      name: "Kim CISO",
    });
    expect(added.status).toBe(201);
    expect((added.body.invites as unknown[]).length).toBe(2);
    const mails = await outbox(t);
    expect(mails.at(-1)).toMatchObject({ to_email: "kim@acme.example", kind: "assessment.invite" });
    expect(
      (
        await api(t, proc, "POST", `/api/v1/assessments/${id}/invites`, {
          email: "KIM@acme.example",
          name: "Kim",
        })
      ).status,
    ).toBe(409);
    const bad = await api(t, proc, "POST", `/api/v1/assessments/${id}/invites`, { email: "nope", name: "" });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.details?.map((d) => d.path).sort()).toEqual(["email", "name"]);
  });

  it("remind now mails every active recipient a new link, once a day unless forced", async () => {
    const t = await buildTestApp();
    const { proc, id, invites } = await sent(t);
    await api(t, proc, "POST", `/api/v1/assessments/${id}/invites/${invites[1]!.id}/revoke`);
    t.clock.advance(2 * HOUR);

    const first = await api(t, proc, "POST", `/api/v1/assessments/${id}/remind`);
    expect(first.status).toBe(200);
    expect((first.body.reminders as { last: string }).last).toBe(t.clock.now().toISOString());
    const reminders = (await outbox(t)).filter((m) => m.kind === "assessment.reminder");
    expect(reminders.map((m) => m.to_email)).toEqual(["sam@acme.example"]);
    const reminderLink = linkIn(reminders[0]!.text_body);
    const [samInvite, patInvite] = await outbox(t);
    const inviteLink = linkIn(samInvite!.text_body);
    // Pat's link was revoked before the invitation went out: it is withdrawn, not sent with a dead link.
    expect(patInvite).toMatchObject({ to_email: "pat@acme.example", status: "failed" });
    expect(reminderLink).not.toBe(inviteLink);
    expect(await linkWorks(t, reminderLink)).toBe(true);
    expect(await linkWorks(t, inviteLink)).toBe(true);

    t.clock.advance(HOUR);
    const again = await api(t, proc, "POST", `/api/v1/assessments/${id}/remind`);
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toContain("already went out today");
    expect((await api(t, proc, "POST", `/api/v1/assessments/${id}/remind`, { force: true })).status).toBe(
      200,
    );
    t.clock.advance(24 * HOUR);
    expect((await api(t, proc, "POST", `/api/v1/assessments/${id}/remind`)).status).toBe(200);
    expect((await outbox(t)).filter((m) => m.kind === "assessment.reminder")).toHaveLength(3);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "assessment.remind")
      .execute();
    expect(audit).toHaveLength(3);
  });

  it("remind now with no working link says what to do instead", async () => {
    const t = await buildTestApp();
    const { proc, id, invites } = await sent(t, [{ email: "sam@acme.example", name: "Sam" }]);
    await api(t, proc, "POST", `/api/v1/assessments/${id}/invites/${invites[0]!.id}/revoke`);
    const res = await api(t, proc, "POST", `/api/v1/assessments/${id}/remind`);
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toContain("re-issue");
  });

  it("a viewer may read but every write is refused with 403, and nothing changes", async () => {
    const t = await buildTestApp();
    const { id, invites } = await sent(t);
    const viewer = await t.bearer("viewer");
    expect((await api(t, viewer, "GET", `/api/v1/assessments/${id}`)).status).toBe(200);
    expect((await api(t, viewer, "GET", "/api/v1/assessments")).status).toBe(200);
    const before = await outbox(t);
    const writes: [string, unknown?][] = [
      [
        "/api/v1/assessments",
        {
          vendorId: "x",
          questionnaire: "small-check",
          dueDate: "2026-04-01",
          recipients: [{ email: "a@b.example", name: "A" }],
        },
      ],
      [`/api/v1/assessments/${id}/cancel`],
      [`/api/v1/assessments/${id}/invites`, { email: "x@y.example", name: "X" }],
      [`/api/v1/assessments/${id}/invites/${invites[0]!.id}/revoke`],
      [`/api/v1/assessments/${id}/invites/${invites[0]!.id}/reissue`],
      [`/api/v1/assessments/${id}/remind`, { force: true }],
    ];
    for (const [path, body] of writes)
      expect([path, (await api(t, viewer, "POST", path, body)).status]).toEqual([path, 403]);
    expect(await outbox(t)).toEqual(before);
    expect((await api(t, {}, "GET", `/api/v1/assessments/${id}`)).status).toBe(401);
  });
});
