import { describe, expect, it } from "vitest";
import { acceptRisk, getFinding, reopenExpiredAcceptances } from "../../src/findings/finding-service.ts";
import { buildTestApp } from "../support/test-app.ts";
import { findingEvents, findingFor, findingSetup } from "./finding-fixture.ts";

async function accepted(until: string) {
  const t = await buildTestApp();
  const { assessmentId } = await findingSetup(t);
  const row = await findingFor(t, assessmentId, "has-policy");
  await acceptRisk(t.ctx, row.id, { justification: "Vendor is being replaced in Q2", until });
  return { t, id: row.id };
}

describe("a risk acceptance runs out", () => {
  it("stays accepted through its last day and reopens the day after", async () => {
    const { t, id } = await accepted("2026-03-10");
    t.clock.set("2026-03-10T23:59:00.000Z");
    expect(await reopenExpiredAcceptances(t.ctx)).toBe(0);
    expect((await getFinding(t.deps.db, id, t.clock.now())).status).toBe("risk_accepted");

    t.clock.set("2026-03-11T00:01:00.000Z");
    expect(await reopenExpiredAcceptances(t.ctx)).toBe(1);
    const finding = await getFinding(t.deps.db, id, t.clock.now());
    // Its own due date (2026-05-01) is still ahead, so it keeps it.
    expect(finding).toMatchObject({
      status: "open",
      riskAcceptance: null,
      dueDate: "2026-05-01",
      overdue: false,
    });
    const lapsed = (await findingEvents(t, id)).at(-1)!;
    expect(lapsed.action).toBe("finding.acceptance_expire");
    expect(lapsed.actor_label).toBe("test setup");
    expect(JSON.parse(lapsed.changes)).toMatchObject({
      status: { before: "risk_accepted", after: "open" },
      accepted_until: { before: "2026-03-10", after: null },
    });

    expect(await reopenExpiredAcceptances(t.ctx)).toBe(0);
  });

  it("a finding whose due date passed during the acceptance gets a fresh one from the policy", async () => {
    const { t, id } = await accepted("2026-06-30");
    t.clock.set("2026-07-01T06:00:00.000Z");
    expect(await reopenExpiredAcceptances(t.ctx)).toBe(1);
    // high: 60 days from 2026-07-01.
    expect(await getFinding(t.deps.db, id, t.clock.now())).toMatchObject({
      status: "open",
      dueDate: "2026-08-30",
    });
  });

  it("reopens only the acceptances that lapsed", async () => {
    const t = await buildTestApp();
    const { assessmentId } = await findingSetup(t);
    const first = await findingFor(t, assessmentId, "has-policy");
    const second = await findingFor(t, assessmentId, "policy-date");
    await acceptRisk(t.ctx, first.id, { justification: "Short", until: "2026-04-01" });
    await acceptRisk(t.ctx, second.id, { justification: "Long", until: "2027-04-01" });
    t.clock.set("2026-05-01T09:00:00.000Z");
    expect(await reopenExpiredAcceptances(t.ctx)).toBe(1);
    expect((await findingFor(t, assessmentId, "has-policy")).status).toBe("open");
    expect((await findingFor(t, assessmentId, "policy-date")).status).toBe("risk_accepted");
  });

  it("the list shows a lapsed acceptance as open and, once past due, overdue", async () => {
    const { t, id } = await accepted("2026-03-31");
    t.clock.set("2026-04-01T09:00:00.000Z");
    await reopenExpiredAcceptances(t.ctx);
    t.clock.set("2026-05-02T09:00:00.000Z");
    const viewer = await t.bearer("viewer");
    const res = await t.app.request("/api/v1/findings?overdue=true", { headers: viewer });
    const body = (await res.json()) as { data: { id: string; status: string; overdue: boolean }[] };
    expect(body.data).toEqual([expect.objectContaining({ id, status: "open", overdue: true })]);
  });
});
