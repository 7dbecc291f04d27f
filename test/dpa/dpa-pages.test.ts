import { describe, expect, it } from "vitest";
import { changeVendorStatus } from "../../src/vendors/vendor-service.ts";
import { buildTestApp, form, type TestApp } from "../support/test-app.ts";
import { configureOrganisation, richVendor, tinyPdf } from "./dpa-setup.ts";

async function session(t: TestApp, role: "privacy" | "viewer" | "procurement") {
  const user = await t.addUser(role);
  return t.signIn(user.email);
}

function post(t: TestApp, path: string, cookie: string, fields: Record<string, string>) {
  const f = form(fields);
  return t.app.request(path, { method: "POST", headers: { ...f.headers, cookie }, body: f.body });
}

function postFile(
  t: TestApp,
  path: string,
  cookie: string,
  fields: Record<string, string>,
  bytes: Uint8Array,
) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  body.set("file", new File([bytes], "countersigned.pdf", { type: "application/pdf" }));
  return t.app.request(path, { method: "POST", headers: { cookie }, body });
}

async function latestRow(t: TestApp) {
  return t.deps.db
    .selectFrom("dpa_documents")
    .select(["id", "version", "status"])
    .orderBy("version", "desc")
    .executeTakeFirstOrThrow();
}

describe("the DPA pages", () => {
  it("the privacy team generates, marks as sent and uploads the signed copy from the vendor's DPA panel", async () => {
    const t = await buildTestApp();
    await configureOrganisation(t);
    const { vendor } = await richVendor(t);
    const { cookie, csrf } = await session(t, "privacy");

    const empty = await (await t.app.request(`/vendors/${vendor.id}/dpa`, { headers: { cookie } })).text();
    expect(empty).toContain("No DPA has been generated for this vendor yet.");
    expect(empty).toContain(`action="/vendors/${vendor.id}/dpa/generate"`);

    const generated = await post(t, `/vendors/${vendor.id}/dpa/generate`, cookie, {
      _csrf: csrf,
      effectiveDate: "2026-03-02",
    });
    expect(generated.status).toBe(303);
    expect(generated.headers.get("location")).toBe(`/vendors/${vendor.id}?dpa=generated#dpa`);
    const v1 = await latestRow(t);
    expect(v1).toMatchObject({ version: 1, status: "generated" });

    const same = await post(t, `/vendors/${vendor.id}/dpa/generate`, cookie, {
      _csrf: csrf,
      effectiveDate: "",
    });
    expect(same.headers.get("location")).toBe(`/vendors/${vendor.id}?dpa=unchanged#dpa`);

    const panel = await (await t.app.request(`/vendors/${vendor.id}/dpa`, { headers: { cookie } })).text();
    expect(panel).toContain(`href="/api/v1/dpa/${v1.id}"`);
    expect(panel).toContain(`action="/dpa/${v1.id}/sent"`);
    expect(panel).toContain("First version");

    expect((await post(t, `/dpa/${v1.id}/sent`, cookie, { _csrf: csrf })).status).toBe(303);
    expect((await latestRow(t)).status).toBe("sent_for_signature");

    const signed = await postFile(
      t,
      `/dpa/${v1.id}/signed`,
      cookie,
      { _csrf: csrf, signedOn: "2026-03-02" },
      await tinyPdf("signed"),
    );
    expect(signed.status).toBe(303);
    expect(signed.headers.get("location")).toBe(`/vendors/${vendor.id}?dpa=signed#dpa`);
    const after = await (await t.app.request(`/vendors/${vendor.id}/dpa`, { headers: { cookie } })).text();
    expect(after).toContain("Version 1 is in force, signed on 2026-03-02.");
    expect(after).toContain(`href="/api/v1/dpa/${v1.id}/signed"`);
  });

  it("shows why an action was refused, with the right status", async () => {
    const t = await buildTestApp();
    const { vendor } = await richVendor(t);
    const { cookie, csrf } = await session(t, "privacy");
    const notReady = await post(t, `/vendors/${vendor.id}/dpa/generate`, cookie, { _csrf: csrf });
    expect(notReady.status).toBe(422);
    const html = await notReady.text();
    expect(html).toContain("set the organisation&#39;s legal name in Settings");
    expect(html).not.toContain(`action="/vendors/${vendor.id}/dpa/generate"`);

    await configureOrganisation(t);
    await post(t, `/vendors/${vendor.id}/dpa/generate`, cookie, { _csrf: csrf });
    const { id } = await latestRow(t);
    const html415 = await postFile(
      t,
      `/dpa/${id}/signed`,
      cookie,
      { _csrf: csrf, signedOn: "2026-03-02" },
      Buffer.from("<html>not a pdf</html>"),
    );
    expect(html415.status).toBe(415);
    expect(await html415.text()).toContain("not a PDF");
    const badDate = await postFile(
      t,
      `/dpa/${id}/signed`,
      cookie,
      { _csrf: csrf, signedOn: "2030-01-01" },
      await tinyPdf("x"),
    );
    expect(badDate.status).toBe(400);
    expect(await badDate.text()).toContain('aria-invalid="true"');
    expect((await latestRow(t)).status).toBe("generated");
  });

  it("viewers see the versions without the buttons; other roles cannot act, and forms need their token", async () => {
    const t = await buildTestApp();
    await configureOrganisation(t);
    const { vendor } = await richVendor(t);
    const privacy = await session(t, "privacy");
    await post(t, `/vendors/${vendor.id}/dpa/generate`, privacy.cookie, { _csrf: privacy.csrf });
    const { id } = await latestRow(t);

    const viewer = await session(t, "viewer");
    const page = await (
      await t.app.request(`/vendors/${vendor.id}/dpa`, { headers: { cookie: viewer.cookie } })
    ).text();
    expect(page).toContain(`href="/api/v1/dpa/${id}"`);
    expect(page.slice(page.indexOf('<section id="dpa"'))).not.toContain("<form");
    const procurement = await session(t, "procurement");
    expect(
      (await post(t, `/vendors/${vendor.id}/dpa/generate`, procurement.cookie, { _csrf: procurement.csrf }))
        .status,
    ).toBe(403);
    expect((await post(t, `/dpa/${id}/sent`, viewer.cookie, { _csrf: viewer.csrf })).status).toBe(403);
    expect((await post(t, `/dpa/${id}/sent`, privacy.cookie, {})).status).toBe(403);
    expect((await t.app.request(`/vendors/${vendor.id}/dpa`)).status).toBe(303);
  });

  it("the DPA list shows every approved vendor's DPA state, and the export button to the privacy team", async () => {
    const t = await buildTestApp();
    await configureOrganisation(t);
    const { vendor } = await richVendor(t, "Müller GmbH");
    const other = (await richVendor(t, "Acme Analytics")).vendor;
    for (const v of [vendor, other])
      for (const status of ["under_review", "approved"] as const)
        await changeVendorStatus(t.ctx, v.id, { status });
    const privacy = await session(t, "privacy");
    await post(t, `/vendors/${vendor.id}/dpa/generate`, privacy.cookie, { _csrf: privacy.csrf });

    const html = await (await t.app.request("/dpa", { headers: { cookie: privacy.cookie } })).text();
    expect(html).toContain(
      "2 approved vendors: 0 with a signed DPA in force, 1 with a DPA not signed yet, 1 without a DPA.",
    );
    expect(html.indexOf("Acme Analytics")).toBeLessThan(html.indexOf("Müller GmbH"));
    expect(html).toContain('href="/api/v1/dpa/export.zip"');
    expect(html).toContain("None yet");
    const viewer = await session(t, "viewer");
    const forViewer = await (await t.app.request("/dpa", { headers: { cookie: viewer.cookie } })).text();
    expect(forViewer).toContain("Müller GmbH");
    expect(forViewer).not.toContain("export.zip");
  });
});
