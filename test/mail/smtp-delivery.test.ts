import { afterEach, describe, expect, it } from "vitest";
import { MAX_ATTEMPTS } from "../../src/mail/delivery-policy.ts";
import { deliverDueMail } from "../../src/mail/mail-delivery.ts";
import { createMailer, createSmtpMailer } from "../../src/mail/mailer.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import { auditActions, outboxRow, queueInvite } from "./mail-fixtures.ts";
import {
  freePort,
  startSilentServer,
  startTestSmtp,
  type TestSmtp,
  type TestSmtpOptions,
} from "./smtp-test-server.ts";

const FROM = "VendorVet <vendorvet@example.org>";
const MINUTE = 60_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function smtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const server = await startTestSmtp(options);
  cleanups.push(() => server.close());
  return server;
}

async function appSendingTo(url: string): Promise<TestApp> {
  const t = await buildTestApp();
  t.deps.mailer = createSmtpMailer(url, FROM, { timeoutMs: 2_000 });
  return t;
}

describe("delivering queued mail through a real SMTP server", () => {
  it("a queued invitation reaches the vendor once, with the right recipient, sender, subject and link", async () => {
    const server = await smtp();
    const t = await appSendingTo(server.url);
    const invite = await queueInvite(t);

    expect(await deliverDueMail(t.deps)).toEqual({ sent: 1, logged: 0, retrying: 0, failed: 0 });
    expect(await deliverDueMail(t.deps)).toEqual({ sent: 0, logged: 0, retrying: 0, failed: 0 });

    expect(server.received).toHaveLength(1);
    const mail = server.received[0]!;
    expect(mail.envelopeTo).toEqual(["vera@vendor.example"]);
    expect(mail.to).toMatchObject({ value: [{ address: "vera@vendor.example", name: "Vera Vendor" }] });
    expect(mail.from).toMatchObject({ value: [{ address: "vendorvet@example.org", name: "VendorVet" }] });
    expect(mail.subject).toBe("Security questionnaire from Example Org");
    expect(mail.text).toContain(invite.link);
    expect(mail.html).toContain(invite.link);

    const row = await outboxRow(t, invite.id);
    expect(row).toMatchObject({
      status: "sent",
      attempts: 1,
      last_error: null,
      sent_at: t.clock.now().toISOString(),
    });
    expect(auditActions(t, invite.id)).toEqual(["mail.sent"]);
  });

  it("once the mail server has the message, the stored body no longer holds a working link", async () => {
    const server = await smtp();
    const t = await appSendingTo(server.url);
    const invite = await queueInvite(t);
    await deliverDueMail(t.deps);

    const row = await outboxRow(t, invite.id);
    for (const body of [row.text_body, row.html_body ?? ""]) {
      expect(body).not.toContain(invite.secret);
      expect(body).toContain(`${t.deps.config.publicUrl}/portal/[sent]`);
    }
    expect(row.text_body).toContain("Please answer our security questionnaire by 2026-04-01");
  });

  it.each([
    ["was never started", async () => freePort()],
    [
      "has just been stopped",
      async () => {
        const gone = await startTestSmtp();
        await gone.close();
        return gone.port;
      },
    ],
  ])(
    "when the mail server %s, the message waits and is delivered exactly once when it is back",
    async (_case, deadPort) => {
      const port = await deadPort();
      const t = await appSendingTo(`smtp://127.0.0.1:${port}`);
      const invite = await queueInvite(t);
      const queuedAt = t.clock.now().getTime();

      expect(await deliverDueMail(t.deps)).toMatchObject({ sent: 0, retrying: 1 });
      const waiting = await outboxRow(t, invite.id);
      expect(waiting).toMatchObject({ status: "pending", attempts: 1, sent_at: null });
      expect(waiting.last_error).toMatch(/ECONNREFUSED|ECONNECTION/);
      expect(new Date(waiting.next_attempt_at).getTime()).toBe(queuedAt + MINUTE);
      expect(waiting.text_body).toContain(invite.secret);

      // Not due yet: a pass now leaves it alone.
      expect(await deliverDueMail(t.deps)).toMatchObject({ sent: 0, retrying: 0 });
      expect((await outboxRow(t, invite.id)).attempts).toBe(1);

      const server = await smtp({ port });
      t.clock.advance(MINUTE);
      const passes = await Promise.all([
        deliverDueMail(t.deps),
        deliverDueMail(t.deps),
        deliverDueMail(t.deps),
      ]);
      expect(passes.reduce((n, p) => n + p.sent, 0)).toBe(1);
      expect(server.received).toHaveLength(1);
      expect(server.received[0]?.text).toContain(invite.link);
      expect(await outboxRow(t, invite.id)).toMatchObject({ status: "sent", attempts: 2, last_error: null });
    },
  );

  it("a mail server that accepts the connection but never answers fails within the timeout", async () => {
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    const t = await buildTestApp();
    t.deps.mailer = createSmtpMailer(silent.url, FROM, { timeoutMs: 300 });
    const invite = await queueInvite(t);

    const started = Date.now();
    expect(await deliverDueMail(t.deps)).toMatchObject({ retrying: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    const row = await outboxRow(t, invite.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.last_error).toMatch(/ETIMEDOUT|timeout/i);
  });

  it(`after ${MAX_ATTEMPTS} failed attempts the message is failed, with the pauses growing between attempts`, async () => {
    const t = await appSendingTo(`smtp://127.0.0.1:${await freePort()}`);
    const invite = await queueInvite(t);
    const pauses: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const before = t.clock.now().getTime();
      await deliverDueMail(t.deps);
      const row = await outboxRow(t, invite.id);
      expect(row.attempts).toBe(attempt);
      if (row.status === "pending") {
        const pause = new Date(row.next_attempt_at).getTime() - before;
        pauses.push(pause / MINUTE);
        t.clock.advance(pause);
      }
    }
    expect(pauses).toEqual([1, 5, 15, 60, 240, 480, 720]);
    expect(await outboxRow(t, invite.id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(auditActions(t, invite.id)).toEqual(["mail.failed"]);

    t.clock.advance(24 * 60 * MINUTE);
    expect(await deliverDueMail(t.deps)).toEqual({ sent: 0, logged: 0, retrying: 0, failed: 0 });
  });

  it.each([
    ["refuses the recipient for good (550)", { code: 550, text: "No such mailbox" }, "failed", 1],
    ["asks to try later (451)", { code: 451, text: "Greylisted, try later" }, "pending", 1],
  ] as const)("when the server %s, the message is %s", async (_case, answer, status, attempts) => {
    const server = await smtp({ refuseRecipient: (a) => (a === "vera@vendor.example" ? answer : undefined) });
    const t = await appSendingTo(server.url);
    const invite = await queueInvite(t);
    await deliverDueMail(t.deps);
    const row = await outboxRow(t, invite.id);
    expect(row).toMatchObject({ status, attempts });
    expect(row.last_error).toContain(String(answer.code));
    expect(server.received).toHaveLength(0);
  });

  it("a refused login keeps the SMTP password out of the stored error and the log", async () => {
    const server = await smtp({ requireLogin: true });
    const t = await appSendingTo(`smtp://mailer:Hunter2-very-secret@127.0.0.1:${server.port}`);
    const invite = await queueInvite(t);
    await deliverDueMail(t.deps);
    const row = await outboxRow(t, invite.id);
    expect(row.status).toBe("pending");
    expect(row.last_error).toMatch(/EAUTH/);
    expect(row.last_error).toContain("[hidden]");
    expect(row.last_error).not.toContain("Hunter2-very-secret");
    expect(JSON.stringify(t.logger.lines)).not.toContain("Hunter2-very-secret");
  });

  it("a pass sends at most `limit` messages; the rest wait for the next pass", async () => {
    const server = await smtp();
    const t = await appSendingTo(server.url);
    for (let i = 0; i < 3; i++) await queueInvite(t, { to: { email: `v${i}@vendor.example` } });
    expect(await deliverDueMail(t.deps, { limit: 2 })).toMatchObject({ sent: 2 });
    expect(await deliverDueMail(t.deps, { limit: 2 })).toMatchObject({ sent: 1 });
    expect(server.received.map((m) => m.envelopeTo[0]).sort()).toEqual([
      "v0@vendor.example",
      "v1@vendor.example",
      "v2@vendor.example",
    ]);
  });

  it("SMTP_URL chooses the SMTP mailer; without it mail is logged", async () => {
    const t = await buildTestApp();
    expect(createMailer({ mail: { smtpUrl: "smtp://127.0.0.1:2525", from: FROM } }, t.logger).kind).toBe(
      "smtp",
    );
    expect(createMailer({ mail: { smtpUrl: undefined, from: FROM } }, t.logger).kind).toBe("log");
  });
});
