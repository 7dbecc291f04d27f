import { describe, expect, it } from "vitest";
import { api } from "../assessments/fixtures.ts";
import { pdfText } from "../support/pdf.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import { configureOrganisation, download, richVendor } from "./dpa-setup.ts";

const PROCESSOR = "Łódź Logistics Sp. z o.o.";

const PARTIES = {
  dpoName: "Jordan Lee",
  dpoEmail: "dpo@lodz.example",
  euRepresentative: "Lodz Rep GmbH\nFriedrichstraße 10, 10117 Berlin",
  signatoryName: "Sam Rivera",
  signatoryTitle: "Prezes Zarządu",
};

async function setup() {
  const t = await buildTestApp();
  await configureOrganisation(t);
  const { vendor } = await richVendor(t);
  return { t, vendor, privacy: await t.bearer("privacy"), admin: await t.bearer("admin") };
}

async function generate(t: TestApp, headers: Record<string, string>, vendorId: string) {
  const made = await api(t, headers, "POST", `/api/v1/vendors/${vendorId}/dpa`);
  const pdf = await download(t, headers, `/api/v1/dpa/${made.body.documentId}`);
  // Raw text with white space runs as one space, so wrapped lines read as written.
  const text = (await pdfText(pdf.bytes, "raw")).replace(/\s+/g, " ");
  return { status: made.status, version: made.body.version, text };
}

/** The text from `start` up to `end` (exclusive), both searched from `after` on. */
function between(text: string, start: string, end: string, after = ""): string {
  const from = text.indexOf(start, text.indexOf(after));
  expect(from, `"${start}" after "${after}"`).toBeGreaterThanOrEqual(0);
  const to = text.indexOf(end, from + start.length);
  return text.slice(from, to < 0 ? undefined : to);
}

const annexParty = (text: string) =>
  between(text, `Processor: ${PROCESSOR}`, "B. Description of the processing", "A. List of parties");
const processorSignature = (text: string) =>
  between(text, `Processor ${PROCESSOR} Signature`, " v1 · ", "Signed by the authorised representatives");

describe("the processor's own DPO, representative and signatory in its DPA", () => {
  it("names them in the parties clause, Annex I.A and the processor's signature block", async () => {
    const { t, vendor, privacy } = await setup();
    expect((await api(t, privacy, "PATCH", `/api/v1/vendors/${vendor.id}`, PARTIES)).status).toBe(200);
    const { status, text } = await generate(t, privacy, vendor.id);
    expect(status).toBe(201);

    expect(text).toContain("The processor's data protection officer is Jordan Lee, dpo@lodz.example.");
    expect(text).toContain(
      "The processor's representative in the Union under Art. 27 GDPR is Lodz Rep GmbH Friedrichstraße 10, 10117 Berlin.",
    );
    const annex = annexParty(text);
    expect(annex).toContain("Data protection officer Jordan Lee, dpo@lodz.example");
    expect(annex).toContain("Union (Art. 27 GDPR) Lodz Rep GmbH Friedrichstraße 10, 10117 Berlin");
    expect(annex).toContain("Signatory Sam Rivera, Prezes Zarządu");
    expect(processorSignature(text)).toContain("Name: Sam Rivera Title: Prezes Zarządu Date:");
  });

  it("leaves lines to fill in by hand while the register records none of them", async () => {
    const { t, vendor, privacy } = await setup();
    const { text } = await generate(t, privacy, vendor.id);
    expect(text).not.toContain("The processor's data protection officer");
    expect(text).not.toContain("The processor's representative in the Union");
    const annex = annexParty(text);
    expect(annex).not.toContain("Data protection officer");
    expect(annex).toContain("Signatory ______________________________");
    expect(processorSignature(text)).toContain("Name: Title: Date:");
  });
});

describe("deadlines for data subject requests and for deletion or return", () => {
  it("put the days of the settings into the Art. 28(3)(e) and (g) clauses", async () => {
    const { t, vendor, privacy, admin } = await setup();
    const defaults = await generate(t, privacy, vendor.id);
    expect(defaults.text).toContain("without undue delay and in any event within 5 days of receiving it");
    expect(defaults.text).toContain("within 30 days after the services end");

    const set = await api(t, admin, "PATCH", "/api/v1/settings", { dsrAssistanceDays: 1, deletionDays: 90 });
    expect(set.body).toMatchObject({ dsrAssistanceDays: 1, deletionDays: 90 });
    const { text } = await generate(t, privacy, vendor.id);
    const requests = between(text, "Data subject requests (Art. 28(3)(e) GDPR)", "Assistance with Art. 32");
    expect(requests).toContain("in any event within 1 day of receiving it");
    expect(requests).toContain("the processor must give it within 1 day of being asked");
    const deletion = between(text, "Deletion or return at the end of the services", "Information and audits");
    expect(deletion).toContain(
      "complete the deletion or return, including at its sub-processors, within 90 days after the services end",
    );
    expect(deletion).toContain(
      "at the latest by the end of that period, the processor must confirm to the controller in writing",
    );
  });

  it("make a new version when changed, listing the change, and so does a new vendor signatory", async () => {
    const { t, vendor, privacy, admin } = await setup();
    expect((await generate(t, privacy, vendor.id)).version).toBe(1);
    await api(t, admin, "PATCH", "/api/v1/settings", { dsrAssistanceDays: 10 });
    const second = await generate(t, privacy, vendor.id);
    expect(second).toMatchObject({ status: 201, version: 2 });
    expect(second.text).toContain("within 10 days of receiving it");
    await api(t, privacy, "PATCH", `/api/v1/vendors/${vendor.id}`, { signatoryName: "Sam Rivera" });
    expect((await generate(t, privacy, vendor.id)).version).toBe(3);

    const status = await api(t, privacy, "GET", `/api/v1/vendors/${vendor.id}/dpa`);
    const versions = status.body.versions as { version: number; changes: string[] }[];
    expect(versions.map((v) => [v.version, v.changes])).toEqual([
      [3, ["processor.signatory: added (Sam Rivera)"]],
      [2, ["settings.dsrAssistanceDays: 5 → 10"]],
      [1, []],
    ]);
  });

  it("still list a version stored before these settings existed, and the next generation names the days", async () => {
    const { t, vendor, privacy } = await setup();
    await generate(t, privacy, vendor.id);
    const row = await t.deps.db
      .selectFrom("dpa_documents")
      .select(["id", "inputs"])
      .executeTakeFirstOrThrow();
    const old = JSON.parse(row.inputs) as { settings: Record<string, unknown> };
    delete old.settings.dsrAssistanceDays;
    delete old.settings.deletionDays;
    await t.deps.db
      .updateTable("dpa_documents")
      .set({ inputs: JSON.stringify(old) })
      .where("id", "=", row.id)
      .execute();

    const status = await api(t, privacy, "GET", `/api/v1/vendors/${vendor.id}/dpa`);
    expect(status.status).toBe(200);
    expect(status.body.changesSinceLatest).toEqual([
      "settings.deletionDays: none → 30",
      "settings.dsrAssistanceDays: none → 5",
    ]);
    const next = await generate(t, privacy, vendor.id);
    expect(next).toMatchObject({ status: 201, version: 2 });
    expect(next.text).toContain("within 5 days of receiving it");
  });

  it.each([
    ["dsrAssistanceDays", 31, "must be at most 30 days"],
    ["dsrAssistanceDays", 0, "must be at least 1 day"],
    ["deletionDays", 181, "must be at most 180 days"],
    ["deletionDays", 2.5, "must be a whole number of days"],
  ])("refuse %s = %s in the settings API", async (field, value, message) => {
    const t = await buildTestApp();
    const refused = await api(t, await t.bearer("admin"), "PATCH", "/api/v1/settings", { [field]: value });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.details).toContainEqual({ path: field, message });
  });

  it("show on the admin settings page with their defaults and save from it", async () => {
    const t = await buildTestApp();
    const session = await t.signIn((await t.addUser("admin")).email);
    const html = await (
      await t.app.request("/admin/settings", { headers: { cookie: session.cookie } })
    ).text();
    expect(html).toMatch(/Data subject requests \(days\)[\s\S]*?name="dsrAssistanceDays"[^>]*value="5"/);
    expect(html).toMatch(/Deletion or return \(days\)[\s\S]*?name="deletionDays"[^>]*value="30"/);
    const saved = await t.app.request("/admin/settings", {
      method: "POST",
      headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: session.csrf, dsrAssistanceDays: "3", deletionDays: "60" }),
    });
    expect(saved.status).toBe(303);
    const read = await api(t, await t.bearer("viewer"), "GET", "/api/v1/settings");
    expect(read.body).toMatchObject({ dsrAssistanceDays: 3, deletionDays: 60 });
  });
});
