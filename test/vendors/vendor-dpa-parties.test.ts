import { describe, expect, it } from "vitest";
import { api } from "../assessments/fixtures.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";

const BASE = { name: "Acme Cloud Inc", country: "US", businessCriticality: "high" };

const PARTIES = {
  dpoName: "Jordan Lee",
  dpoEmail: "dpo@acme.example",
  euRepresentative: "Acme EU Representative Ltd, 5 Quay Street, Galway, Ireland",
  signatoryName: "Sam Rivera",
  signatoryTitle: "General Counsel",
};

const UNSET = {
  dpoName: null,
  dpoEmail: null,
  euRepresentative: null,
  signatoryName: null,
  signatoryTitle: null,
};

function vendorRows(t: TestApp) {
  return t.deps.db
    .selectFrom("vendors")
    .select(["name", "dpo_name", "dpo_email", "eu_representative", "signatory_name", "signatory_title"])
    .execute();
}

function auditChanges(t: TestApp, action: string) {
  return t.deps.db
    .selectFrom("audit_events")
    .select("changes")
    .where("action", "=", action)
    .orderBy("seq")
    .execute()
    .then((rows) =>
      rows.map((r) => JSON.parse(r.changes) as Record<string, { before: unknown; after: unknown }>),
    );
}

describe("the vendor's DPO, EU representative and signatory in the register", () => {
  it("are stored on create, shown by GET, changed and cleared by PATCH, each change audited", async () => {
    const t = await buildTestApp();
    const procure = await t.bearer("procurement");
    const created = await api(t, procure, "POST", "/api/v1/vendors", {
      ...BASE,
      ...PARTIES,
      dpoEmail: "  dpo@acme.example ",
      signatoryName: "  Sam Rivera  ",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(PARTIES);
    const id = String(created.body.id);

    const read = await api(t, await t.bearer("viewer"), "GET", `/api/v1/vendors/${id}`);
    expect(read.body).toMatchObject(PARTIES);
    expect(await auditChanges(t, "vendor.create")).toEqual([
      expect.objectContaining({
        dpo_email: { after: "dpo@acme.example" },
        signatory_name: { after: "Sam Rivera" },
      }),
    ]);

    const patched = await api(t, procure, "PATCH", `/api/v1/vendors/${id}`, {
      signatoryTitle: "Chief Executive Officer",
      euRepresentative: null,
      dpoName: "",
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      ...PARTIES,
      signatoryTitle: "Chief Executive Officer",
      euRepresentative: null,
      dpoName: null,
    });
    expect(await auditChanges(t, "vendor.update")).toEqual([
      {
        signatory_title: { before: "General Counsel", after: "Chief Executive Officer" },
        eu_representative: { before: PARTIES.euRepresentative, after: null },
        dpo_name: { before: "Jordan Lee", after: null },
      },
    ]);
  });

  it("are optional on create and read as null until set", async () => {
    const t = await buildTestApp();
    const created = await api(t, await t.bearer("procurement"), "POST", "/api/v1/vendors", BASE);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(UNSET);
  });

  it.each([
    [
      "a DPO email that is not an address",
      { dpoEmail: "dpo at acme" },
      "dpoEmail",
      "must be an email address",
    ],
    ["an empty DPO email", { dpoEmail: "" }, "dpoEmail", "must be an email address"],
    ["a signatory name over 200 characters", { signatoryName: "x".repeat(201) }, "signatoryName", undefined],
    [
      "an EU representative over 1000 characters",
      { euRepresentative: "x".repeat(1001) },
      "euRepresentative",
      undefined,
    ],
  ])("refuse %s with the field path and store nothing", async (_story, bad, path, message) => {
    const t = await buildTestApp();
    const procure = await t.bearer("procurement");
    const refused = await api(t, procure, "POST", "/api/v1/vendors", { ...BASE, ...PARTIES, ...bad });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe("validation_failed");
    expect(refused.body.error?.details).toContainEqual(
      message === undefined ? expect.objectContaining({ path }) : { path, message },
    );
    expect(await vendorRows(t)).toEqual([]);

    const created = await api(t, procure, "POST", "/api/v1/vendors", { ...BASE, ...PARTIES });
    const patch = await api(t, procure, "PATCH", `/api/v1/vendors/${created.body.id}`, bad);
    expect(patch.status).toBe(400);
    expect(patch.body.error?.details?.map((d) => d.path)).toEqual([path]);
    expect(await vendorRows(t)).toEqual([
      {
        name: BASE.name,
        dpo_name: PARTIES.dpoName,
        dpo_email: PARTIES.dpoEmail,
        eu_representative: PARTIES.euRepresentative,
        signatory_name: PARTIES.signatoryName,
        signatory_title: PARTIES.signatoryTitle,
      },
    ]);
    expect(await auditChanges(t, "vendor.update")).toEqual([]);
  });
});

describe("the vendor form's fieldset for the data processing agreement", () => {
  async function post(t: TestApp, session: { cookie: string; csrf: string }, path: string, fields: object) {
    const body = new URLSearchParams({ ...fields, _csrf: session.csrf } as Record<string, string>);
    const res = await t.app.request(path, {
      method: "POST",
      headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    return { status: res.status, html: await res.text(), location: res.headers.get("location") ?? "" };
  }
  const page = async (t: TestApp, cookie: string, path: string) =>
    (await t.app.request(path, { headers: { cookie } })).text();

  it("round-trips through the new and edit forms to the vendor page, and an emptied field clears it", async () => {
    const t = await buildTestApp();
    const session = await t.signIn((await t.addUser("procurement")).email);

    const blank = await page(t, session.cookie, "/vendors/new");
    expect(blank).toContain("<legend>For the data processing agreement</legend>");
    expect(blank).toContain('id="f-dpoEmail"');

    const made = await post(t, session, "/vendors/new", { ...BASE, ...PARTIES });
    expect(made.status).toBe(303);
    const vendorPath = made.location.replace(/\?.*$/, "");
    const detail = await page(t, session.cookie, vendorPath);
    for (const shown of [
      "Jordan Lee",
      'href="mailto:dpo@acme.example"',
      PARTIES.euRepresentative,
      "Sam Rivera, General Counsel",
    ])
      expect(detail).toContain(shown);

    const edit = await page(t, session.cookie, `${vendorPath}/edit`);
    expect(edit).toContain('value="Jordan Lee"');
    expect(edit).toContain('value="dpo@acme.example"');
    expect(edit).toContain(`>${PARTIES.euRepresentative}</textarea>`);

    const saved = await post(t, session, `${vendorPath}/edit`, {
      ...BASE,
      ...PARTIES,
      dpoName: "",
      signatoryTitle: "  Managing Director ",
    });
    expect(saved.status).toBe(303);
    expect(await vendorRows(t)).toMatchObject([
      { dpo_name: null, dpo_email: "dpo@acme.example", signatory_title: "Managing Director" },
    ]);
    expect(await page(t, session.cookie, vendorPath)).toContain("Sam Rivera, Managing Director");
  });

  it("shows a bad DPO email next to its field with what was typed, and changes nothing", async () => {
    const t = await buildTestApp();
    const session = await t.signIn((await t.addUser("procurement")).email);
    const made = await post(t, session, "/vendors/new", { ...BASE, ...PARTIES });
    const vendorPath = made.location.replace(/\?.*$/, "");

    const bad = await post(t, session, `${vendorPath}/edit`, {
      ...BASE,
      ...PARTIES,
      dpoEmail: "dpo at acme",
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("Data protection officer (email): must be an email address");
    expect(bad.html).toContain('value="dpo at acme"');
    expect(bad.html).toMatch(/id="f-dpoEmail"[^>]*aria-invalid="true"/);
    expect(await vendorRows(t)).toMatchObject([{ dpo_email: "dpo@acme.example" }]);
  });

  it("says on the vendor page what the DPA will leave blank", async () => {
    const t = await buildTestApp();
    const session = await t.signIn((await t.addUser("procurement")).email);
    const made = await post(t, session, "/vendors/new", BASE);
    const detail = await page(t, session.cookie, made.location.replace(/\?.*$/, ""));
    expect(detail).toContain("For the data processing agreement");
    expect(detail.match(/not recorded; left blank in the DPA/g)).toHaveLength(3);
  });
});
