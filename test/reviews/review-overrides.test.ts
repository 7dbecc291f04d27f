import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BAD, GOOD, type ReviewFixture, reviewFixture, reviewState } from "./review-fixture.ts";

let r: ReviewFixture;
beforeEach(async () => {
  r = await reviewFixture();
  await r.setTier("high");
});
afterEach(() => r.close());

type Detail = {
  score: {
    score: number;
    capped: boolean;
    residualRating: string;
    criticalFailures: string[];
    sections: Section[];
  };
  findings: { questionId: string; status: string }[];
  comments: { questionId: string | null; author: string; body: string }[];
};
type Section = { questions: { questionId: string; [k: string]: unknown }[] };
const question = (d: Detail, id: string) =>
  d.score.sections.flatMap((s) => s.questions).find((q) => q.questionId === id);
const overridePath = (id: string, q: string) => `/api/v1/assessments/${id}/overrides/${q}`;

describe("a reviewer overrides a question's score with a reason", () => {
  it("rescores, marks the question as overridden, resolves the finding it no longer raises and audits it", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const before = (await r.call("GET", `/api/v1/assessments/${assessmentId}`)).body as unknown as Detail;
    expect(before.score.capped).toBe(true);

    const comment = "MFA is enforced through the identity provider; evidence seen in the SOC 2 report.";
    const res = await r.call("PUT", overridePath(assessmentId, "mfa"), { score: 1, comment });
    expect(res.status).toBe(200);
    const after = res.body as unknown as Detail;
    expect(after.score.capped).toBe(false);
    expect(after.score.criticalFailures).toEqual([]);
    expect(after.score.score).toBeGreaterThan(before.score.score);
    expect(question(after, "mfa")).toMatchObject({
      computedScore: 0,
      score: 1,
      passed: true,
      override: { score: 1, comment, by: expect.stringContaining("@") },
      why: expect.stringContaining(comment),
    });
    expect(after.findings.find((f) => f.questionId === "mfa")?.status).toBe("resolved");

    const [event] = r.events("assessment.score_override");
    expect(event?.entity_id).toBe(assessmentId);
    expect(JSON.parse(event?.changes ?? "{}")["overrides.mfa"]).toMatchObject({
      before: null,
      after: { score: 1, comment },
    });
    expect(r.events("assessment.scored")).toHaveLength(2);
  });

  it("changing an override audits before and after; removing it restores the computed score", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const original = ((await r.call("GET", `/api/v1/assessments/${assessmentId}`)).body as unknown as Detail)
      .score;
    await r.call("PUT", overridePath(assessmentId, "encryption"), {
      score: 0.5,
      comment: "Backups are not encrypted",
    });
    const changed = await r.call("PUT", overridePath(assessmentId, "encryption"), {
      score: 0.25,
      comment: "Backups and logs are not encrypted",
    });
    expect(question(changed.body as unknown as Detail, "encryption")).toMatchObject({
      score: 0.25,
      points: 0.25,
    });
    const second = r.events("assessment.score_override")[1];
    expect(JSON.parse(second?.changes ?? "{}")["overrides.encryption"]).toMatchObject({
      before: { score: 0.5 },
      after: { score: 0.25 },
    });

    const removed = await r.call("DELETE", overridePath(assessmentId, "encryption"));
    expect(removed.status).toBe(200);
    const detail = removed.body as unknown as Detail;
    expect(detail.score.score).toBe(original.score);
    expect(question(detail, "encryption")).toMatchObject({ override: null, score: 1 });
    expect(r.events("assessment.score_override_remove")).toHaveLength(1);
  });

  it.each([
    ["a score above 1", "mfa", { score: 1.5, comment: "x" }, 400, "score"],
    ["a negative score", "mfa", { score: -0.1, comment: "x" }, 400, "score"],
    ["no comment", "mfa", { score: 1 }, 400, "comment"],
    ["a blank comment", "mfa", { score: 1, comment: "   " }, 400, "comment"],
    ["an unknown field", "mfa", { score: 1, comment: "ok", extra: true }, 400, "(root)"],
    ["an unknown question", "no-such-question", { score: 1, comment: "ok" }, 404, undefined],
    ["an unscored question", "notes", { score: 1, comment: "ok" }, 409, undefined],
    ["a question hidden by the answers", "encryption-gaps", { score: 1, comment: "ok" }, 409, undefined],
  ])("refuses %s and changes nothing", async (_name, questionId, body, status, path) => {
    const { assessmentId } = await r.submitted(GOOD);
    const state = reviewState(r);
    const res = await r.call("PUT", overridePath(assessmentId, questionId), body);
    expect(res.status).toBe(status);
    if (path) expect(res.body.error?.details?.map((d) => d.path)).toContain(path);
    expect(reviewState(r)).toBe(state);
  });

  it("refuses overrides before submission and after completion, and removing one that does not exist", async () => {
    const { assessmentId: draft } = await r.sendReview();
    expect((await r.call("PUT", overridePath(draft, "mfa"), { score: 1, comment: "early" })).status).toBe(
      409,
    );
    expect(
      (await r.call("PUT", overridePath("01NOSUCHASSESSMENT", "mfa"), { score: 1, comment: "x" })).status,
    ).toBe(404);
    const { assessmentId } = await r.submitted(GOOD);
    expect((await r.call("DELETE", overridePath(assessmentId, "mfa"))).status).toBe(404);
    await r.call("POST", `/api/v1/assessments/${assessmentId}/complete`, {
      decision: "approved",
      reason: "Fine",
    });
    const state = reviewState(r);
    const late = await r.call("PUT", overridePath(assessmentId, "mfa"), { score: 0, comment: "late" });
    expect(late.status).toBe(409);
    expect(late.body.error?.message).toContain("completed");
    expect(reviewState(r)).toBe(state);
  });
});

describe("reviewers comment on the assessment", () => {
  it("adds comments on the whole assessment and on a question, listed in the detail and audited", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const general = await r.call("POST", `/api/v1/assessments/${assessmentId}/comments`, {
      body: "Looks solid.",
    });
    expect(general.status).toBe(201);
    expect(general.body).toMatchObject({
      questionId: null,
      body: "Looks solid.",
      author: expect.stringContaining("@"),
    });
    await r.call("POST", `/api/v1/assessments/${assessmentId}/comments`, {
      questionId: "encryption",
      body: "Ask which cipher they use.",
    });
    const detail = (await r.call("GET", `/api/v1/assessments/${assessmentId}`)).body as unknown as Detail;
    expect(detail.comments.map((c) => [c.questionId, c.body])).toEqual([
      [null, "Looks solid."],
      ["encryption", "Ask which cipher they use."],
    ]);
    expect(r.events("assessment.comment")).toHaveLength(2);
  });

  it.each([
    ["an empty body", { body: " " }, 400, "body"],
    ["an unknown question", { questionId: "nope", body: "Hm" }, 400, "questionId"],
  ])("refuses %s", async (_name, body, status, path) => {
    const { assessmentId } = await r.submitted(GOOD);
    const state = reviewState(r);
    const res = await r.call("POST", `/api/v1/assessments/${assessmentId}/comments`, body);
    expect(res.status).toBe(status);
    expect(res.body.error?.details?.map((d) => d.path)).toContain(path);
    expect(reviewState(r)).toBe(state);
  });
});
