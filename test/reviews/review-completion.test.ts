import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Tier } from "../../src/questionnaires/template-schema.ts";
import { addMonths, statusPath } from "../../src/reviews/completion-rules.ts";
import { openLink, secretFromOutbox } from "../portal/portal-fixture.ts";
import { BAD, GOOD, type ReviewFixture, reviewFixture, reviewState } from "./review-fixture.ts";

let r: ReviewFixture;
beforeEach(async () => {
  r = await reviewFixture();
});
afterEach(() => r.close());

const complete = (assessmentId: string, body: Record<string, unknown>) =>
  r.call("POST", `/api/v1/assessments/${assessmentId}/complete`, body);

const vendorRow = () =>
  r.f.t.deps.db.selectFrom("vendors").selectAll().where("id", "=", r.f.vendorId).executeTakeFirstOrThrow();

describe("completing a review records the decision on the vendor", () => {
  it("approves: completes the assessment, records the decision and sets the vendor's rating and next review", async () => {
    await r.setTier("high");
    const { assessmentId } = await r.submitted(GOOD);
    // A register change flagged the vendor for reassessment; the completed review answers it.
    await r.f.t.deps.db
      .updateTable("vendors")
      .set({ needs_reassessment: 1 })
      .where("id", "=", r.f.vendorId)
      .execute();
    const res = await complete(assessmentId, {
      decision: "approved",
      reason: "Strong controls, SOC 2 to follow.",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: "completed",
      completedAt: "2026-03-02T09:00:00.000Z",
      completedBy: expect.stringContaining("@"),
      decision: {
        decision: "approved",
        reason: "Strong controls, SOC 2 to follow.",
        conditions: null,
        score: 77.8,
        residualRating: "high",
        nextReviewDate: "2027-03-02",
      },
    });
    const vendor = await vendorRow();
    expect(vendor).toMatchObject({
      status: "approved",
      residual_rating: "high",
      next_review_date: "2027-03-02",
      needs_reassessment: 0,
      last_decision_id: (res.body.decision as { id: string }).id,
    });
    const [event] = r.events("vendor.review_decision");
    expect(JSON.parse(event?.changes ?? "{}")).toMatchObject({
      status: { before: "intake", after: "approved" },
      status_path: { after: ["under_review", "approved"] },
      residual_rating: { before: null, after: "high" },
    });
    expect(r.events("assessment.complete")).toHaveLength(1);
  });

  it.each<[Tier, string]>([
    ["critical", "2026-09-02"],
    ["high", "2027-03-02"],
    ["medium", "2028-03-02"],
    ["low", "2029-03-02"],
  ])("sets the next review of a %s-tier vendor to %s", async (tier, next) => {
    await r.setTier(tier);
    const { assessmentId } = await r.submitted(GOOD);
    const res = await complete(assessmentId, {
      decision: "approved_with_conditions",
      reason: "Acceptable",
      conditions: "Upload the SOC 2 report within 60 days.",
    });
    expect(res.status).toBe(200);
    expect((await vendorRow()).next_review_date).toBe(next);
    expect(res.body.decision).toMatchObject({ decision: "approved_with_conditions", nextReviewDate: next });
  });

  it("rejects: the vendor is rejected and gets no next review date", async () => {
    await r.setTier("high");
    const { assessmentId } = await r.submitted(BAD);
    const res = await complete(assessmentId, { decision: "rejected", reason: "No MFA and no encryption." });
    expect(res.status).toBe(200);
    expect(await vendorRow()).toMatchObject({
      status: "rejected",
      residual_rating: "critical",
      next_review_date: null,
    });
    expect(res.body.decision).toMatchObject({
      decision: "rejected",
      residualRating: "critical",
      nextReviewDate: null,
    });
  });

  it("uses the vendor's current tier when it changed after the answers were scored", async () => {
    await r.setTier("low");
    const { assessmentId } = await r.submitted(GOOD);
    await r.setTier("critical");
    const res = await complete(assessmentId, { decision: "approved", reason: "Fine" });
    // Critical tier x fair band: high, reviewed again in six months.
    expect(res.body.decision).toMatchObject({ residualRating: "high", nextReviewDate: "2026-09-02" });
  });
});

describe("approving a vendor with open critical findings needs a risk acceptance", () => {
  it("refuses the approval, listing the findings, and changes nothing", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const state = reviewState(r);
    for (const body of [
      { decision: "approved", reason: "We need them" },
      { decision: "approved_with_conditions", reason: "We need them", conditions: "Fix MFA" },
    ]) {
      const res = await complete(assessmentId, body);
      expect(res.status).toBe(409);
      expect(res.body.error?.code).toBe("risk_acceptance_required");
      expect(res.body.error?.details).toMatchObject({
        findings: [{ severity: "critical", title: "No multi-factor authentication", status: "open" }],
      });
    }
    expect(reviewState(r)).toBe(state);
  });

  it("allows the approval once the risk is accepted through the findings API", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const mfa = await r.f.t.deps.db
      .selectFrom("findings")
      .select("id")
      .where("question_id", "=", "mfa")
      .executeTakeFirstOrThrow();
    const accepted = await r.call("POST", `/api/v1/findings/${mfa.id}/accept-risk`, {
      justification: "Compensating controls: IP allow-list and hardware keys for admins.",
      until: "2026-09-30",
    });
    expect(accepted.status).toBe(200);
    const res = await complete(assessmentId, { decision: "approved", reason: "Risk accepted by the DPO" });
    expect(res.status).toBe(200);
    expect((await vendorRow()).status).toBe("approved");
  });

  it("accepts every open critical risk in the same step when asked, or nothing on a bad date", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const state = reviewState(r);
    const bad = await complete(assessmentId, {
      decision: "approved",
      reason: "Business need",
      acceptRisk: { justification: "Temporary", until: "2026-03-01" },
    });
    expect(bad.status).toBe(400);
    expect(reviewState(r)).toBe(state);
    const res = await complete(assessmentId, {
      decision: "approved",
      reason: "Business need",
      acceptRisk: { justification: "MFA roll-out finishes in Q2", until: "2026-06-30" },
    });
    expect(res.status).toBe(200);
    const findings = res.body.findings as { questionId: string; status: string }[];
    expect(findings.find((f) => f.questionId === "mfa")?.status).toBe("risk_accepted");
    expect(findings.find((f) => f.questionId === "encryption")?.status).toBe("open");
  });
});

describe("completion checks its input and the assessment's status", () => {
  it.each([
    ["no reason", { decision: "approved" }, "reason"],
    ["an unknown decision", { decision: "maybe", reason: "x" }, "decision"],
    ["conditions missing", { decision: "approved_with_conditions", reason: "x" }, "conditions"],
    ["conditions on a plain approval", { decision: "approved", reason: "x", conditions: "y" }, "conditions"],
    [
      "a risk acceptance with a rejection",
      { decision: "rejected", reason: "x", acceptRisk: { justification: "j", until: "2026-06-30" } },
      "acceptRisk",
    ],
  ])("refuses %s and changes nothing", async (_name, body, path) => {
    const { assessmentId } = await r.submitted(GOOD);
    const state = reviewState(r);
    const res = await complete(assessmentId, body);
    expect(res.status).toBe(400);
    expect(res.body.error?.details?.map((d) => d.path)).toContain(path);
    expect(reviewState(r)).toBe(state);
  });

  it("refuses before submission, while a clarification is open and once completed", async () => {
    const ok = { decision: "approved", reason: "Fine" };
    const { assessmentId: draft } = await r.sendReview();
    expect((await complete(draft, ok)).status).toBe(409);
    const { assessmentId, email } = await r.submitted(GOOD);
    await r.call("POST", `/api/v1/assessments/${assessmentId}/clarifications`, {
      questions: [{ questionId: "dpo", message: "Name them" }],
    });
    const waiting = await complete(assessmentId, ok);
    expect(waiting.status).toBe(409);
    expect(waiting.body.error?.message).toContain("clarification");
    const visit = await openLink(r.f.t, await secretFromOutbox(r.f.t, email));
    await r.submit(visit);
    expect((await complete(assessmentId, ok)).status).toBe(200);
    expect((await complete(assessmentId, ok)).status).toBe(409);
    expect((await complete("01NOSUCHASSESSMENT", ok)).status).toBe(404);
  });

  it("lists a vendor's decisions newest first", async () => {
    const first = await r.submitted(GOOD);
    await complete(first.assessmentId, { decision: "approved", reason: "First review" });
    r.f.t.clock.advance(24 * 60 * 60 * 1000);
    const second = await r.submitted(BAD);
    await complete(second.assessmentId, { decision: "rejected", reason: "Second review" });
    const viewer = await r.f.t.bearer("viewer");
    const res = await r.call("GET", `/api/v1/vendors/${r.f.vendorId}/decisions`, undefined, viewer);
    expect(res.status).toBe(200);
    expect((res.body.data as { reason: string }[]).map((d) => d.reason)).toEqual([
      "Second review",
      "First review",
    ]);
    expect((await r.call("GET", "/api/v1/vendors/01NOSUCHVENDOR/decisions")).status).toBe(404);
  });
});

describe("the rules behind completion", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2026-03-02", 6, "2026-09-02"],
    ["2026-08-31", 6, "2027-02-28"],
    ["2026-03-02", 36, "2029-03-02"],
  ])("%s plus %i months is %s", (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });

  it.each([
    ["intake", "approved", ["under_review", "approved"]],
    ["intake", "rejected", ["rejected"]],
    ["under_review", "approved", ["approved"]],
    ["approved", "approved", []],
    ["approved", "rejected", ["under_review", "rejected"]],
    ["rejected", "approved", ["under_review", "approved"]],
    ["offboarding", "approved", undefined],
    ["offboarded", "rejected", undefined],
  ] as const)("a %s vendor becomes %s through %j", (from, to, path) => {
    expect(statusPath(from, to)).toEqual(path);
  });
});
