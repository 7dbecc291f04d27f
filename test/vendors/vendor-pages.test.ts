import { describe, expect, it } from "vitest";
import type { Role } from "../../src/auth/roles.ts";
import { addProcessingRecord, type ProcessingInput } from "../../src/vendors/register-service.ts";
import { changeVendorStatus, createVendor } from "../../src/vendors/vendor-service.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";

type Session = { cookie: string; csrf: string };
type Fields = Record<string, string> | [string, string][];

async function signedIn(t: TestApp, role: Role): Promise<Session> {
  const user = await t.addUser(role);
  return t.signIn(user.email);
}

async function get(t: TestApp, s: Session, path: string) {
  const res = await t.app.request(path, { headers: { cookie: s.cookie } });
  return { status: res.status, html: await res.text(), location: res.headers.get("location") };
}

async function post(t: TestApp, s: Session, path: string, fields: Fields) {
  const body = new URLSearchParams(fields);
  body.set("_csrf", s.csrf);
  const res = await t.app.request(path, {
    method: "POST",
    headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  return { status: res.status, html: await res.text(), location: res.headers.get("location") ?? "" };
}

function count(t: TestApp, table: string): number {
  return (t.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

/** The markup of the element with this id up to its closing tag name (enough to check attributes and text). */
function element(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return "";
  const open = html.lastIndexOf("<", start);
  return html.slice(open, html.indexOf(">", start) + 1);
}

/** The text inside the element with this id (its tag must not nest inside itself). */
function textOf(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return "";
  const tag = /<(\w+)[^<]*$/.exec(html.slice(0, start))?.[1] ?? "";
  const from = html.indexOf(">", start) + 1;
  return html.slice(from, html.indexOf(`</${tag}>`, from)).replace(/<[^>]+>/g, "");
}

const payroll: [string, string][] = [
  ["purpose", "Monthly payroll and sick-leave administration for our employees"],
  ["legalBasis", "legal_obligation"],
  ["dataCategories", "identity"],
  ["dataCategories", "financial"],
  ["dataCategories", "health"],
  ["dataSubjects", "employees"],
  ["otherSubjects", "pensioners"],
  ["subjectCount", "50,000"],
  ["retention", "7 years after employment ends"],
  ["frequency", "continuous"],
  ["access", "stores"],
  ["locations[0].country", "DE"],
  ["locations[0].mechanism", "none"],
  ["locations[0].sccModule", ""],
  ["locations[1].country", "US"],
  ["locations[1].mechanism", "scc"],
  ["locations[1].sccModule", "2"],
  ["locations[2].country", ""],
  ["locations[2].mechanism", ""],
  ["locations[2].sccModule", ""],
];

async function addVendor(t: TestApp, name: string, extra: Partial<Parameters<typeof createVendor>[1]> = {}) {
  return createVendor(t.ctx, { name, country: "DE", businessCriticality: "medium", ...extra });
}

const health: ProcessingInput = {
  purpose: "Occupational health checks",
  legalBasis: "legal_obligation",
  dataCategories: ["health"],
  art9Condition: "health_social_care",
  dataSubjects: ["employees"],
  subjectCount: 200,
  frequency: "recurring",
  access: "stores",
  locations: [{ country: "FR", mechanism: "none" }],
};

describe("vendor register pages", () => {
  it("procurement adds a vendor with a contact through the form and lands on its page", async () => {
    const t = await buildTestApp();
    const s = await signedIn(t, "procurement");
    const form = await get(t, s, "/vendors/new");
    expect(form.status).toBe(200);
    expect(form.html).toContain('<label for="f-contacts-0-email">');
    const res = await post(t, s, "/vendors/new", {
      name: "Lohnbüro Müller",
      legalName: "Lohnbüro Müller GmbH",
      country: "DE",
      website: "https://mueller.example",
      businessCriticality: "high",
      dpfCertified: "on",
      "contacts[0].name": "Eva Müller",
      "contacts[0].email": "eva@mueller.example",
      "contacts[0].role": "privacy",
      "contacts[1].name": "",
      "contacts[1].email": "",
      "contacts[1].role": "",
    });
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/vendors\/[0-9A-Z]{26}\?notice=created$/);
    const page = await get(t, s, res.location);
    expect(page.status).toBe(200);
    expect(page.html).toContain("<h1>Lohnbüro Müller</h1>");
    expect(page.html).toContain("Vendor added.");
    expect(page.html).toContain("eva@mueller.example");
    expect(page.html).toContain("Germany (DE)");
    const row = t.sqlite.prepare("select business_criticality, dpf_certified, status from vendors").get();
    expect(row).toEqual({ business_criticality: "high", dpf_certified: 1, status: "intake" });
    expect(count(t, "vendor_contacts")).toBe(1);
  });

  it("a vendor form with mistakes comes back with everything typed and each problem at its field", async () => {
    const t = await buildTestApp();
    const s = await signedIn(t, "procurement");
    const res = await post(t, s, "/vendors/new", {
      name: "  ",
      legalName: "Acme Holdings Ltd",
      country: "",
      website: "ftp://acme.example",
      businessCriticality: "high",
      "contacts[0].name": "Ann Other",
      "contacts[0].email": "not-an-email",
      "contacts[0].role": "security",
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain('value="Acme Holdings Ltd"');
    expect(res.html).toContain('value="Ann Other"');
    expect(res.html).toMatch(/<option value="high" selected="">/);
    expect(element(res.html, "f-name")).toContain('aria-invalid="true"');
    expect(element(res.html, "f-website")).toContain('aria-describedby="f-website-hint f-website-error"');
    expect(textOf(res.html, "f-website-error")).toContain("must be an http(s) address");
    expect(textOf(res.html, "f-country-error")).toContain("choose a country");
    expect(textOf(res.html, "f-contacts-0-email-error")).toContain("must be an email address");
    expect(res.html).toContain('href="#f-contacts-0-email"');
    expect(count(t, "vendors")).toBe(0);
  });

  it("special category data without an Art. 9(2) condition is refused next to that field, keeping the form", async () => {
    const t = await buildTestApp();
    const s = await signedIn(t, "procurement");
    const vendor = await addVendor(t, "PayCo");
    const res = await post(t, s, `/vendors/${vendor.id}/processing/new`, [...payroll, ["art9Condition", ""]]);
    expect(res.status).toBe(400);
    expect(element(res.html, "f-art9Condition")).toContain("f-art9Condition-error");
    expect(textOf(res.html, "f-art9Condition-error")).toContain("needs an Art. 9(2) condition");
    expect(res.html).toContain('href="#f-art9Condition"');
    expect(res.html).toContain("Monthly payroll and sick-leave administration");
    expect(element(res.html, "f-dataCategories-special-health")).toContain("checked");
    expect(element(res.html, "f-dataSubjects-employees")).toContain("checked");
    expect(res.html).toContain('value="pensioners"');
    expect(res.html).toContain('value="50,000"');
    expect(res.html).toMatch(
      /id="f-locations-1-country"[^>]*>(?:(?!<\/select>).)*<option value="US" selected=""/s,
    );
    expect(res.html).toContain('id="f-locations-4-country"');
    expect(count(t, "processing_records")).toBe(0);
  });

  it("with the condition the record is stored and the vendor page shows the raised tier and its reasons", async () => {
    const t = await buildTestApp();
    const s = await signedIn(t, "procurement");
    const vendor = await addVendor(t, "PayCo");
    const res = await post(t, s, `/vendors/${vendor.id}/processing/new`, [
      ...payroll,
      ["art9Condition", "employment_social_security"],
    ]);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/vendors/${vendor.id}?notice=record-added#processing`);
    const page = await get(t, s, `/vendors/${vendor.id}`);
    const tier = t.sqlite.prepare("select tier from vendors").get() as { tier: string };
    expect(tier.tier).toBe("critical");
    expect(page.html).toContain('class="tag tier tier-critical"');
    for (const reason of [
      "special category data: health",
      "50,000 data subjects",
      "vendor stores the data",
    ]) {
      expect(page.html).toContain(reason);
    }
    expect(page.html).toContain("restricted transfer to United States of America (US) under a safeguard");
    expect(page.html).toContain('Health data<span class="tag tag-special">GDPR Art. 9</span>');
    expect(page.html).toContain("Employees, pensioners");
    expect(page.html).toContain("Module 2: controller to processor");
    expect(page.html).toContain("vendor-security-baseline");
    expect(page.html).toContain("6 months");
    expect(page.html).toContain("data-sharing record added");
    const stored = t.sqlite.prepare("select subject_count, data_subjects from processing_records").get();
    expect(stored).toEqual({ subject_count: 50000, data_subjects: '["employees","pensioners"]' });
  });

  it("a sub-processor is added with the records it handles, and a record can be edited and deleted", async () => {
    const t = await buildTestApp();
    const s = await signedIn(t, "privacy");
    const vendor = await addVendor(t, "HR Cloud");
    const { record } = await addProcessingRecord(t.ctx, vendor.id, health);
    const form = await get(t, s, `/vendors/${vendor.id}/subprocessors/new`);
    expect(form.html).toContain("Occupational health checks");
    const added = await post(t, s, `/vendors/${vendor.id}/subprocessors/new`, {
      name: "Hosting Inc",
      service: "Cloud hosting",
      country: "US",
      mechanism: "scc",
      sccModule: "3",
      processingIds: record.id,
      addedOn: "2026-02-01",
    });
    expect(added.status).toBe(303);
    const page = await get(t, s, `/vendors/${vendor.id}`);
    expect(page.html).toContain("Hosting Inc");
    expect(page.html).toMatch(/Hosting Inc(?:(?!<\/tr>).)*Occupational health checks/s);

    const edit = await get(t, s, `/vendors/${vendor.id}/processing/${record.id}/edit`);
    expect(edit.html).toContain('value="200"');
    const saved = await post(t, s, `/vendors/${vendor.id}/processing/${record.id}/edit`, [
      ["purpose", "Occupational health checks and sick notes"],
      ["legalBasis", "legal_obligation"],
      ["dataCategories", "health"],
      ["art9Condition", "health_social_care"],
      ["dataSubjects", "employees"],
      ["subjectCount", "300"],
      ["frequency", "recurring"],
      ["access", "stores"],
      ["locations[0].country", "FR"],
      ["locations[0].mechanism", "none"],
    ]);
    expect(saved.status).toBe(303);
    expect(t.sqlite.prepare("select purpose, subject_count from processing_records").get()).toEqual({
      purpose: "Occupational health checks and sick notes",
      subject_count: 300,
    });
    expect((await post(t, s, `/vendors/${vendor.id}/processing/${record.id}/delete`, {})).status).toBe(303);
    expect(count(t, "processing_records")).toBe(0);
  });

  it("privacy overrides the tier with a reason; procurement is refused", async () => {
    const t = await buildTestApp();
    const vendor = await addVendor(t, "Tiny Tools");
    const proc = await signedIn(t, "procurement");
    const procPage = await get(t, proc, `/vendors/${vendor.id}`);
    expect(procPage.html).not.toContain(`action="/vendors/${vendor.id}/override"`);
    const refused = await post(t, proc, `/vendors/${vendor.id}/override`, {
      tier: "high",
      reason: "Board decision 2026-02",
    });
    expect(refused.status).toBe(403);

    const privacy = await signedIn(t, "privacy");
    expect((await get(t, privacy, `/vendors/${vendor.id}`)).html).toContain(
      `action="/vendors/${vendor.id}/override"`,
    );
    const short = await post(t, privacy, `/vendors/${vendor.id}/override`, {
      tier: "high",
      reason: "because",
    });
    expect(short.status).toBe(400);
    expect(textOf(short.html, "f-reason-error")).toContain("at least 10 characters");
    expect(short.html).toContain(">because</textarea>");
    const ok = await post(t, privacy, `/vendors/${vendor.id}/override`, {
      tier: "high",
      reason: "Handles board papers",
    });
    expect(ok.status).toBe(303);
    const page = await get(t, privacy, `/vendors/${vendor.id}`);
    expect(page.html).toContain("Computed low, overridden to high because “Handles board papers”");
    expect(page.html).toContain("override: Handles board papers");
    const removed = await post(t, privacy, `/vendors/${vendor.id}/override`, {
      tier: "",
      reason: "Board papers moved elsewhere",
    });
    expect(removed.status).toBe(303);
    expect(t.sqlite.prepare("select tier, tier_override from vendors").get()).toEqual({
      tier: "low",
      tier_override: null,
    });
  });

  it("offboarding is only completed with the return-or-deletion confirmation", async () => {
    const t = await buildTestApp();
    const s = await signedIn(t, "procurement");
    const vendor = await addVendor(t, "Old Supplier");
    const status = () => (t.sqlite.prepare("select status from vendors").get() as { status: string }).status;
    expect((await post(t, s, `/vendors/${vendor.id}/status`, { status: "approved" })).status).toBe(409);
    for (const next of ["under_review", "approved", "offboarding"]) {
      expect((await post(t, s, `/vendors/${vendor.id}/status`, { status: next })).status).toBe(303);
    }
    expect(status()).toBe("offboarding");
    const page = await get(t, s, `/vendors/${vendor.id}`);
    expect(page.html).toContain("Mark as offboarded");
    expect(page.html).toContain("GDPR Art. 28(3)(g)");

    const bare = await post(t, s, `/vendors/${vendor.id}/status`, {
      status: "offboarded",
      "offboarding.evidence": "Email from their DPO",
    });
    expect(bare.status).toBe(400);
    expect(textOf(bare.html, "f-offboarding-disposition-error")).toContain("choose one of the options");
    expect(textOf(bare.html, "f-offboarding-confirmedOn-error")).toContain("must be a date");
    expect(bare.html).toContain(">Email from their DPO</textarea>");
    expect(status()).toBe("offboarding");

    const done = await post(t, s, `/vendors/${vendor.id}/status`, {
      status: "offboarded",
      "offboarding.disposition": "deleted",
      "offboarding.confirmedOn": "2026-03-01",
      "offboarding.evidence": "Deletion certificate from their DPO",
    });
    expect(done.status).toBe(303);
    expect(status()).toBe("offboarded");
    const after = await get(t, s, `/vendors/${vendor.id}`);
    expect(after.html).toContain("Data deleted (GDPR Art. 28(3)(g)), confirmed on 2026-03-01");
  });

  it("a viewer reads every page but sees no forms, and every change is refused", async () => {
    const t = await buildTestApp();
    const vendor = await addVendor(t, "Read Only Ltd");
    const { record } = await addProcessingRecord(t.ctx, vendor.id, health);
    const s = await signedIn(t, "viewer");
    for (const path of ["/vendors", `/vendors/${vendor.id}`, "/register/checks"]) {
      const page = await get(t, s, path);
      expect(page.status, path).toBe(200);
      expect(page.html, path).not.toMatch(/<form method="post" action="\/(?!logout)/);
      expect(page.html, path).not.toContain("Add vendor");
    }
    for (const path of [
      "/vendors/new",
      `/vendors/${vendor.id}/edit`,
      `/vendors/${vendor.id}/processing/new`,
    ]) {
      expect((await get(t, s, path)).status, path).toBe(403);
    }
    const posts: [string, Fields][] = [
      ["/vendors/new", { name: "X", country: "DE", businessCriticality: "low" }],
      [`/vendors/${vendor.id}/edit`, { name: "Y", country: "DE", businessCriticality: "low" }],
      [`/vendors/${vendor.id}/status`, { status: "under_review" }],
      [`/vendors/${vendor.id}/override`, { tier: "high", reason: "long enough reason" }],
      [
        `/vendors/${vendor.id}/contacts`,
        { "contact.name": "A", "contact.email": "a@b.example", "contact.role": "security" },
      ],
      [`/vendors/${vendor.id}/processing/${record.id}/delete`, {}],
      [
        `/vendors/${vendor.id}/subprocessors/new`,
        { name: "S", service: "x", country: "DE", mechanism: "none" },
      ],
    ];
    for (const [path, fields] of posts) expect((await post(t, s, path, fields)).status, path).toBe(403);
    expect(count(t, "vendors")).toBe(1);
    expect(count(t, "processing_records")).toBe(1);
    expect(t.sqlite.prepare("select name, status from vendors").get()).toEqual({
      name: "Read Only Ltd",
      status: "intake",
    });
  });

  it("a form posted without the session's CSRF token is refused", async () => {
    const t = await buildTestApp();
    const s = await signedIn(t, "procurement");
    const res = await post(t, { ...s, csrf: "forged" }, "/vendors/new", {
      name: "X",
      country: "DE",
      businessCriticality: "low",
    });
    expect(res.status).toBe(403);
    expect(count(t, "vendors")).toBe(0);
  });

  it("the list filters by text, status, tier, country and data category, and pages with next links", async () => {
    const t = await buildTestApp();
    for (let i = 0; i < 53; i++) await addVendor(t, `Filler ${String(i).padStart(2, "0")}`);
    const acme = await addVendor(t, "Acme Analytics", { country: "US", dpfCertified: true });
    await changeVendorStatus(t.ctx, acme.id, { status: "under_review" });
    await addProcessingRecord(t.ctx, acme.id, { ...health, subjectCount: 5000 });
    const s = await signedIn(t, "viewer");
    const rows = (html: string) =>
      [...html.matchAll(/<td><a href="\/vendors\/[0-9A-Z]{26}">([^<]+)<\/a>/g)].map((m) => m[1]);

    const first = await get(t, s, "/vendors");
    expect(rows(first.html)).toHaveLength(50);
    expect(rows(first.html)[0]).toBe("Acme Analytics");
    const next = /<a href="([^"]+)" rel="next">Next page<\/a>/
      .exec(first.html)?.[1]
      ?.replaceAll("&amp;", "&");
    expect(next).toMatch(/^\/vendors\?cursor=/);
    const second = await get(t, s, next ?? "");
    expect(rows(second.html)).toEqual(["Filler 49", "Filler 50", "Filler 51", "Filler 52"]);
    expect(second.html).toContain("First page");
    expect(second.html).not.toContain("Next page");

    const cases: [string, string[]][] = [
      ["q=acme", ["Acme Analytics"]],
      ["country=US", ["Acme Analytics"]],
      ["dataCategory=health", ["Acme Analytics"]],
      ["tier=high", ["Acme Analytics"]],
      ["status=approved", []],
      ["status=under_review&needsReassessment=true", ["Acme Analytics"]],
      ["needsReassessment=false&q=acme", []],
      [
        "q=Filler+0&sort=-name",
        [
          "Filler 09",
          "Filler 08",
          "Filler 07",
          "Filler 06",
          "Filler 05",
          "Filler 04",
          "Filler 03",
          "Filler 02",
          "Filler 01",
          "Filler 00",
        ],
      ],
    ];
    for (const [query, expected] of cases) {
      const page = await get(t, s, `/vendors?${query}`);
      expect(rows(page.html), query).toEqual(expected);
    }
    const filtered = await get(t, s, "/vendors?country=US&tier=high");
    expect(filtered.html).toMatch(/<option value="US" selected="">/);
    expect(filtered.html).toMatch(
      /<a href="\/vendors\?tier=high"><span class="tag tier tier-high">High<\/span> 1/,
    );
    const bad = await get(t, s, "/vendors?country=XX");
    expect(bad.status).toBe(400);
    expect(textOf(bad.html, "f-country-error")).toContain("choose a country");
  });

  it("the register checks page lists problems across vendors, filterable by severity and code", async () => {
    const t = await buildTestApp();
    const a = await addVendor(t, "Alpha Mail");
    await addProcessingRecord(t.ctx, a.id, {
      ...health,
      retention: undefined,
      locations: [{ country: "IN", mechanism: "none" }],
    });
    await addVendor(t, "Beta Docs");
    const s = await signedIn(t, "viewer");
    const all = await get(t, s, "/register/checks");
    expect(all.html).toContain(`<a href="/vendors/${a.id}">Alpha Mail</a>`);
    expect(all.html).toContain("<code>transfer_without_mechanism</code>");
    expect(all.html).toContain("<code>retention_missing</code>");
    const high = await get(t, s, "/register/checks?severity=high");
    expect(high.html).toContain("<code>transfer_without_mechanism</code>");
    expect(high.html).not.toContain("<code>retention_missing</code>");
    const byCode = await get(t, s, "/register/checks?code=security_contact_missing");
    expect(byCode.html).toContain("Beta Docs");
    expect(byCode.html).not.toContain("<code>transfer_without_mechanism</code>");
  });

  it("contacts are added and removed on the edit page, and the details can be changed", async () => {
    const t = await buildTestApp();
    const s = await signedIn(t, "procurement");
    const vendor = await addVendor(t, "Contact Co");
    const bad = await post(t, s, `/vendors/${vendor.id}/contacts`, {
      "contact.name": "Sam",
      "contact.email": "nope",
      "contact.role": "",
    });
    expect(bad.status).toBe(400);
    expect(textOf(bad.html, "f-contact-email-error")).toContain("must be an email address");
    expect(textOf(bad.html, "f-contact-role-error")).toContain("choose one of the options");
    const ok = await post(t, s, `/vendors/${vendor.id}/contacts`, {
      "contact.name": "Sam",
      "contact.email": "sam@contact.example",
      "contact.role": "security",
    });
    expect(ok.location).toBe(`/vendors/${vendor.id}/edit?notice=contact-added#contacts`);
    const edit = await get(t, s, ok.location);
    expect(edit.html).toContain("Contact added.");
    const contactId = (t.sqlite.prepare("select id from vendor_contacts").get() as { id: string }).id;
    expect(edit.html).toContain(`/vendors/${vendor.id}/contacts/${contactId}/delete`);
    expect((await post(t, s, `/vendors/${vendor.id}/contacts/${contactId}/delete`, {})).status).toBe(303);
    expect(count(t, "vendor_contacts")).toBe(0);

    const saved = await post(t, s, `/vendors/${vendor.id}/edit`, {
      name: "Contact Co",
      country: "CA",
      businessCriticality: "critical",
      canadaCommercial: "on",
      website: "",
    });
    expect(saved.status).toBe(303);
    expect(
      t.sqlite.prepare("select country, business_criticality, canada_commercial, tier from vendors").get(),
    ).toEqual({
      country: "CA",
      business_criticality: "critical",
      canada_commercial: 1,
      tier: "high",
    });
  });
});
