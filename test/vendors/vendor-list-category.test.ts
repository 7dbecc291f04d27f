import { describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import { csvOf, postCsv } from "./import-fixtures.ts";

/** 2,100 vendors share identity data (more than the filter's threshold for a common category); 30 hold health data. */
const VENDORS = 2_100;
const HEALTH_EVERY = 70;

async function seed(t: TestApp, headers: Record<string, string>) {
  const rows = Array.from({ length: VENDORS }, (_, i) => {
    const health = i % HEALTH_EVERY === 0;
    return {
      vendor_name: `Vendor ${String(i).padStart(4, "0")}`,
      country: "DE",
      business_criticality: "low",
      purpose: "Customer support",
      legal_basis: "contract",
      data_categories: health ? "identity;health" : "identity",
      art9_condition: health ? "explicit_consent" : "",
      data_subjects: "customers",
      subject_count: "100",
      frequency: "continuous",
      access: "stores",
      locations: "DE:adequacy",
    };
  });
  const res = await postCsv(t, headers, csvOf(rows));
  expect(res.status).toBe(200);
}

/** Every vendor name the filter lists, following the cursor page by page. */
async function allPages(t: TestApp, headers: Record<string, string>, query: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await t.app.request(
      `/api/v1/vendors?${query}&limit=200${cursor ? `&cursor=${cursor}` : ""}`,
      {
        headers,
      },
    );
    expect(res.status).toBe(200);
    const page = (await res.json()) as { data: { name: string }[]; nextCursor: string | null };
    names.push(...page.data.map((v) => v.name));
    cursor = page.nextCursor;
  } while (cursor);
  return names;
}

describe("vendor list filtered by a category of personal data", () => {
  it("lists every holder once, in name order, whether the category is common or rare", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    await seed(t, proc);
    const everyone = Array.from({ length: VENDORS }, (_, i) => `Vendor ${String(i).padStart(4, "0")}`);

    const identity = await allPages(t, proc, "dataCategory=identity&sort=name");
    expect(identity).toEqual(everyone);
    expect(await allPages(t, proc, "dataCategory=identity&sort=-name")).toEqual([...everyone].reverse());

    const health = await allPages(t, proc, "dataCategory=health&sort=name");
    expect(health).toEqual(everyone.filter((_, i) => i % HEALTH_EVERY === 0));
    expect(health).toHaveLength(30);

    expect(await allPages(t, proc, "dataCategory=biometric")).toEqual([]);
    // Combined with another filter, the two plans still agree.
    expect(await allPages(t, proc, "dataCategory=identity&q=Vendor 00")).toHaveLength(100);
  });
});
