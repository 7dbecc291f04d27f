import { describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/test-app.ts";

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

const PASSWORD = "a long enough secret";

async function api(
  t: TestApp,
  headers: Record<string, string>,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await t.app.request(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: (text ? JSON.parse(text) : null) as Record<string, unknown> & ErrorBody,
  };
}

const paths = (body: ErrorBody) => (body.error.details ?? []).map((d) => d.path).sort();

describe("admins manage staff users through the API", () => {
  it("an admin adds a user; the email is stored lowercased and the password never comes back", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const res = await api(t, admin, "POST", "/api/v1/users", {
      email: "Dana.Ops@Example.TEST",
      name: "Dana",
      role: "privacy",
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      email: "dana.ops@example.test",
      name: "Dana",
      role: "privacy",
      disabled: false,
      hasPassword: true,
    });
    expect(res.json.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(t.sqlite.prepare("select email from users where id = ?").get(res.json.id)).toEqual({
      email: "dana.ops@example.test",
    });
    const one = await api(t, admin, "GET", `/api/v1/users/${res.json.id}`);
    expect(one.json).toMatchObject({ email: "dana.ops@example.test" });
  });

  it("a second user with the same email, in any case, is a 409 naming the field", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    await api(t, admin, "POST", "/api/v1/users", { email: "sam@example.test", name: "Sam", role: "viewer" });
    const again = await api(t, admin, "POST", "/api/v1/users", {
      email: "SAM@example.test",
      name: "Sam again",
      role: "viewer",
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("conflict");
    expect(again.json.error.details).toEqual([{ path: "email", message: expect.any(String) }]);
    expect(
      t.sqlite.prepare("select count(*) as n from users where email = 'sam@example.test'").get(),
    ).toEqual({ n: 1 });
  });

  it.each([
    ["a bad email", { email: "not-an-email", name: "X", role: "viewer" }, ["email"]],
    ["an unknown role", { email: "x@example.test", name: "X", role: "owner" }, ["role"]],
    [
      "a short password",
      { email: "x@example.test", name: "X", role: "viewer", password: "short" },
      ["password"],
    ],
    ["an empty name", { email: "x@example.test", name: "  ", role: "viewer" }, ["name"]],
    [
      "everything wrong",
      { email: "nope", name: "", role: "root", password: "1" },
      ["email", "name", "password", "role"],
    ],
    ["missing fields", {}, ["email", "name", "role"]],
  ])("%s is a 400 with the field paths, and nobody is added", async (_case, body, expected) => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const users = t.sqlite.prepare("select count(*) as n from users").get();
    const res = await api(t, admin, "POST", "/api/v1/users", body);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("validation_failed");
    expect(paths(res.json)).toEqual(expected);
    expect(t.sqlite.prepare("select count(*) as n from users").get()).toEqual(users);
  });

  it("refuses fields it does not know instead of ignoring them", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const res = await api(t, admin, "POST", "/api/v1/users", {
      email: "x@example.test",
      name: "X",
      role: "viewer",
      isSuperuser: true,
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json.error.details)).toContain("isSuperuser");
    const user = await t.addUser("viewer");
    const patch = await api(t, admin, "PATCH", `/api/v1/users/${user.id}`, { email: "other@example.test" });
    expect(patch.status).toBe(400);
    const empty = await api(t, admin, "PATCH", `/api/v1/users/${user.id}`, {});
    expect(empty.status).toBe(400);
  });

  it("an admin changes a user's role, and the new role applies to their next request", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const viewer = await t.bearer("viewer");
    const me = (await api(t, viewer, "GET", "/api/v1/me")).json;
    expect((await api(t, viewer, "GET", "/api/v1/audit")).status).toBe(403);
    const res = await api(t, admin, "PATCH", `/api/v1/users/${me.id}`, { role: "privacy" });
    expect(res.status).toBe(200);
    expect(res.json.role).toBe("privacy");
    expect((await api(t, viewer, "GET", "/api/v1/audit")).status).toBe(200);
  });

  it("disabling a user stops their token at once, and enabling them restores it", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const worker = await t.bearer("procurement");
    const me = (await api(t, worker, "GET", "/api/v1/me")).json;
    const off = await api(t, admin, "PATCH", `/api/v1/users/${me.id}`, { disabled: true });
    expect(off.status).toBe(200);
    expect(off.json.disabled).toBe(true);
    expect((await api(t, worker, "GET", "/api/v1/me")).status).toBe(401);
    expect((await api(t, worker, "GET", "/api/v1/vendors")).status).toBe(401);
    const on = await api(t, admin, "PATCH", `/api/v1/users/${me.id}`, { disabled: false });
    expect(on.json.disabled).toBe(false);
    expect((await api(t, worker, "GET", "/api/v1/me")).status).toBe(200);
    const actions = t.sqlite
      .prepare("select action from audit_events where entity_id = ? order by seq")
      .all(me.id);
    expect(actions).toEqual([
      { action: "user.create" },
      { action: "user.disable" },
      { action: "user.enable" },
    ]);
  });

  it("the last active admin can be neither demoted nor disabled", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const me = (await api(t, admin, "GET", "/api/v1/me")).json;
    const demote = await api(t, admin, "PATCH", `/api/v1/users/${me.id}`, { role: "viewer" });
    expect(demote.status).toBe(409);
    expect(demote.json.error.code).toBe("conflict");
    expect((await api(t, admin, "PATCH", `/api/v1/users/${me.id}`, { disabled: true })).status).toBe(409);
    expect(t.sqlite.prepare("select role, disabled_at from users where id = ?").get(me.id)).toEqual({
      role: "admin",
      disabled_at: null,
    });

    // A disabled admin does not count: they could not step in.
    const other = await t.addUser("admin");
    expect((await api(t, admin, "PATCH", `/api/v1/users/${other.id}`, { disabled: true })).status).toBe(200);
    expect((await api(t, admin, "PATCH", `/api/v1/users/${me.id}`, { role: "viewer" })).status).toBe(409);
    expect((await api(t, admin, "PATCH", `/api/v1/users/${other.id}`, { disabled: false })).status).toBe(200);
    expect((await api(t, admin, "PATCH", `/api/v1/users/${me.id}`, { role: "viewer" })).status).toBe(200);
  });

  it("an unknown user id is a 404 in the error envelope", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    for (const method of ["GET", "PATCH"]) {
      const res = await api(
        t,
        admin,
        method,
        "/api/v1/users/01ARZ3NDEKTSV4RRFFQ69G5FAV",
        method === "PATCH" ? { name: "Ghost" } : undefined,
      );
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    }
  });

  it("no response ever carries a password or its hash", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const created = await api(t, admin, "POST", "/api/v1/users", {
      email: "kim@example.test",
      name: "Kim",
      role: "viewer",
      password: PASSWORD,
    });
    const id = String(created.json.id);
    const responses = [
      created,
      await api(t, admin, "GET", "/api/v1/users"),
      await api(t, admin, "GET", `/api/v1/users/${id}`),
      await api(t, admin, "PATCH", `/api/v1/users/${id}`, { password: "another long secret" }),
      await api(t, admin, "GET", "/api/v1/me"),
      await api(t, admin, "GET", "/api/v1/audit"),
    ];
    for (const res of responses) {
      expect(res.status).toBeLessThan(300);
      expect(res.text).not.toContain(PASSWORD);
      expect(res.text).not.toContain("another long secret");
      expect(res.text).not.toMatch(/scrypt\$/);
      expect(res.text).not.toMatch(/"password(_hash|Hash)?":\s*"(?!\[redacted\])/);
    }
    const list = (responses[1]?.json.data ?? []) as Record<string, unknown>[];
    expect(list.length).toBe(2);
    for (const user of list) expect(Object.keys(user)).not.toContain("password");
  });
});
