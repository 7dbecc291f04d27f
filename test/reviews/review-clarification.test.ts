import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseToken } from "../../src/portal/answer-values.ts";
import { openLink, secretFromOutbox } from "../portal/portal-fixture.ts";
import { BAD, GOOD, type ReviewFixture, reviewFixture, reviewState } from "./review-fixture.ts";

let r: ReviewFixture;
beforeEach(async () => {
  r = await reviewFixture();
});
afterEach(() => r.close());

const ask = (assessmentId: string, questions: { questionId: string; message: string }[]) =>
  r.call("POST", `/api/v1/assessments/${assessmentId}/clarifications`, { questions });

const status = async (assessmentId: string) =>
  (
    await r.f.t.deps.db
      .selectFrom("assessments")
      .select("status")
      .where("id", "=", assessmentId)
      .executeTakeFirstOrThrow()
  ).status;

/** The revision token of a stored answer, as a page that offered the question would carry it. */
async function currentBase(assessmentId: string, questionId: string): Promise<string> {
  const row = await r.f.t.deps.db
    .selectFrom("answers")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .where("question_id", "=", questionId)
    .executeTakeFirstOrThrow();
  return baseToken(row.revision, row.value === null ? null : JSON.parse(row.value), row.comment);
}

const page = async (cookie: string, path: string) =>
  (await r.f.t.app.request(path, { headers: { cookie } })).text();

describe("a reviewer asks the vendor to clarify answers and the vendor answers", () => {
  it("round trip: request, email with a link, only asked answers change, resubmission rescores", async () => {
    const { assessmentId, email } = await r.submitted(BAD);
    const scoreBefore = (await r.call("GET", `/api/v1/assessments/${assessmentId}`)).body.score as {
      score: number;
    };

    const message = "Your SOC 2 report says MFA is enforced. Please check this answer.";
    const asked = await ask(assessmentId, [{ questionId: "mfa", message }]);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      status: "clarification_requested",
      clarifications: [
        { questionId: "mfa", round: 1, message, answeredAt: null, question: expect.any(String) },
      ],
    });

    const mail = await r.f.t.deps.db
      .selectFrom("outbox")
      .selectAll()
      .where("kind", "=", "assessment.clarification")
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.to_email).toBe(email);
    expect(mail[0]?.text_body).toContain("Do all staff use multi-factor authentication?");
    expect(mail[0]?.text_body).toContain(message);
    expect(mail[0]?.html_body).toContain(message);
    const visit = await openLink(r.f.t, await secretFromOutbox(r.f.t, email));

    const landing = await page(visit.cookie, "/portal/assessment");
    expect(landing).toContain("asks you to clarify one answer");
    expect(landing).toContain(message);
    // The email, the banner and the question itself call it by the number the review page shows.
    expect(mail[0]?.text_body).toContain("Question 1.1: Do all staff use multi-factor authentication?");
    expect(landing).toContain("Question 1.1: Do all staff use multi-factor authentication?");
    const section = await page(visit.cookie, "/portal/assessment/sections/security");
    expect(section).toContain(
      '<span class="q-number">1.1</span> Do all staff use multi-factor authentication?',
    );
    expect(section).toContain(message);
    expect(section).toContain('name="a.mfa"');
    expect(section).not.toContain('name="a.encryption"');
    const privacySection = await page(visit.cookie, "/portal/assessment/sections/privacy");
    expect(privacySection).not.toContain('name="a.dpo"');

    // Not asked: both save endpoints refuse with a clear message, and nothing is saved.
    const before = reviewState(r);
    const base = await currentBase(assessmentId, "dpo");
    const viaForm = await r.f.t.app.request("/portal/assessment/sections/privacy", {
      method: "POST",
      headers: { cookie: visit.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: visit.csrf, "base.dpo": base, "a.dpo": "no" }),
    });
    expect(viaForm.status).toBe(409);
    expect(await viaForm.text()).toContain("Only the answers you were asked to clarify");
    const viaScript = await r.f.t.app.request("/portal/assessment/answers", {
      method: "POST",
      headers: {
        cookie: visit.cookie,
        "content-type": "application/json",
        accept: "application/json",
        "x-csrf-token": visit.csrf,
      },
      body: JSON.stringify({ questionId: "dpo", base, values: ["no"] }),
    });
    expect(viaScript.status).toBe(409);
    expect(((await viaScript.json()) as { error: { message: string } }).error.message).toContain(
      "Only the answers you were asked to clarify",
    );
    expect(reviewState(r)).toBe(before);

    const saved = await r.answer(visit, "security", { mfa: "yes" });
    expect(saved.status).toBe(303);
    expect(await status(assessmentId)).toBe("clarification_requested");

    const resubmitted = await r.submit(visit);
    expect(resubmitted.status).toBe(303);
    const detail = (await r.call("GET", `/api/v1/assessments/${assessmentId}`)).body as {
      status: string;
      score: { score: number; capped: boolean };
      clarifications: { answeredAt: string | null }[];
      findings: { questionId: string; status: string }[];
      answers: Record<string, { value: unknown }>;
    };
    expect(detail.status).toBe("submitted");
    expect(detail.clarifications[0]?.answeredAt).toBe("2026-03-02T09:00:00.000Z");
    expect(detail.score.capped).toBe(false);
    expect(detail.score.score).toBeGreaterThan(scoreBefore.score);
    expect(detail.answers.dpo?.value).toBe("yes");
    expect(detail.findings.find((f) => f.questionId === "mfa")?.status).toBe("resolved");
    expect(r.events("assessment.resubmit")).toHaveLength(1);
    expect(r.events("assessment.clarification_request")).toHaveLength(1);
  });

  it("lets the vendor change the follow-up questions an asked answer reveals, and upload evidence when asked", async () => {
    const { assessmentId } = await r.submitted(GOOD);
    await ask(assessmentId, [
      { questionId: "encryption", message: "Are backups encrypted too?" },
      { questionId: "soc2", message: "Please upload your SOC 2 report." },
    ]);
    const email = "rita1@acme.example";
    const visit = await openLink(r.f.t, await secretFromOutbox(r.f.t, email));
    expect((await r.answer(visit, "security", { encryption: "some" })).status).toBe(303);
    expect((await r.answer(visit, "security", { "encryption-gaps": "Backups" })).status).toBe(303);
    const uploaded = await r.upload(visit, "soc2", "security");
    expect(uploaded.status).toBe(303);
    expect((await r.submit(visit)).status).toBe(303);
    const detail = (await r.call("GET", `/api/v1/assessments/${assessmentId}`)).body as {
      status: string;
      evidence: { question: string }[];
      answers: Record<string, { value: unknown }>;
    };
    expect(detail.status).toBe("submitted");
    expect(detail.answers["encryption-gaps"]?.value).toBe("Backups");
    expect(detail.evidence.map((e) => e.question)).toEqual(["soc2"]);
  });

  it("refuses an upload for a question that was not asked", async () => {
    const { assessmentId, email } = await r.submitted(GOOD);
    await ask(assessmentId, [{ questionId: "dpo", message: "Who is it?" }]);
    const visit = await openLink(r.f.t, await secretFromOutbox(r.f.t, email));
    const res = await r.upload(visit, "soc2", "security");
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Only the answers you were asked to clarify");
    const files = await r.f.t.deps.db.selectFrom("evidence_files").select("id").execute();
    expect(files).toEqual([]);
  });

  it("extends a link that would lapse before the vendor can answer", async () => {
    const { assessmentId, email } = await r.submitted(GOOD);
    r.f.t.clock.set("2026-05-20T09:00:00.000Z");
    const invite = () =>
      r.f.t.deps.db
        .selectFrom("assessment_invites")
        .select("expires_at")
        .where("email", "=", email)
        .executeTakeFirstOrThrow();
    expect((await invite()).expires_at < "2026-05-20").toBe(true);
    expect((await ask(assessmentId, [{ questionId: "dpo", message: "Who is it?" }])).status).toBe(201);
    expect((await invite()).expires_at > "2026-06-03").toBe(true);
    await openLink(r.f.t, await secretFromOutbox(r.f.t, email));
  });
});

describe("asking for clarification checks what is asked", () => {
  it.each([
    ["no questions", [], "questions"],
    ["an unknown question", [{ questionId: "nope", message: "?" }], "questions[0].questionId"],
    [
      "a question hidden by the answers",
      [{ questionId: "encryption-gaps", message: "?" }],
      "questions[0].questionId",
    ],
    ["an empty message", [{ questionId: "mfa", message: "" }], "questions[0].message"],
    [
      "the same question twice",
      [
        { questionId: "mfa", message: "a" },
        { questionId: "mfa", message: "b" },
      ],
      "questions[1].questionId",
    ],
  ])("refuses %s and changes nothing", async (_name, questions, path) => {
    const { assessmentId } = await r.submitted(GOOD);
    const state = reviewState(r);
    const res = await ask(assessmentId, questions);
    expect(res.status).toBe(400);
    expect(res.body.error?.details?.map((d) => d.path)).toContain(path);
    expect(reviewState(r)).toBe(state);
  });

  it("asks only of a submitted assessment, one round at a time", async () => {
    const { assessmentId: draft } = await r.sendReview();
    expect((await ask(draft, [{ questionId: "mfa", message: "?" }])).status).toBe(409);
    const { assessmentId } = await r.submitted(GOOD);
    expect((await ask(assessmentId, [{ questionId: "mfa", message: "?" }])).status).toBe(201);
    const state = reviewState(r);
    const again = await ask(assessmentId, [{ questionId: "dpo", message: "?" }]);
    expect(again.status).toBe(409);
    expect(reviewState(r)).toBe(state);
  });

  it("numbers the rounds", async () => {
    const { assessmentId, email } = await r.submitted(GOOD);
    await ask(assessmentId, [{ questionId: "mfa", message: "first" }]);
    const visit = await openLink(r.f.t, await secretFromOutbox(r.f.t, email));
    expect((await r.submit(visit)).status).toBe(303);
    const second = await ask(assessmentId, [{ questionId: "dpo", message: "second" }]);
    expect(second.body.clarifications).toMatchObject([
      { round: 1, message: "first", answeredAt: expect.any(String) },
      { round: 2, message: "second", answeredAt: null },
    ]);
  });
});
