import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  baseOf,
  openLink,
  type PortalFixture,
  type PortalVisit,
  portalFixture,
  publishSmallVsaq,
} from "./portal-fixture.ts";

let f: PortalFixture;
let visit: PortalVisit;
let assessmentId: string;

beforeEach(async () => {
  f = await portalFixture();
  const key = await publishSmallVsaq(f.staffCtx);
  const sent = await f.send({ questionnaire: key });
  assessmentId = sent.assessmentId;
  visit = await openLink(f.t, sent.secrets[0] ?? "");
});
afterEach(() => f.close());

async function prefill(content: string): Promise<Response> {
  const form = new FormData();
  form.set("_csrf", visit.csrf);
  form.set("file", new File([content], "answers.json", { type: "application/json" }));
  return f.t.app.request("/portal/assessment/prefill", {
    method: "POST",
    body: form,
    headers: { cookie: visit.cookie },
  });
}

async function answers() {
  const rows = await f.t.deps.db
    .selectFrom("answers")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.question_id, JSON.parse(r.value ?? "null") as unknown]));
}

describe("pre-filling from a VSAQ answers file", () => {
  it("is offered only for questionnaires imported from VSAQ", async () => {
    const landing = await (
      await f.t.app.request("/portal/assessment", { headers: { cookie: visit.cookie } })
    ).text();
    expect(landing).toContain("Pre-fill from a VSAQ answers file");
    const other = await f.send();
    const otherVisit = await openLink(f.t, other.secrets[0] ?? "");
    const plain = await (
      await f.t.app.request("/portal/assessment", { headers: { cookie: otherVisit.cookie } })
    ).text();
    expect(plain).not.toContain("Pre-fill from a VSAQ answers file");
  });

  it("fills unanswered questions as a draft, keeps the vendor's own answers and reports what it skipped", async () => {
    const section = await f.t.deps.db
      .selectFrom("questionnaire_versions")
      .select("content")
      .where("key", "=", "small-vsaq")
      .executeTakeFirstOrThrow();
    const template = JSON.parse(section.content) as {
      sections: { id: string; questions: { id: string; vsaq?: { id?: string } }[] }[];
    };
    const first = template.sections[0];
    const storyId = first?.questions.find((q) => q.vsaq?.id === "story")?.id ?? "";
    const page = await (
      await f.t.app.request(`/portal/assessment/sections/${first?.id}`, { headers: { cookie: visit.cookie } })
    ).text();
    await f.t.app.request(`/portal/assessment/sections/${first?.id}`, {
      method: "POST",
      headers: { cookie: visit.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        _csrf: visit.csrf,
        [`base.${storyId}`]: baseOf(page, storyId),
        [`a.${storyId}`]: "Our own words",
      }),
    });

    const res = await prefill(
      JSON.stringify({
        uses_tls: "yes",
        hosting_cloud: "checked",
        hosting_own: "",
        story: "From VSAQ",
        report: "x|r.pdf",
        mystery: "1",
      }),
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("2 answers were filled in as a draft");
    expect(html).toContain("already answered here; your answer was kept");
    expect(html).toContain("uploaded files cannot be carried over");
    expect(html).toContain("no question of this template has this id");

    const saved = await answers();
    expect(Object.values(saved)).toEqual(expect.arrayContaining(["yes", "Our own words"]));
    expect(Object.values(saved)).not.toContain("From VSAQ");
    const row = await f.t.deps.db
      .selectFrom("assessments")
      .select("status")
      .where("id", "=", assessmentId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("in_progress");
  });

  it.each([
    ["not JSON", "this is not json", "not valid JSON"],
    ["a list instead of an object", "[1,2]", "one object"],
  ])("explains a file that is %s", async (_name, content, message) => {
    const res = await prefill(content);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(message);
    expect(await answers()).toEqual({});
  });
});
