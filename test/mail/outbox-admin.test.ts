import { afterEach, describe, expect, it } from "vitest";
import type { Role } from "../../src/auth/roles.ts";
import { MAX_ATTEMPTS } from "../../src/mail/delivery-policy.ts";
import { deliverDueMail, startDeliveryWorker } from "../../src/mail/mail-delivery.ts";
import { createSmtpMailer } from "../../src/mail/mailer.ts";
import { buildTestApp, form, type TestApp } from "../support/test-app.ts";
import { auditActions, outboxRow, queueInvite } from "./mail-fixtures.ts";
import { freePort, startTestSmtp } from "./smtp-test-server.ts";

const DAY = 24 * 60 * 60_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function adminSession(t: TestApp) {
  return t.signIn((await t.addUser("admin")).email);
}

/** Fails a message for good against a port where nothing listens. */
async function failedInvite(t: TestApp, port: number) {
  t.deps.mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, "vv@example.org", { timeoutMs: 2_000 });
  const invite = await queueInvite(t);
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    await deliverDueMail(t.deps);
    t.clock.advance(DAY);
  }
  expect((await outboxRow(t, invite.id)).status).toBe("failed");
  return invite;
}

describe("with no SMTP server configured", () => {
  it("a message is logged: its text and link are in the server log and on its Outbox page", async () => {
    const t = await buildTestApp();
    expect(t.deps.mailer.kind).toBe("log");
    const invite = await queueInvite(t);

    expect(await deliverDueMail(t.deps)).toEqual({ sent: 0, logged: 1, retrying: 0, failed: 0 });
    const row = await outboxRow(t, invite.id);
    expect(row).toMatchObject({ status: "logged", attempts: 1, sent_at: t.clock.now().toISOString() });
    expect(row.text_body).toContain(invite.link);
    expect(auditActions(t, invite.id)).toEqual(["mail.logged"]);
    const logged = t.logger.lines.find((l) => l.msg === "mail not sent: no SMTP server configured");
    expect(logged).toMatchObject({
      to: ["vera@vendor.example"],
      subject: "Security questionnaire from Example Org",
    });
    expect(String(logged?.text)).toContain(invite.link);

    const { cookie } = await adminSession(t);
    const list = await (await t.app.request("/admin/outbox", { headers: { cookie } })).text();
    expect(list).toContain("No SMTP server is configured");
    expect(list).toContain(`href="/admin/outbox/${invite.id}"`);
    expect(list).toContain("logged");
    const page = await t.app.request(`/admin/outbox/${invite.id}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<code class="secret">${invite.link}</code>`);
    expect(html).toContain("Please answer our security questionnaire");
    expect(html).not.toContain("Retry now");
  });

  it("the message page shows text and subject as text, never as markup", async () => {
    const t = await buildTestApp();
    const invite = await queueInvite(t, {
      subject: "<script>alert(1)</script> questionnaire",
      text: "Dear <b>Vera</b>, see <img src=x onerror=alert(2)>",
    });
    const { cookie } = await adminSession(t);
    const html = await (await t.app.request(`/admin/outbox/${invite.id}`, { headers: { cookie } })).text();
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; questionnaire");
    expect(html).toContain("Dear &lt;b&gt;Vera&lt;/b&gt;");
  });

  it("the delivery worker started by the server logs queued mail on its own and stops cleanly", async () => {
    const t = await buildTestApp();
    const invite = await queueInvite(t);
    const stop = startDeliveryWorker(t.deps, 20);
    for (let i = 0; i < 100 && (await outboxRow(t, invite.id)).status === "pending"; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await stop();
    expect((await outboxRow(t, invite.id)).status).toBe("logged");
    const later = await queueInvite(t);
    await new Promise((r) => setTimeout(r, 60));
    expect((await outboxRow(t, later.id)).status).toBe("pending");
  });
});

describe("an admin deals with a message that could not be delivered", () => {
  it("a failed message is shown on the Outbox page, and Retry now delivers it once the server is back", async () => {
    const t = await buildTestApp();
    const port = await freePort();
    const invite = await failedInvite(t, port);
    const { cookie, csrf } = await adminSession(t);

    const list = await (await t.app.request("/admin/outbox?status=failed", { headers: { cookie } })).text();
    expect(list).toContain(`href="/admin/outbox/${invite.id}"`);
    expect(list).toContain('<span class="tag tag-bad">failed</span>');
    expect(list).toMatch(/ECONNREFUSED|ECONNECTION/);
    expect(list).toContain(`action="/admin/outbox/${invite.id}/retry"`);
    const sentOnly = await (await t.app.request("/admin/outbox?status=sent", { headers: { cookie } })).text();
    expect(sentOnly).not.toContain(`href="/admin/outbox/${invite.id}"`);

    const forged = form({ _csrf: "not-the-token" });
    const refused = await t.app.request(`/admin/outbox/${invite.id}/retry`, {
      method: "POST",
      body: forged.body,
      headers: { ...forged.headers, cookie },
    });
    expect(refused.status).toBe(403);
    expect((await outboxRow(t, invite.id)).status).toBe("failed");

    const { body, headers } = form({ _csrf: csrf });
    const retried = await t.app.request(`/admin/outbox/${invite.id}/retry`, {
      method: "POST",
      body,
      headers: { ...headers, cookie },
    });
    expect(retried.status).toBe(303);
    expect(retried.headers.get("location")).toBe(`/admin/outbox/${invite.id}?notice=retried`);
    expect(await outboxRow(t, invite.id)).toMatchObject({
      status: "pending",
      next_attempt_at: t.clock.now().toISOString(),
    });
    expect(auditActions(t, invite.id)).toEqual(["mail.failed", "mail.retry"]);

    const server = await startTestSmtp({ port });
    cleanups.push(() => server.close());
    expect(await deliverDueMail(t.deps)).toMatchObject({ sent: 1 });
    expect(await deliverDueMail(t.deps)).toMatchObject({ sent: 0 });
    expect(server.received).toHaveLength(1);
    expect(await outboxRow(t, invite.id)).toMatchObject({ status: "sent", attempts: MAX_ATTEMPTS + 1 });
    const page = await (await t.app.request(`/admin/outbox/${invite.id}`, { headers: { cookie } })).text();
    expect(page).not.toContain(invite.secret);
    expect(page).not.toContain("Retry now");
  });

  it("a manual retry that fails again goes straight back to failed", async () => {
    const t = await buildTestApp();
    const invite = await failedInvite(t, await freePort());
    const admin = await t.bearer("admin");
    const res = await t.app.request(`/api/v1/outbox/${invite.id}/retry`, { method: "POST", headers: admin });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: invite.id, status: "pending", attempts: MAX_ATTEMPTS });
    expect(await deliverDueMail(t.deps)).toMatchObject({ failed: 1 });
    expect(await outboxRow(t, invite.id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS + 1 });
  });
});

describe("the outbox API", () => {
  it("lists messages newest first, filters by status and kind, and pages with a cursor", async () => {
    const t = await buildTestApp();
    const first = await queueInvite(t);
    await deliverDueMail(t.deps);
    t.clock.advance(60_000);
    const reminders = [
      await queueInvite(t, { kind: "assessment.reminder", to: { email: "a@vendor.example" } }),
      await queueInvite(t, { kind: "assessment.reminder", to: { email: "b@vendor.example" } }),
      await queueInvite(t, { kind: "assessment.reminder", to: { email: "c@vendor.example" } }),
    ];
    const admin = await t.bearer("admin");
    const get = async (qs: string) => {
      const res = await t.app.request(`/api/v1/outbox${qs}`, { headers: admin });
      expect(res.status).toBe(200);
      return (await res.json()) as {
        data: { id: string; status: string; kind: string }[];
        nextCursor: string | null;
      };
    };

    const all = await get("");
    expect(all.data.map((m) => m.id).at(-1)).toBe(first.id);
    expect(all.data).toHaveLength(4);
    expect((await get("?status=logged")).data.map((m) => m.id)).toEqual([first.id]);
    expect((await get("?status=pending&kind=assessment.reminder")).data).toHaveLength(3);
    expect((await get("?kind=assessment.invite")).data.map((m) => m.id)).toEqual([first.id]);

    const page1 = await get("?limit=2");
    expect(page1.data).toHaveLength(2);
    const page2 = await get(`?limit=2&cursor=${page1.nextCursor}`);
    expect(page2.nextCursor).toBeNull();
    expect([...page1.data, ...page2.data].map((m) => m.id)).toEqual(all.data.map((m) => m.id));
    expect(new Set(all.data.map((m) => m.id))).toEqual(new Set([first.id, ...reminders.map((r) => r.id)]));

    const bad = await t.app.request("/api/v1/outbox?status=lost", { headers: admin });
    expect(bad.status).toBe(400);
  });

  it("shows one message with its text, and refuses to retry what was already delivered", async () => {
    const t = await buildTestApp();
    const invite = await queueInvite(t);
    await deliverDueMail(t.deps);
    const admin = await t.bearer("admin");
    const one = await t.app.request(`/api/v1/outbox/${invite.id}`, { headers: admin });
    expect(await one.json()).toMatchObject({
      status: "logged",
      text: expect.stringContaining(invite.link),
      hasHtml: true,
    });

    const again = await t.app.request(`/api/v1/outbox/${invite.id}/retry`, {
      method: "POST",
      headers: admin,
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("conflict");
    const missing = await t.app.request("/api/v1/outbox/01NOSUCHMESSAGE/retry", {
      method: "POST",
      headers: admin,
    });
    expect(missing.status).toBe(404);
    expect(auditActions(t, invite.id)).toEqual(["mail.logged"]);
  });
});

describe("only admins see the outbox", () => {
  const routes = [
    ["GET", "/api/v1/outbox"],
    ["GET", "/api/v1/outbox/:id"],
    ["POST", "/api/v1/outbox/:id/retry"],
    ["GET", "/admin/outbox"],
    ["GET", "/admin/outbox/:id"],
    ["POST", "/admin/outbox/:id/retry"],
  ] as const;
  const roles: Role[] = ["privacy", "procurement", "viewer"];

  it.each(routes.flatMap(([method, path]) => roles.map((role) => ({ method, path, role }))))(
    "$method $path is refused to $role",
    async ({ method, path, role }) => {
      const t = await buildTestApp();
      const invite = await queueInvite(t);
      const url = path.replace(":id", invite.id);
      let res: Response;
      if (path.startsWith("/api/")) {
        res = await t.app.request(url, { method, headers: await t.bearer(role) });
      } else {
        const { cookie, csrf } = await t.signIn((await t.addUser(role)).email);
        const { body, headers } = form({ _csrf: csrf });
        res = await t.app.request(url, {
          method,
          headers: { ...headers, cookie },
          ...(method === "POST" ? { body } : {}),
        });
      }
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain(invite.secret);
      expect(await outboxRow(t, invite.id)).toMatchObject({ status: "pending", attempts: 0 });
    },
  );

  it.each(routes)("%s %s without credentials is refused", async (method, path) => {
    const t = await buildTestApp();
    const invite = await queueInvite(t);
    const res = await t.app.request(path.replace(":id", invite.id), { method });
    expect([401, 303]).toContain(res.status);
    if (res.status === 303) expect(res.headers.get("location")).toMatch(/^\/login\?next=/);
    expect(await res.text()).not.toContain(invite.secret);
  });

  it("the Outbox link is in the navigation for admins only", async () => {
    const t = await buildTestApp();
    const admin = await adminSession(t);
    const viewer = await t.signIn((await t.addUser("viewer")).email);
    expect(await (await t.app.request("/", { headers: { cookie: admin.cookie } })).text()).toContain(
      'href="/admin/outbox"',
    );
    expect(await (await t.app.request("/", { headers: { cookie: viewer.cookie } })).text()).not.toContain(
      'href="/admin/outbox"',
    );
  });
});
