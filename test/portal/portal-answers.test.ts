import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseOf, openLink, type PortalFixture, type PortalVisit, portalFixture } from "./portal-fixture.ts";

let f: PortalFixture;
let assessmentId: string;
let vera: PortalVisit;
let colleague: PortalVisit;

beforeEach(async () => {
  f = await portalFixture();
  const sent = await f.send({
    recipients: [
      { name: "Vera Vendor", email: "vera@acme.example" },
      { name: "Colin Colleague", email: "colin@acme.example" },
    ],
  });
  assessmentId = sent.assessmentId;
  vera = await openLink(f.t, sent.secrets[0] ?? "");
  colleague = await openLink(f.t, sent.secrets[1] ?? "");
});
afterEach(() => f.close());

async function sectionHtml(visit: PortalVisit, section = "basics"): Promise<string> {
  const res = await f.t.app.request(`/portal/assessment/sections/${section}`, {
    headers: { cookie: visit.cookie },
  });
  expect(res.status).toBe(200);
  return res.text();
}

async function saveSection(
  visit: PortalVisit,
  fields: [string, string][],
  section = "basics",
): Promise<Response> {
  const body = new URLSearchParams([["_csrf", visit.csrf], ...fields]);
  return f.t.app.request(`/portal/assessment/sections/${section}`, {
    method: "POST",
    headers: { cookie: visit.cookie, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
}

async function autosave(visit: PortalVisit, body: Record<string, unknown>): Promise<Response> {
  return f.t.app.request("/portal/assessment/answers", {
    method: "POST",
    headers: {
      cookie: visit.cookie,
      "content-type": "application/json",
      accept: "application/json",
      "x-csrf-token": visit.csrf,
    },
    body: JSON.stringify(body),
  });
}

async function stored(questionId: string) {
  const row = await f.t.deps.db
    .selectFrom("answers")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .where("question_id", "=", questionId)
    .executeTakeFirst();
  return row
    ? { value: JSON.parse(row.value ?? "null") as unknown, comment: row.comment, revision: row.revision }
    : undefined;
}

const isHidden = (html: string, questionId: string) =>
  new RegExp(`id="q-${questionId}"[^>]*\\shidden`).test(html);

describe("answering a section without JavaScript", () => {
  it("saves the section, moves the assessment to in progress and shows follow-up questions after saving", async () => {
    const page = await sectionHtml(vera);
    expect(isHidden(page, "policy-doc")).toBe(true);
    expect(isHidden(page, "hosting-detail")).toBe(true);
    expect(page).toContain('<script type="application/json" id="portal-model">');
    expect(page).toContain('src="/static/portal.js"');

    const res = await saveSection(vera, [
      ["base.has-policy", baseOf(page, "has-policy")],
      ["a.has-policy", "yes"],
      ["base.hosting", baseOf(page, "hosting")],
      ["a.hosting", "us"],
      ["c.hosting", "Mostly us-east-1"],
      ["base.staff", baseOf(page, "staff")],
      ["a.staff", " 12 "],
      ["go", "stay"],
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/portal/assessment/sections/basics?done=saved");

    expect(await stored("has-policy")).toEqual({ value: "yes", comment: null, revision: 1 });
    expect(await stored("hosting")).toEqual({ value: "us", comment: "Mostly us-east-1", revision: 1 });
    expect(await stored("staff")).toMatchObject({ value: 12 });
    const assessment = await f.t.deps.db
      .selectFrom("assessments")
      .select("status")
      .where("id", "=", assessmentId)
      .executeTakeFirstOrThrow();
    expect(assessment.status).toBe("in_progress");
    const actions = await f.t.deps.db
      .selectFrom("audit_events")
      .select(["action", "actor_label"])
      .where("entity_id", "=", assessmentId)
      .execute();
    expect(actions).toContainEqual({
      action: "assessment.answers.save",
      actor_label: "Vera Vendor vera@acme.example (vendor link)",
    });

    const after = await sectionHtml(vera);
    expect(isHidden(after, "policy-doc")).toBe(false);
    expect(isHidden(after, "hosting-detail")).toBe(false);
    expect(after).toMatch(/value="us"[^>]*checked/);
  });

  it("goes on to the next section with “Save and go to the next section”", async () => {
    const page = await sectionHtml(vera);
    const res = await saveSection(vera, [
      ["base.hosting", baseOf(page, "hosting")],
      ["a.hosting", "eu"],
      ["go", "next"],
    ]);
    expect(res.headers.get("location")).toBe("/portal/assessment/sections/controls");
  });

  it("keeps a number that is not a number, ties the error to the field and saves the rest", async () => {
    const page = await sectionHtml(vera);
    const res = await saveSection(vera, [
      ["base.staff", baseOf(page, "staff")],
      ["a.staff", "about ten"],
      ["base.hosting", baseOf(page, "hosting")],
      ["a.hosting", "eu"],
    ]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("There is a problem");
    expect(html).toContain('href="#a-staff"');
    expect(html).toMatch(
      /id="a-staff"[^>]*aria-describedby="e-staff"|aria-describedby="e-staff"[^>]*id="a-staff"/,
    );
    expect(html).toContain('value="about ten"');
    expect(await stored("staff")).toBeUndefined();
    expect(await stored("hosting")).toMatchObject({ value: "eu" });
  });

  it("writes nothing when the form comes back unchanged", async () => {
    const page = await sectionHtml(vera);
    await saveSection(vera, [
      ["base.hosting", baseOf(page, "hosting")],
      ["a.hosting", "eu"],
    ]);
    const again = await sectionHtml(vera);
    await saveSection(vera, [
      ["base.hosting", baseOf(again, "hosting")],
      ["a.hosting", "eu"],
    ]);
    expect(await stored("hosting")).toMatchObject({ revision: 1 });
  });
});

describe("two colleagues answering at the same time", () => {
  it("keeps the first answer, shows both and lets the second person choose", async () => {
    const veraPage = await sectionHtml(vera);
    const colinPage = await sectionHtml(colleague);
    await saveSection(vera, [
      ["base.hosting", baseOf(veraPage, "hosting")],
      ["a.hosting", "eu"],
    ]);

    const res = await saveSection(colleague, [
      ["base.hosting", baseOf(colinPage, "hosting")],
      ["a.hosting", "us"],
      ["base.staff", baseOf(colinPage, "staff")],
      ["a.staff", "4"],
    ]);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("Someone else changed this answer while you were working.");
    expect(html).toContain("Vera Vendor vera@acme.example saved it");
    expect(html).toMatch(/Their answer<\/dt><dd>In the EU/);
    expect(html).toMatch(/Your answer<\/dt><dd>In the United States/);
    expect(html).toContain('form="mine-hosting"');
    expect(await stored("hosting")).toMatchObject({ value: "eu" });
    expect(await stored("staff")).toMatchObject({ value: 4 });

    // "Use my answer instead" sends Colin's answer against the revision he has now seen.
    const mine = /<form id="mine-hosting"[^>]*>(.*?)<\/form>/s.exec(html)?.[1] ?? "";
    const fields = [...mine.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map(
      (m) => [m[1] ?? "", m[2] ?? ""] as [string, string],
    );
    const chosen = await saveSection(
      colleague,
      fields.filter(([k]) => k !== "_csrf"),
    );
    expect(chosen.status).toBe(303);
    expect(await stored("hosting")).toMatchObject({ value: "us", revision: 2 });
  });

  it("merges changes to different parts of the same answer without a conflict", async () => {
    const veraPage = await sectionHtml(vera);
    const colinPage = await sectionHtml(colleague);
    await saveSection(vera, [
      ["base.hosting", baseOf(veraPage, "hosting")],
      ["c.hosting", "Frankfurt"],
    ]);
    const res = await saveSection(colleague, [
      ["base.hosting", baseOf(colinPage, "hosting")],
      ["a.hosting", "eu"],
    ]);
    expect(res.status).toBe(303);
    expect(await stored("hosting")).toEqual({ value: "eu", comment: "Frankfurt", revision: 2 });
  });
});

describe("autosave, one answer at a time", () => {
  it("saves an answer and returns the new revision token and progress", async () => {
    const page = await sectionHtml(vera);
    const res = await autosave(vera, {
      questionId: "hosting",
      base: baseOf(page, "hosting"),
      values: ["eu"],
      comment: "",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; base: string; progress: Record<string, number> };
    expect(body.status).toBe("saved");
    expect(body.base).toMatch(/^1\./);
    expect(body.progress).toMatchObject({
      requiredAnswered: 1,
      sectionRequiredAnswered: 1,
      sectionRequiredTotal: 2,
    });
    const again = await autosave(vera, {
      questionId: "hosting",
      base: body.base,
      values: ["us"],
      comment: "",
    });
    expect(((await again.json()) as { base: string }).base).toMatch(/^2\./);
  });

  it("answers a clash with 409 and both answers, and overwrites only once the new token is used", async () => {
    const page = await sectionHtml(vera);
    const base = baseOf(page, "hosting");
    await autosave(colleague, { questionId: "hosting", base, values: ["eu"] });
    const clash = await autosave(vera, { questionId: "hosting", base, values: ["us"], comment: null });
    expect(clash.status).toBe(409);
    const body = (await clash.json()) as {
      error: {
        code: string;
        details: {
          base: string;
          theirs: { text: string; by: string; values: string[] };
          mine: { text: string };
        };
      };
    };
    expect(body.error.code).toBe("conflict");
    expect(body.error.details.theirs).toMatchObject({
      text: "In the EU",
      by: "Colin Colleague colin@acme.example",
      values: ["eu"],
    });
    expect(body.error.details.mine.text).toBe("In the United States");
    expect(await stored("hosting")).toMatchObject({ value: "eu" });
    const chosen = await autosave(vera, {
      questionId: "hosting",
      base: body.error.details.base,
      values: ["us"],
    });
    expect(chosen.status).toBe(200);
    expect(await stored("hosting")).toMatchObject({ value: "us" });
  });

  it.each([
    ["a choice that does not exist", "hosting", ["mars"]],
    ["a negative head count", "staff", ["-3"]],
    ["“Not applicable” where it is not offered", "hosting", ["na"]],
  ])("refuses %s with 400", async (_name, questionId, values) => {
    const page = await sectionHtml(vera);
    const res = await autosave(vera, { questionId, base: baseOf(page, questionId), values });
    expect(res.status).toBe(400);
    expect(await stored(questionId)).toBeUndefined();
  });

  it("answers 404 for a question of no section and 401 without a session", async () => {
    expect((await autosave(vera, { questionId: "ghost", base: "0.aaaaaaaaaaaa.aaaaaaaaaaaa" })).status).toBe(
      404,
    );
    const res = await f.t.app.request("/portal/assessment/answers", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
  });
});
