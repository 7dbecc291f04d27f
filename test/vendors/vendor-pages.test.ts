import { describe, expect, it } from "vitest";
import { buildTestApp } from "../support/test-app.ts";
import { addVendor, count, element, get, post, signedIn, textOf } from "./vendor-pages-fixtures.ts";

describe("vendor register pages: adding, editing and offboarding a vendor", () => {
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
});
