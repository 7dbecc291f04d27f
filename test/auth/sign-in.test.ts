import { describe, expect, it } from "vitest";
import { buildTestApp, cookieHeader, form, TEST_PASSWORD } from "../support/test-app.ts";

async function loginForm(t: Awaited<ReturnType<typeof buildTestApp>>) {
  const page = await t.app.request("/login");
  return {
    cookie: cookieHeader(page),
    csrf: /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "",
  };
}

async function postLogin(
  t: Awaited<ReturnType<typeof buildTestApp>>,
  email: string,
  password: string,
  headers: Record<string, string> = {},
) {
  const { cookie, csrf } = await loginForm(t);
  const f = form({ email, password, _csrf: csrf, next: "/" });
  return t.app.request("/login", {
    method: "POST",
    headers: { ...f.headers, cookie, ...headers },
    body: f.body,
  });
}

describe("staff sign-in", () => {
  it("a staff member signs in with email and password, lands on the dashboard, and signs out", async () => {
    const t = await buildTestApp();
    const user = await t.addUser("privacy", "Pat@Example.test");
    const res = await postLogin(t, "pat@example.test", TEST_PASSWORD);
    expect(res.status).toBe(303);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/vv_session=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = cookieHeader(res);
    const home = await t.app.request("/", { headers: { cookie } });
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain("<h1>Dashboard</h1>");
    expect(html).toContain("Welcome, Test privacy 1. You are signed in as <strong>privacy</strong>.");
    expect(html).toContain("Sign out");

    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const out = await t.app.request("/logout", {
      method: "POST",
      ...form({ _csrf: csrf }),
      headers: { ...form({}).headers, cookie },
    });
    expect(out.status).toBe(303);
    const after = await t.app.request("/", { headers: { cookie } });
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toBe("/login?next=%2F");
    const sessions = t.sqlite
      .prepare("select count(*) as n from sessions where user_id = ?")
      .get(user.id) as { n: number };
    expect(sessions.n).toBe(0);
  });

  it("the session row keeps only a hash of the cookie's secret", async () => {
    const t = await buildTestApp();
    const user = await t.addUser("viewer");
    const { cookie } = await t.signIn(user.email);
    const secret = cookie.split("vv_session=")[1] ?? "";
    const row = t.sqlite.prepare("select id_hash from sessions").get() as { id_hash: string };
    expect(row.id_hash).not.toBe(secret);
    expect(row.id_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("sets the Secure flag when VendorVet is served over https", async () => {
    const t = await buildTestApp({ config: { secureCookies: true } });
    const user = await t.addUser("viewer");
    const res = await postLogin(t, user.email, TEST_PASSWORD);
    expect(res.headers.get("set-cookie")).toMatch(/Secure/);
  });

  it("a wrong password is refused with the same message as an unknown email", async () => {
    const t = await buildTestApp();
    const user = await t.addUser("viewer");
    const wrong = await postLogin(t, user.email, "not the password at all");
    const unknown = await postLogin(t, "nobody@example.test", "not the password at all");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toContain("Email or password is wrong");
    expect(await unknown.text()).toContain("Email or password is wrong");
    expect(wrong.headers.get("set-cookie") ?? "").not.toContain("vv_session=");
  });

  it("after five failures the account is locked for the window, even with the right password", async () => {
    const t = await buildTestApp();
    const user = await t.addUser("viewer");
    for (let i = 0; i < 5; i++) expect((await postLogin(t, user.email, `wrong guess ${i}`)).status).toBe(401);
    const locked = await postLogin(t, user.email, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain("Too many failed sign-ins");
    t.clock.advance(16 * 60_000);
    expect((await postLogin(t, user.email, TEST_PASSWORD)).status).toBe(303);
  });

  it("limits failures per address across accounts", async () => {
    const t = await buildTestApp({
      config: {
        trustProxy: true,
        login: { maxFailuresPerAccount: 100, maxFailuresPerIp: 3, windowMinutes: 15 },
      },
    });
    const user = await t.addUser("viewer");
    const from = { "x-forwarded-for": "203.0.113.7" };
    for (let i = 0; i < 3; i++)
      expect((await postLogin(t, `guess${i}@example.test`, "wrong password!", from)).status).toBe(401);
    expect((await postLogin(t, user.email, TEST_PASSWORD, from)).status).toBe(429);
    expect(
      (await postLogin(t, user.email, TEST_PASSWORD, { "x-forwarded-for": "198.51.100.1" })).status,
    ).toBe(303);
  });

  it("a disabled user cannot sign in, and their open session stops at once", async () => {
    const t = await buildTestApp();
    const admin = await t.addUser("admin");
    const user = await t.addUser("viewer");
    const { cookie } = await t.signIn(user.email);
    expect((await t.app.request("/", { headers: { cookie } })).status).toBe(200);
    const adminSession = await t.signIn(admin.email);
    const res = await t.app.request(`/admin/users/${user.id}/disable`, {
      method: "POST",
      headers: { ...form({}).headers, cookie: adminSession.cookie },
      body: new URLSearchParams({ _csrf: adminSession.csrf }),
    });
    expect(res.status).toBe(303);
    expect((await t.app.request("/", { headers: { cookie } })).status).toBe(303);
    const again = await postLogin(t, user.email, TEST_PASSWORD);
    expect(again.status).toBe(401);
    expect(await again.text()).toContain("disabled");
  });

  it("sessions end after the idle timeout and after the absolute lifetime", async () => {
    const t = await buildTestApp();
    const user = await t.addUser("viewer");
    const idle = await t.signIn(user.email);
    t.clock.advance(119 * 60_000);
    expect((await t.app.request("/", { headers: { cookie: idle.cookie } })).status).toBe(200);
    t.clock.advance(121 * 60_000);
    expect((await t.app.request("/", { headers: { cookie: idle.cookie } })).status).toBe(303);

    const busy = await t.signIn(user.email);
    for (let hour = 1; hour <= 11; hour++) {
      t.clock.advance(60 * 60_000);
      expect((await t.app.request("/", { headers: { cookie: busy.cookie } })).status).toBe(200);
    }
    t.clock.advance(61 * 60_000);
    expect((await t.app.request("/", { headers: { cookie: busy.cookie } })).status).toBe(303);
  });

  it("refuses a form post without the session's CSRF token, and a cross-site origin", async () => {
    const t = await buildTestApp();
    const admin = await t.addUser("admin");
    const { cookie, csrf } = await t.signIn(admin.email);
    const fields = {
      name: "Mallory",
      email: "mallory@example.test",
      role: "admin",
      password: "twelve chars long",
    };
    const noToken = await t.app.request("/admin/users", {
      method: "POST",
      headers: { ...form({}).headers, cookie },
      body: new URLSearchParams(fields),
    });
    expect(noToken.status).toBe(403);
    const wrongToken = await t.app.request("/admin/users", {
      method: "POST",
      headers: { ...form({}).headers, cookie },
      body: new URLSearchParams({ ...fields, _csrf: "forged" }),
    });
    expect(wrongToken.status).toBe(403);
    const crossSite = await t.app.request("/admin/users", {
      method: "POST",
      headers: { ...form({}).headers, cookie, origin: "https://evil.example" },
      body: new URLSearchParams({ ...fields, _csrf: csrf }),
    });
    expect(crossSite.status).toBe(403);
    const jsonWithoutHeader = await t.app.request("/api/v1/users", {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify(fields),
    });
    expect(jsonWithoutHeader.status).toBe(403);
    expect(
      t.sqlite.prepare("select count(*) as n from users where email = ?").get("mallory@example.test"),
    ).toEqual({ n: 0 });

    const ok = await t.app.request("/admin/users", {
      method: "POST",
      headers: { ...form({}).headers, cookie },
      body: new URLSearchParams({ ...fields, _csrf: csrf }),
    });
    expect(ok.status).toBe(303);
    expect(
      t.sqlite.prepare("select count(*) as n from users where email = ?").get("mallory@example.test"),
    ).toEqual({ n: 1 });
  });

  it("refuses a sign-in post without the login form's token", async () => {
    const t = await buildTestApp();
    const user = await t.addUser("viewer");
    const res = await t.app.request("/login", {
      method: "POST",
      ...form({ email: user.email, password: TEST_PASSWORD, _csrf: "x" }),
    });
    expect(res.status).toBe(403);
  });

  it("never redirects off-site after sign-in", async () => {
    const t = await buildTestApp();
    const user = await t.addUser("viewer");
    const { cookie, csrf } = await loginForm(t);
    const f = form({ email: user.email, password: TEST_PASSWORD, _csrf: csrf, next: "//evil.example/x" });
    const res = await t.app.request("/login", {
      method: "POST",
      headers: { ...f.headers, cookie },
      body: f.body,
    });
    expect(res.headers.get("location")).toBe("/");
  });
});
