import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/audit/audit-verify.ts";
import { createUser, updateUser } from "../../src/users/user-service.ts";
import { buildTestApp } from "../support/test-app.ts";

describe("audit trail", () => {
  it("records who changed what, with before and after, and never the secrets", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const created = await t.app.request("/api/v1/users", {
      method: "POST",
      headers: { ...admin, "content-type": "application/json" },
      body: JSON.stringify({
        email: "sam@example.test",
        name: "Sam",
        role: "viewer",
        password: "a long enough secret",
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await t.app.request(`/api/v1/users/${id}`, {
      method: "PATCH",
      headers: { ...admin, "content-type": "application/json" },
      body: JSON.stringify({ role: "procurement" }),
    });

    const res = await t.app.request(`/api/v1/audit?entityId=${id}`, { headers: admin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      data: {
        action: string;
        actor: { type: string; label: string };
        changes: Record<string, { before?: unknown; after?: unknown }>;
      }[];
    };
    expect(body.data.map((e) => e.action)).toEqual(["user.update", "user.create"]);
    const [update, create] = body.data;
    expect(update?.changes).toEqual({ role: { before: "viewer", after: "procurement" } });
    expect(update?.actor.type).toBe("token");
    expect(update?.actor.label).toContain("(API token)");
    expect(create?.changes.email).toEqual({ after: "sam@example.test" });
    expect(create?.changes.password_hash).toEqual({ after: "[redacted]" });
    expect(JSON.stringify(body)).not.toContain("a long enough secret");
    expect(JSON.stringify(body)).not.toMatch(/scrypt\$/);
  });

  it("filters by action prefix and pages with a cursor", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    for (let i = 0; i < 5; i++) await t.addUser("viewer");
    const first = (await (
      await t.app.request("/api/v1/audit?action=user.*&limit=3", { headers: admin })
    ).json()) as { data: { seq: number; action: string }[]; nextCursor: number | null };
    expect(first.data).toHaveLength(3);
    expect(first.data.every((e) => e.action.startsWith("user."))).toBe(true);
    expect(first.nextCursor).not.toBeNull();
    const second = (await (
      await t.app.request(`/api/v1/audit?action=user.*&limit=3&cursor=${first.nextCursor}`, {
        headers: admin,
      })
    ).json()) as { data: { seq: number }[] };
    expect(second.data.length).toBeGreaterThan(0);
    expect(Math.max(...second.data.map((e) => e.seq))).toBeLessThan(
      Math.min(...first.data.map((e) => e.seq)),
    );
    const bad = await t.app.request("/api/v1/audit?since=yesterday", { headers: admin });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe(
      "since",
    );
  });

  it("a change that fails leaves no event", async () => {
    const t = await buildTestApp();
    await t.addUser("viewer", "dup@example.test");
    const before = t.sqlite.prepare("select count(*) as n from audit_events").get();
    await expect(
      createUser(t.ctx, { email: "dup@example.test", name: "Again", role: "viewer" }),
    ).rejects.toThrow(/already exists/);
    expect(t.sqlite.prepare("select count(*) as n from audit_events").get()).toEqual(before);
  });

  it("an event that fails to write leaves no change", async () => {
    const t = await buildTestApp();
    const user = await t.addUser("viewer");
    t.sqlite.exec(
      "create trigger break_audit before insert on audit_events begin select raise(abort, 'disk full'); end",
    );
    await expect(
      createUser(t.ctx, { email: "new@example.test", name: "New", role: "viewer" }),
    ).rejects.toThrow(/disk full/);
    await expect(updateUser(t.ctx, user.id, { role: "admin" })).rejects.toThrow(/disk full/);
    expect(
      t.sqlite.prepare("select count(*) as n from users where email = 'new@example.test'").get(),
    ).toEqual({ n: 0 });
    expect(t.sqlite.prepare("select role from users where id = ?").get(user.id)).toEqual({ role: "viewer" });
  });

  it("the application cannot edit or delete events", async () => {
    const t = await buildTestApp();
    await t.addUser("viewer");
    expect(() => t.sqlite.exec("update audit_events set action = 'x'")).toThrow(/append-only/);
    expect(() => t.sqlite.exec("delete from audit_events")).toThrow(/append-only/);
  });

  describe("verify names the first event tampered with behind the application's back", () => {
    async function withEvents() {
      const t = await buildTestApp();
      for (let i = 0; i < 4; i++) await t.addUser("viewer");
      t.sqlite.exec("drop trigger audit_events_no_update; drop trigger audit_events_no_delete;");
      expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true, checked: 4 });
      return t;
    }

    it("an edited row", async () => {
      const t = await withEvents();
      t.sqlite.exec(`update audit_events set changes = replace(changes, 'viewer', 'admin') where seq = 2`);
      const result = await verifyAuditChain(t.deps.db);
      expect(result).toMatchObject({ ok: false, brokenAt: { seq: 2, action: "user.create" } });
      const admin = await t.bearer("admin");
      const api = (await (await t.app.request("/api/v1/audit/verify", { headers: admin })).json()) as {
        ok: boolean;
        brokenAt: { seq: number };
      };
      expect(api.ok).toBe(false);
      expect(api.brokenAt.seq).toBe(2);
    });

    it("an edited row whose hash was recomputed is caught at the next link", async () => {
      const t = await withEvents();
      // Always a different first character: a hash that already starts with "f" would otherwise stay as it was.
      t.sqlite.exec(
        `update audit_events set hash = (case when substr(hash, 1, 1) = 'f' then '0' else 'f' end) || substr(hash, 2) where seq = 2`,
      );
      expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: false, brokenAt: { seq: 2 } });
    });

    it("a deleted row in the middle", async () => {
      const t = await withEvents();
      t.sqlite.exec("delete from audit_events where seq = 3");
      expect(await verifyAuditChain(t.deps.db)).toMatchObject({
        ok: false,
        brokenAt: { seq: 4 },
        reason: expect.stringContaining("missing"),
      });
    });

    it("rows cut from the end", async () => {
      const t = await withEvents();
      t.sqlite.exec("delete from audit_events where seq = 4");
      expect(await verifyAuditChain(t.deps.db)).toMatchObject({
        ok: false,
        brokenAt: null,
        reason: expect.stringContaining("removed from the end"),
      });
    });
  });
});
