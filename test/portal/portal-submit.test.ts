import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computeProgress } from "../../src/portal/progress.ts";
import { Template } from "../../src/questionnaires/template-schema.ts";
import { samplePdf } from "../evidence/sample-files.ts";
import {
  baseOf,
  openLink,
  PORTAL_TEMPLATE,
  type PortalFixture,
  type PortalVisit,
  portalFixture,
} from "./portal-fixture.ts";

const template = Template.parse(PORTAL_TEMPLATE);

describe("progress counts required questions that are shown", () => {
  it.each([
    ["nothing answered", {}, 0, 3, ["has-policy", "hosting", "certs"]],
    ["a yes adds the policy upload", { "has-policy": "yes" }, 1, 4, ["policy-doc", "hosting", "certs"]],
    ["N/A needs no upload", { "has-policy": "na", hosting: "eu", certs: ["soc2"] }, 3, 3, []],
    [
      "hosting in the US asks for the region",
      { "has-policy": "no", hosting: "us" },
      2,
      4,
      ["hosting-detail", "certs"],
    ],
    [
      "a hidden question's answer is kept but does not count",
      { "has-policy": "no", hosting: "eu", "hosting-detail": "us-east-1", certs: ["none"] },
      3,
      3,
      [],
    ],
    [
      "an empty selection is not an answer",
      { certs: [] as string[] },
      0,
      3,
      ["has-policy", "hosting", "certs"],
    ],
  ])("%s", (_name, answers, answered, total, missing) => {
    const progress = computeProgress(template, answers);
    expect(progress.requiredAnswered).toBe(answered);
    expect(progress.requiredTotal).toBe(total);
    expect(progress.missing.map((m) => m.questionId)).toEqual(missing);
  });
});

let f: PortalFixture;
let assessmentId: string;
let visit: PortalVisit;

beforeEach(async () => {
  f = await portalFixture();
  const sent = await f.send();
  assessmentId = sent.assessmentId;
  visit = await openLink(f.t, sent.secrets[0] ?? "");
});
afterEach(() => f.close());

async function answer(section: string, fields: Record<string, string | string[]>) {
  const page = await (
    await f.t.app.request(`/portal/assessment/sections/${section}`, { headers: { cookie: visit.cookie } })
  ).text();
  const body = new URLSearchParams({ _csrf: visit.csrf });
  for (const [id, value] of Object.entries(fields)) {
    body.append(`base.${id}`, baseOf(page, id));
    for (const v of Array.isArray(value) ? value : [value]) body.append(`a.${id}`, v);
  }
  const res = await f.t.app.request(`/portal/assessment/sections/${section}`, {
    method: "POST",
    headers: { cookie: visit.cookie, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  expect(res.status).toBe(303);
}

async function submit(fields: Record<string, string>): Promise<Response> {
  return f.t.app.request("/portal/assessment/submit", {
    method: "POST",
    headers: { cookie: visit.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: visit.csrf, ...fields }),
  });
}

const get = (path: string) => f.t.app.request(path, { headers: { cookie: visit.cookie } });

describe("submitting", () => {
  it("lists what is missing with a link to each question, and refuses to submit", async () => {
    await answer("basics", { "has-policy": "yes", hosting: "eu" });
    const landing = await (await get("/portal/assessment")).text();
    expect(landing).toContain("2 of 4 required questions answered");
    expect(landing).toContain("2 required questions still need an answer");

    const page = await (await get("/portal/assessment/submit")).text();
    expect(page).toContain('href="/portal/assessment/sections/basics#q-policy-doc"');
    expect(page).toContain('href="/portal/assessment/sections/controls#q-certs"');
    expect(page).not.toContain("Confirm and submit");

    const res = await submit({ name: "Vera Vendor", title: "CISO", confirmed: "yes" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("#q-certs");
    const row = await f.t.deps.db
      .selectFrom("assessments")
      .select("status")
      .where("id", "=", assessmentId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("in_progress");
  });

  it("asks for the attestation, then submits, makes everything read-only and tells the sender", async () => {
    await answer("basics", { "has-policy": "na", hosting: "eu" });
    await answer("controls", { certs: ["iso27001", "soc2"] });
    const page = await (await get("/portal/assessment/submit")).text();
    expect(page).toContain("Confirm and submit");
    expect(page).toContain('value="Vera Vendor 1"');

    const unconfirmed = await submit({ name: "Vera Vendor", title: "" });
    expect(unconfirmed.status).toBe(422);
    const problems = await unconfirmed.text();
    expect(problems).toContain("Enter your job title");
    expect(problems).toContain("Tick the box to confirm");
    expect(problems).toContain('aria-describedby="att-title-error"');

    const done = await submit({ name: "Vera Vendor", title: "Head of Security", confirmed: "yes" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/portal/assessment?done=submitted");
    const row = await f.t.deps.db
      .selectFrom("assessments")
      .selectAll()
      .where("id", "=", assessmentId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: "submitted",
      attested_name: "Vera Vendor",
      attested_title: "Head of Security",
      submitted_at: "2026-03-02T09:00:00.000Z",
    });
    const audit = await f.t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", assessmentId)
      .execute();
    expect(audit.map((a) => a.action)).toContain("assessment.submit");
    const mail = await f.t.deps.db
      .selectFrom("outbox")
      .selectAll()
      .where("kind", "=", "assessment.submitted")
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to_email: f.staff.email, assessment_id: assessmentId });
    expect(mail[0]?.text_body).toContain("Vera Vendor (Head of Security)");
    expect(mail[0]?.text_body).toContain(`/assessments/${assessmentId}`);

    const landing = await (await get("/portal/assessment")).text();
    expect(landing).toContain("the answers are now read-only");
    const section = await (await get("/portal/assessment/sections/controls")).text();
    expect(section).not.toContain('<form method="post" action="/portal/assessment/sections/controls"');
    expect(section).toContain("ISO/IEC 27001; SOC 2");

    const late = await f.t.app.request("/portal/assessment/sections/basics", {
      method: "POST",
      headers: { cookie: visit.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        _csrf: visit.csrf,
        "base.hosting": "1.aaaaaaaaaaaa.aaaaaaaaaaaa",
        "a.hosting": "us",
      }),
    });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("can no longer be changed");
    const form = new FormData();
    form.set("_csrf", visit.csrf);
    form.set("questionId", "hosting");
    form.set("file", new File([samplePdf()], "late.pdf"));
    const lateUpload = await f.t.app.request("/portal/assessment/evidence", {
      method: "POST",
      body: form,
      headers: { cookie: visit.cookie },
    });
    expect(lateUpload.status).toBe(409);
    expect((await submit({ name: "X", title: "Y", confirmed: "yes" })).status).toBe(409);
    expect((await get("/portal/assessment/submit")).status).toBe(303);
  });
});
