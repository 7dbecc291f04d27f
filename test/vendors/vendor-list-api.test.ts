import { describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import { api, payroll } from "./vendor-api-fixtures.ts";

describe("vendor register API: listing", () => {
  async function seed(t: TestApp, headers: Record<string, string>) {
    const countries = ["DE", "FR", "US"];
    for (let i = 0; i < 45; i++) {
      await api(t, headers, "POST", "/api/v1/vendors", {
        name: `Vendor ${String(i).padStart(2, "0")}`,
        country: countries[i % 3],
        businessCriticality: i % 5 === 0 ? "critical" : "low",
      });
    }
  }

  it("pages with a cursor through every vendor exactly once, in both directions of sort", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    await seed(t, proc);
    for (const sort of ["name", "-name", "created"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await api(
          t,
          proc,
          "GET",
          `/api/v1/vendors?limit=10&sort=${sort}${cursor ? `&cursor=${cursor}` : ""}`,
        );
        expect(page.status).toBe(200);
        seen.push(...(page.body.data as { name: string }[]).map((v) => v.name));
        cursor = page.body.nextCursor as string | null;
      } while (cursor);
      expect(seen).toHaveLength(45);
      expect(new Set(seen).size).toBe(45);
      if (sort === "name") expect(seen).toEqual([...seen].sort());
      if (sort === "-name") expect(seen).toEqual([...seen].sort().reverse());
    }
    expect((await api(t, proc, "GET", "/api/v1/vendors?cursor=garbage")).status).toBe(400);
  });

  it("filters by text, status, tier, country and data category", async () => {
    const t = await buildTestApp();
    const proc = await t.bearer("procurement");
    await seed(t, proc);
    const names = async (qs: string) =>
      ((await api(t, proc, "GET", `/api/v1/vendors?limit=200&${qs}`)).body.data as { name: string }[]).map(
        (v) => v.name,
      );
    expect(await names("q=ndor 1")).toHaveLength(10);
    expect(await names("q=Ve")).toHaveLength(45);
    expect(await names("country=US")).toHaveLength(15);
    expect((await names("tier=high")).length).toBe(9);
    const target = (
      (await api(t, proc, "GET", "/api/v1/vendors?q=Vendor 07")).body.data as { id: string }[]
    )[0];
    await api(t, proc, "POST", `/api/v1/vendors/${target?.id}/processing`, payroll);
    expect(await names("dataCategory=health")).toEqual(["Vendor 07"]);
    expect(await names("dataCategory=health&country=FR")).toEqual(["Vendor 07"]);
    expect(await names("dataCategory=health&country=US")).toEqual([]);
    await api(t, proc, "POST", `/api/v1/vendors/${target?.id}/status`, { status: "under_review" });
    expect(await names("status=under_review")).toEqual(["Vendor 07"]);
    expect((await api(t, proc, "GET", "/api/v1/vendors?status=bogus")).status).toBe(400);
  });
});
