import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readScore } from "../../src/reviews/assessment-scoring.ts";
import { BAD, GOOD, type ReviewFixture, reviewFixture } from "./review-fixture.ts";

let r: ReviewFixture;
beforeEach(async () => {
  r = await reviewFixture();
  await r.setTier("high");
});
afterEach(() => r.close());

type Question = { questionId: string; [k: string]: unknown };
type Section = { sectionId: string; score: number | null; questions: Question[] };
const question = (score: { sections: Section[] }, id: string) =>
  score.sections.flatMap((s) => s.questions).find((q) => q.questionId === id);

describe("the vendor's submission is scored at once", () => {
  it("stores the score with the template version and settings used, and raises the findings", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const row = await r.f.t.deps.db
      .selectFrom("assessment_scores")
      .selectAll()
      .where("assessment_id", "=", assessmentId)
      .executeTakeFirstOrThrow();
    const assessment = await r.f.t.deps.db
      .selectFrom("assessments")
      .select(["questionnaire_version_id", "status"])
      .where("id", "=", assessmentId)
      .executeTakeFirstOrThrow();
    expect(assessment.status).toBe("submitted");
    expect(row.questionnaire_version_id).toBe(assessment.questionnaire_version_id);
    expect(row.method).toBe("weighted");
    expect(row.capped).toBe(1);
    // A failed critical question caps the rating at the worst band: high tier x poor = critical.
    expect(row.band).toBe("poor");
    expect(row.residual_rating).toBe("critical");
    const settings = JSON.parse(row.settings);
    expect(settings).toMatchObject({
      questionnaire: { versionId: assessment.questionnaire_version_id, key: "review-test", version: 1 },
      notApplicable: "exclude",
      tier: "high",
      scoredOn: "2026-03-02",
    });
    expect(settings.policy.bands).toEqual({ strong: 90, good: 80, fair: 60 });
    expect(JSON.parse(row.result).criticalFailures).toEqual(["mfa"]);

    const findings = await r.f.t.deps.db
      .selectFrom("findings")
      .select(["question_id", "severity", "status", "source"])
      .where("assessment_id", "=", assessmentId)
      .orderBy("question_id")
      .execute();
    expect(findings).toEqual([
      { question_id: "encryption", severity: "high", status: "open", source: "questionnaire" },
      { question_id: "mfa", severity: "critical", status: "open", source: "questionnaire" },
    ]);
    const [scored] = r.events("assessment.scored");
    expect(scored?.entity_id).toBe(assessmentId);
    expect(JSON.parse(scored?.changes ?? "{}")).toMatchObject({
      residual_rating: { before: null, after: "critical" },
      band: { before: null, after: "poor" },
    });
    expect((await readScore(r.f.t.deps.db, assessmentId))?.result.residualRating).toBe("critical");
  });

  it("has no score or findings before submission", async () => {
    const { assessmentId, visit } = await r.sendReview();
    await r.answer(visit, "security", GOOD.security);
    const detail = await r.call("GET", `/api/v1/assessments/${assessmentId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      score: null,
      findings: [],
      comments: [],
      clarifications: [],
      decision: null,
    });
    expect(await readScore(r.f.t.deps.db, assessmentId)).toBeNull();
  });
});

describe("a reviewer reads the score's breakdown in the assessment", () => {
  it("shows the overall figure, the rating and its drivers, and each section and question with why", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    const viewer = await r.f.t.bearer("viewer");
    const { status, body } = await r.call("GET", `/api/v1/assessments/${assessmentId}`, undefined, viewer);
    expect(status).toBe(200);
    const score = body.score as {
      score: number;
      band: string;
      residualRating: string;
      capped: boolean;
      drivers: string[];
      unansweredOptional: string[];
      settings: { questionnaire: { version: number }; tier: string };
      sections: Section[];
    };
    // Security (weight 2): MFA 1 + encryption 1 + missing SOC 2 upload 0 of 3 points; privacy: 1 of 1.
    expect(score.sections.map((s) => [s.sectionId, s.score])).toEqual([
      ["security", expect.closeTo(66.67, 1)],
      ["privacy", 100],
    ]);
    expect(score.score).toBe(77.8);
    expect(score.band).toBe("fair");
    expect(score.residualRating).toBe("high");
    expect(score.capped).toBe(false);
    expect(score.drivers.length).toBeGreaterThan(0);
    expect(score.unansweredOptional).toContain("soc2");
    expect(score.settings).toMatchObject({ questionnaire: { version: 1 }, tier: "high" });
    expect(question(score, "mfa")).toMatchObject({
      state: "scored",
      answer: "Yes",
      weight: 1,
      points: 1,
      maxPoints: 1,
      passed: true,
      override: null,
      why: expect.any(String),
    });
    expect(question(score, "soc2")).toMatchObject({ state: "unanswered", points: 0, maxPoints: 1 });
    expect(question(score, "encryption-gaps")).toMatchObject({ state: "hidden", maxPoints: 0 });
    expect(question(score, "notes")).toMatchObject({ state: "unscored", weight: 0 });
    expect(body.findings).toEqual([]);
  });

  it("lists the assessment's findings in the detail", async () => {
    const { assessmentId } = await r.submitted(BAD);
    const { body } = await r.call("GET", `/api/v1/assessments/${assessmentId}`);
    const findings = body.findings as {
      questionId: string;
      severity: string;
      status: string;
      answer: string;
    }[];
    expect(findings.map((f) => [f.questionId, f.severity, f.status]).sort()).toEqual([
      ["encryption", "high", "open"],
      ["mfa", "critical", "open"],
    ]);
    expect(findings.find((f) => f.questionId === "mfa")?.answer).toBe("No");
  });
});
