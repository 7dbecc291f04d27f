import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { planRemediation } from "../../src/findings/finding-service.ts";
import { api } from "../assessments/fixtures.ts";
import { buildTestApp } from "../support/test-app.ts";
import {
  CRITICAL_NOTE,
  findingFor,
  findingSetup,
  NO_POLICY,
  STALE_REVIEW,
  secondVendor,
} from "./finding-fixture.ts";

type Listed = { id: string; title: string; vendor: { name: string }; dueDate: string; overdue: boolean };

/**
 * Acme: has-policy (high, due 2026-05-01) and policy-date (medium, due 2026-05-31).
 * Globex, raised a week later: notes (critical, due 2026-04-08) and has-policy (high, due 2026-05-08).
 */
async function twoVendors() {
  const t = await buildTestApp();
  const acme = await findingSetup(t, [NO_POLICY, STALE_REVIEW]);
  t.clock.set("2026-03-09T09:00:00.000Z");
  const globex = await secondVendor(t, "Globex", [CRITICAL_NOTE, NO_POLICY]);
  const viewer = await t.bearer("viewer");
  const list = async (query: string) => {
    const res = await api(t, viewer, "GET", `/api/v1/findings${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { data: Listed[]; nextCursor: string | null; counts: Record<string, unknown> };
  };
  return { t, acme, globex, viewer, list };
}

describe("the findings list across vendors", () => {
  it("lists soonest due first and pages through every finding exactly once", async () => {
    const { list } = await twoVendors();
    const seen: string[] = [];
    let cursor: string | null = "";
    let pages = 0;
    while (cursor !== null) {
      const page = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.data.map((f) => `${f.dueDate} ${f.vendor.name}`));
      cursor = page.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual([
      "2026-04-08 Globex",
      "2026-05-01 Acme Hosting",
      "2026-05-08 Globex",
      "2026-05-31 Acme Hosting",
    ]);
  });

  it.each([
    ["?severity=high", ["2026-05-01 Acme Hosting", "2026-05-08 Globex"]],
    ["?severity=critical", ["2026-04-08 Globex"]],
    ["?status=remediation_planned", ["2026-05-01 Acme Hosting"]],
    ["?status=open", ["2026-04-08 Globex", "2026-05-08 Globex", "2026-05-31 Acme Hosting"]],
    ["?status=active&severity=high", ["2026-05-01 Acme Hosting", "2026-05-08 Globex"]],
    ["?status=resolved", []],
    [":globex", ["2026-04-08 Globex", "2026-05-08 Globex"]],
  ])("filter %s", async (query, expected) => {
    const { t, acme, globex, list } = await twoVendors();
    const planned = await findingFor(t, acme.assessmentId, "has-policy");
    await planRemediation(t.ctx, planned.id, { plan: "Write it", targetDate: "2026-04-01" });
    const q =
      query === ":globex" ? `?vendorId=${globex.vendor.id}&assessmentId=${globex.assessmentId}` : query;
    const page = await list(q);
    expect(page.data.map((f) => `${f.dueDate} ${f.vendor.name}`)).toEqual(expected);
    expect(page.counts.total).toBe(expected.length);
  });

  it("overdue means past the due date while open or planned, and the counts say how many", async () => {
    const { t, acme, list } = await twoVendors();
    t.clock.set("2026-05-05T12:00:00.000Z");
    const accepted = await findingFor(t, acme.assessmentId, "has-policy");
    await t.deps.db
      .updateTable("findings")
      .set({ status: "risk_accepted" })
      .where("id", "=", accepted.id)
      .execute();

    const overdue = await list("?overdue=true");
    expect(overdue.data.map((f) => `${f.dueDate} ${f.vendor.name} ${f.overdue}`)).toEqual([
      "2026-04-08 Globex true",
    ]);
    const notOverdue = await list("?overdue=false");
    expect(notOverdue.data.map((f) => f.dueDate)).toEqual(["2026-05-01", "2026-05-08", "2026-05-31"]);
    expect((await list("")).counts).toEqual({
      total: 4,
      overdue: 1,
      bySeverity: { critical: 1, high: 2, medium: 1, low: 0 },
    });
  });

  it.each([
    ["?severity=urgent", "severity"],
    ["?overdue=yes", "overdue"],
    ["?limit=0", "limit"],
    ["?cursor=not-a-cursor", "cursor"],
  ])("a bad filter %s is a 400 naming it", async (query, path) => {
    const { t, viewer } = await twoVendors();
    const res = await api(t, viewer, "GET", `/api/v1/findings${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error?.details?.map((d) => d.path)).toEqual([path]);
  });
});

describe("the CSV export", () => {
  it("has the columns a risk manager needs, the same filters as the list, and quotes formulas", async () => {
    const { t, globex, viewer } = await twoVendors();
    const res = await t.app.request(`/api/v1/findings/export.csv?vendorId=${globex.vendor.id}`, {
      headers: viewer,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="vendorvet-findings-2026-03-09.csv"',
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    // A byte-order mark, so that Excel reads the file as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      Vendor: "Globex",
      Severity: "Critical",
      Status: "Open",
      Title: CRITICAL_NOTE.title,
      Question: "Anything else we should know?",
      // A vendor's answer starting with "=" must not run as a spreadsheet formula.
      Answer: `'${CRITICAL_NOTE.answerText}`,
      "Due date": "2026-04-08",
      Overdue: "no",
      "Remediation plan": "",
      "Risk accepted by": "",
      "Risk accepted until": "",
      Created: "2026-03-09T09:00:00.000Z",
    });
    expect(Object.keys(rows[0]!)).toEqual([
      "Vendor",
      "Severity",
      "Status",
      "Title",
      "Recommendation",
      "Question",
      "Answer",
      "Source",
      "Due date",
      "Overdue",
      "Remediation plan",
      "Remediation target date",
      "Risk accepted by",
      "Risk accepted until",
      "Acceptance justification",
      "Resolution note",
      "Resolved",
      "Created",
      "Updated",
      "Finding ID",
      "Assessment ID",
    ]);
  });

  it("shows the plan and the acceptance", async () => {
    const { t, acme, viewer } = await twoVendors();
    const planned = await findingFor(t, acme.assessmentId, "has-policy");
    const privacy = await t.bearer("privacy");
    await api(t, privacy, "POST", `/api/v1/findings/${planned.id}/remediation-plan`, {
      plan: "Write the policy",
      targetDate: "2026-04-15",
    });
    await api(t, privacy, "POST", `/api/v1/findings/${planned.id}/accept-risk`, {
      justification: "Low exposure",
      until: "2026-09-30",
    });
    const res = await t.app.request("/api/v1/findings/export.csv?severity=high", { headers: viewer });
    const rows = parse(await res.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Vendor)).toEqual(["Acme Hosting", "Globex"]);
    expect(rows[0]).toMatchObject({
      Status: "Risk accepted",
      "Remediation plan": "Write the policy",
      "Remediation target date": "2026-04-15",
      "Risk accepted until": "2026-09-30",
      "Risk accepted by": expect.stringContaining("privacy"),
    });
  });

  it("exports every match, not just the first page of the list", async () => {
    const { t, acme, viewer } = await twoVendors();
    const template = await findingFor(t, acme.assessmentId, "has-policy");
    const extra = Array.from({ length: 620 }, (_, i) => ({
      ...template,
      id: `01EXTRA${String(i).padStart(5, "0")}`,
      source: "reviewer" as const,
      title: `Extra ${i}`,
    }));
    await t.deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < extra.length; i += 100)
        await trx
          .insertInto("findings")
          .values(extra.slice(i, i + 100))
          .execute();
    });
    const res = await t.app.request("/api/v1/findings/export.csv", { headers: viewer });
    const rows = parse(await res.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(624);
    expect(new Set(rows.map((r) => r["Finding ID"])).size).toBe(624);
  });
});
