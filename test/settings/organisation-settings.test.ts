import { describe, expect, it } from "vitest";
import { getSetting, organisationName, setSetting } from "../../src/settings/settings-service.ts";
import { api } from "../assessments/fixtures.ts";
import { buildTestApp, cookieHeader, form } from "../support/test-app.ts";

describe("organisation settings", () => {
  it("vendors see a neutral name until an admin sets the organisation's own", async () => {
    const t = await buildTestApp();
    expect(await getSetting(t.deps.db, "organisation.name")).toBeUndefined();
    expect(await organisationName(t.deps.db)).toBe("Your customer");
    await setSetting(t.ctx, "organisation.name", "  Northwind Insurance ");
    expect(await organisationName(t.deps.db)).toBe("Northwind Insurance");
    await setSetting(t.ctx, "organisation.name", null);
    expect(await organisationName(t.deps.db)).toBe("Your customer");
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "entity_id", "changes"])
      .execute();
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([
      ["setting.update", "organisation.name"],
      ["setting.update", "organisation.name"],
    ]);
    expect(JSON.parse(audit[1]!.changes)).toEqual({
      "organisation.name": { before: "Northwind Insurance", after: null },
    });
  });

  it("an admin changes them through the API; other staff read them and get 403 on a change", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const viewer = await t.bearer("viewer");
    expect((await api(t, viewer, "GET", "/api/v1/settings")).body).toMatchObject({ organisationName: null });
    const patched = await api(t, admin, "PATCH", "/api/v1/settings", { organisationName: "Northwind" });
    expect(patched).toMatchObject({ status: 200, body: { organisationName: "Northwind" } });
    expect((await api(t, viewer, "GET", "/api/v1/settings")).body).toMatchObject({
      organisationName: "Northwind",
    });
    for (const role of ["procurement", "privacy", "viewer"] as const)
      expect(
        (await api(t, await t.bearer(role), "PATCH", "/api/v1/settings", { organisationName: "X" })).status,
      ).toBe(403);
    const bad = await api(t, admin, "PATCH", "/api/v1/settings", { organisationName: "" });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.details?.[0]?.path).toBe("organisationName");
    expect((await api(t, admin, "PATCH", "/api/v1/settings", { colour: "blue" })).status).toBe(400);
    expect(await organisationName(t.deps.db)).toBe("Northwind");
  });

  it("the admin settings page saves the organisation name through a real session", async () => {
    const t = await buildTestApp();
    const admin = await t.addUser("admin");
    const { cookie, csrf } = await t.signIn(admin.email);
    const page = await t.app.request("/admin/settings", { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<label for="f-organisationName">Organisation name');
    const post = (fields: Record<string, string>) => {
      const f = form(fields);
      return t.app.request("/admin/settings", {
        method: "POST",
        headers: { ...f.headers, cookie },
        body: f.body,
      });
    };
    const saved = await post({ _csrf: csrf, organisationName: "Northwind Insurance" });
    expect(saved.status).toBe(303);
    expect(await organisationName(t.deps.db)).toBe("Northwind Insurance");
    const after = await t.app.request(saved.headers.get("location")!, { headers: { cookie } });
    expect(await after.text()).toContain('value="Northwind Insurance"');
    const long = await post({ _csrf: csrf, organisationName: "x".repeat(201) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('aria-invalid="true"');
    expect((await post({ organisationName: "No token" })).status).toBe(403);
    expect(cookieHeader(saved)).toBe("");
  });

  it("the settings page is for admins only", async () => {
    const t = await buildTestApp();
    const user = await t.addUser("procurement");
    const { cookie } = await t.signIn(user.email);
    expect((await t.app.request("/admin/settings", { headers: { cookie } })).status).toBe(403);
    expect((await t.app.request("/admin/settings")).status).toBe(303);
  });
});
