import { describe, expect, it } from "vitest";
import { api } from "../assessments/fixtures.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import { auditCount, findingFor, findingSetup, NO_POLICY } from "./finding-fixture.ts";

// The same finding twice about one question splits the work and the count; the service refuses the copy.

async function setup() {
  const t = await buildTestApp();
  const { vendor, assessmentId } = await findingSetup(t, [NO_POLICY]);
  const privacy = await t.bearer("privacy");
  return { t, vendorId: vendor.id, assessmentId, privacy };
}

const findingCount = async (t: TestApp) =>
  (await t.deps.db.selectFrom("findings").select("id").execute()).length;

const about = (vendorId: string, assessmentId: string | undefined, questionId: string | undefined) => ({
  vendorId,
  ...(assessmentId ? { assessmentId } : {}),
  ...(questionId ? { questionId } : {}),
  severity: "high",
  recommendation: "Ask for it.",
});

describe("an exact copy of an open finding is refused with 409", () => {
  it("a copy of the finding the questionnaire raised, whatever the case and spacing of its title", async () => {
    const { t, vendorId, assessmentId, privacy } = await setup();
    const raised = await findingFor(t, assessmentId, "has-policy");
    const [count, audit] = [await findingCount(t), await auditCount(t)];
    const res = await api(t, privacy, "POST", "/api/v1/findings", {
      ...about(vendorId, assessmentId, "has-policy"),
      title: "  no written  SECURITY policy ",
    });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: {
        code: "conflict",
        message:
          'An open finding with this title already exists about the same question: "No written security policy". Work on that finding instead of adding a copy, or give this one a title that says how it differs.',
        details: { findingId: raised.id, status: "open" },
      },
    });
    expect([await findingCount(t), await auditCount(t)]).toEqual([count, audit]);
  });

  it.each([
    ["a reviewer's finding about a question", "has-policy"],
    ["a reviewer's finding about the assessment as a whole", undefined],
  ])("%s, added twice", async (_, questionId) => {
    const { t, vendorId, assessmentId, privacy } = await setup();
    const body = { ...about(vendorId, assessmentId, questionId), title: "Pen test older than a year" };
    expect((await api(t, privacy, "POST", "/api/v1/findings", body)).status).toBe(201);
    const again = await api(t, privacy, "POST", "/api/v1/findings", body);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: "conflict" } });
  });

  it("a vendor-level finding added twice", async () => {
    const { t, vendorId, privacy } = await setup();
    const body = { ...about(vendorId, undefined, undefined), title: "No cyber insurance" };
    expect((await api(t, privacy, "POST", "/api/v1/findings", body)).status).toBe(201);
    expect((await api(t, privacy, "POST", "/api/v1/findings", body)).status).toBe(409);
  });
});

describe("what is not a copy is still added", () => {
  it.each([
    [
      "another title about the same question",
      { questionId: "has-policy", title: "Policy not approved by the board" },
    ],
    ["the same title about another question", { questionId: "notes", title: "No written security policy" }],
    ["the same title about the assessment as a whole", { title: "No written security policy" }],
  ])("%s", async (_, change) => {
    const { t, vendorId, assessmentId, privacy } = await setup();
    const res = await api(t, privacy, "POST", "/api/v1/findings", {
      ...about(vendorId, assessmentId, undefined),
      ...change,
    });
    expect(res.status).toBe(201);
  });

  it("the same title once the first finding is no longer open (its risk accepted)", async () => {
    const { t, vendorId, assessmentId, privacy } = await setup();
    const raised = await findingFor(t, assessmentId, "has-policy");
    const body = { ...about(vendorId, assessmentId, "has-policy"), title: "No written security policy" };
    const accepted = await api(t, privacy, "POST", `/api/v1/findings/${raised.id}/accept-risk`, {
      justification: "A policy is being written; low exposure until then.",
      until: "2026-06-30",
    });
    expect(accepted.status).toBe(200);
    expect((await api(t, privacy, "POST", "/api/v1/findings", body)).status).toBe(201);
    // ...but not a third time while that new one is open.
    expect((await api(t, privacy, "POST", "/api/v1/findings", body)).status).toBe(409);
  });

  it("the API documents the refusal", async () => {
    const { t } = await setup();
    const doc = (await (await t.app.request("/openapi.json")).json()) as {
      paths: Record<string, { post?: { responses: Record<string, unknown> } }>;
    };
    expect(Object.keys(doc.paths["/api/v1/findings"]?.post?.responses ?? {})).toContain("409");
  });
});
