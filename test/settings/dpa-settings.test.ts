import { describe, expect, it } from "vitest";
import { readSettings } from "../../src/settings/settings-service.ts";
import { api } from "../assessments/fixtures.ts";
import { buildTestApp, form } from "../support/test-app.ts";

const DEFAULTS = {
  legalName: null,
  registeredAddress: null,
  country: null,
  signatoryName: null,
  signatoryTitle: null,
  privacyContactName: null,
  privacyContactEmail: null,
  dpoName: null,
  dpoEmail: null,
  euRepresentative: null,
  supervisoryAuthority: null,
  breachNotificationHours: 48,
  subprocessorNoticeDays: 30,
  dsrAssistanceDays: 5,
  deletionDays: 30,
  paperSize: "A4",
  ukData: false,
  sccDocking: true,
  sccIndependentRedress: null,
  governingLaw: null,
  courts: null,
};

describe("the organisation's DPA settings", () => {
  it("read as their defaults until set, take typed values, and go back to the default when cleared", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    expect((await api(t, await t.bearer("viewer"), "GET", "/api/v1/settings")).body).toEqual({
      organisationName: null,
      ...DEFAULTS,
    });
    const patch = {
      legalName: "Northwind Insurance SE",
      country: "ie",
      dpoEmail: "dpo@northwind.example",
      breachNotificationHours: 24,
      paperSize: "LETTER",
      ukData: true,
      sccDocking: false,
      governingLaw: "IE",
      courts: "NL",
    };
    const saved = await api(t, admin, "PATCH", "/api/v1/settings", patch);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ...patch, country: "IE" });
    expect(await readSettings(t.deps.db)).toMatchObject({ breachNotificationHours: 24, ukData: true });

    const stored = await t.deps.db.selectFrom("settings").select(["key", "value"]).orderBy("key").execute();
    expect(stored).toContainEqual({ key: "dpa.breach_notification_hours", value: "24" });
    expect(stored).toContainEqual({ key: "scc.docking", value: "false" });

    const cleared = await api(t, admin, "PATCH", "/api/v1/settings", {
      breachNotificationHours: null,
      sccDocking: null,
    });
    expect(cleared.body).toMatchObject({ breachNotificationHours: 48, sccDocking: true });
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["entity_id", "changes"])
      .where("entity_id", "=", "dpa.breach_notification_hours")
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => JSON.parse(a.changes))).toEqual([
      { "dpa.breach_notification_hours": { before: null, after: "24" } },
      { "dpa.breach_notification_hours": { before: "24", after: null } },
    ]);
  });

  it.each([
    ["breachNotificationHours", "48", "must be a whole number of hours"],
    ["breachNotificationHours", 0, "must be at least 1 hour"],
    ["breachNotificationHours", 1.5, "must be a whole number of hours"],
    ["subprocessorNoticeDays", 400, "must be at most 365 days"],
    ["paperSize", "A3", "must be A4 or LETTER"],
    ["ukData", "yes", "must be true or false"],
    ["country", "XX", "must be an ISO 3166-1 alpha-2 country code, such as DE or IE"],
    ["governingLaw", "NO", "must be the country code of an EU Member State, such as IE"],
    ["courts", "GB", "must be the country code of an EU Member State, such as IE"],
    ["dpoEmail", "not an email", "must be an email address"],
    ["legalName", "  ", "must not be empty"],
  ])("refuses %s = %j with a clear 400", async (field, value, message) => {
    const t = await buildTestApp();
    const res = await api(t, await t.bearer("admin"), "PATCH", "/api/v1/settings", { [field]: value });
    expect(res.status).toBe(400);
    expect(res.body.error?.details).toEqual([{ path: field, message }]);
  });

  it("the admin page groups the settings in fieldsets and saves typed values from the form", async () => {
    const t = await buildTestApp();
    const admin = await t.addUser("admin");
    const { cookie, csrf } = await t.signIn(admin.email);
    const html = await (await t.app.request("/admin/settings", { headers: { cookie } })).text();
    for (const legend of [
      "Your organisation",
      "Privacy contacts",
      "Data processing agreements",
      "Standard contractual clauses (international transfers)",
    ])
      expect(html).toContain(`<legend>${legend}</legend>`);
    expect(html).toMatch(
      /<select id="f-governingLaw" name="governingLaw"[^>]*><option value="">Not set<\/option>/,
    );
    const lawSelect = html.slice(
      html.indexOf('id="f-governingLaw"'),
      html.indexOf("</select>", html.indexOf('id="f-governingLaw"')),
    );
    expect(lawSelect).toContain('<option value="IE">Ireland (IE)</option>');
    expect(lawSelect).not.toContain('<option value="NO">');
    expect(html).toContain('<input id="f-breachNotificationHours" name="breachNotificationHours"');

    const post = (fields: Record<string, string>) => {
      const f = form({ _csrf: csrf, ...fields });
      return t.app.request("/admin/settings", {
        method: "POST",
        headers: { ...f.headers, cookie },
        body: f.body,
      });
    };
    const ok = await post({
      legalName: "Northwind SE",
      breachNotificationHours: "72",
      ukData: "yes",
      sccDocking: "no",
    });
    expect(ok.status).toBe(303);
    expect(await readSettings(t.deps.db)).toMatchObject({
      legalName: "Northwind SE",
      breachNotificationHours: 72,
      ukData: true,
      sccDocking: false,
      subprocessorNoticeDays: 30,
    });

    const bad = await post({
      legalName: "Northwind SE",
      breachNotificationHours: "two days",
      dpoEmail: "nope",
    });
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain("Breach notification (hours): must be a whole number of hours");
    expect(page).toContain("Data protection officer (email): must be an email address");
    expect(page).toContain('value="two days"');
    expect((await readSettings(t.deps.db)).breachNotificationHours).toBe(72);
  });
});
