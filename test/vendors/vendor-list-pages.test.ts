import { describe, expect, it } from "vitest";
import { addProcessingRecord } from "../../src/vendors/register-service.ts";
import { changeVendorStatus } from "../../src/vendors/vendor-service.ts";
import { buildTestApp } from "../support/test-app.ts";
import {
  addVendor,
  count,
  type Fields,
  get,
  health,
  post,
  signedIn,
  textOf,
} from "./vendor-pages-fixtures.ts";

describe("vendor register pages: the list, the checks page and read-only viewers", () => {
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
});
