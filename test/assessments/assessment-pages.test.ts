import { describe, expect, it } from "vitest";
import { buildTestApp, form, type TestApp } from "../support/test-app.ts";
import { api, linkIn, outbox, sendingSetup } from "./fixtures.ts";

async function session(t: TestApp, role: "procurement" | "viewer" | "admin") {
  const user = await t.addUser(role);
  return t.signIn(user.email);
}

function post(t: TestApp, path: string, cookie: string, fields: Record<string, string>) {
  const f = form(fields);
  return t.app.request(path, { method: "POST", headers: { ...f.headers, cookie }, body: f.body });
}

const page = async (t: TestApp, path: string, cookie: string) => {
  const res = await t.app.request(path, { headers: { cookie } });
  return { status: res.status, html: await res.text() };
};

describe("staff pages for sending questionnaires", () => {
  it("the send form preselects the recommended questionnaire and prefills the vendor's contacts", async () => {
    const t = await buildTestApp();
    const { vendor } = await sendingSetup(t);
    const { cookie } = await session(t, "procurement");
    const { status, html } = await page(t, `/assessments/new?vendorId=${vendor.id}`, cookie);
    expect(status).toBe(200);
    expect(html).toMatch(
      /<option value="vendor-security-essentials" selected="">Vendor security essentials \(version 1, \d+ questions\) \(recommended\)/,
    );
    expect(html).toContain('<option value="small-check">');
    expect(html).toContain('value="sam@acme.example"');
    for (const i of [0, 1, 2]) expect(html).toContain(`<label for="f-recipients-${i}-email">Email`);
    expect(html).toContain("<legend>Recipient 3</legend>");
    expect(html).toContain('name="_csrf"');
    expect(html).toContain('value="2026-03-16"');
  });

  it("procurement sends a questionnaire with the form and lands on the assessment page", async () => {
    const t = await buildTestApp();
    const { vendor } = await sendingSetup(t);
    const { cookie, csrf } = await session(t, "procurement");
    const res = await post(t, "/assessments", cookie, {
      _csrf: csrf,
      vendorId: vendor.id,
      questionnaire: "small-check",
      dueDate: "2026-03-25",
      "recipients[0].name": "Sam Security",
      "recipients[0].email": "sam@acme.example",
      "recipients[1].name": "",
      "recipients[1].email": "",
      "recipients[2].name": "Pat Privacy",
      "recipients[2].email": "pat@acme.example",
      message: "Thanks!",
    });
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/assessments\/[0-9A-Z]+\?notice=sent$/);
    expect((await outbox(t)).map((m) => m.to_email)).toEqual(["sam@acme.example", "pat@acme.example"]);

    const { html } = await page(t, location, cookie);
    expect(html).toContain("Questionnaire sent");
    expect(html).toContain("Small security check: Acme Hosting");
    expect(html).toContain("pat@acme.example");
    expect(html).toContain("0 of 1 required questions answered");
    expect(html).toContain("Remind now");
    expect(html).toContain("Next automatic reminder: 18 March 2026");
    expect(html).not.toContain(linkIn((await outbox(t))[0]!.text_body).split("/portal/")[1]);
  });

  it("a form with mistakes comes back with each error beside its field, and nothing is sent", async () => {
    const t = await buildTestApp();
    const { vendor } = await sendingSetup(t);
    const { cookie, csrf } = await session(t, "procurement");
    const res = await post(t, "/assessments", cookie, {
      _csrf: csrf,
      vendorId: vendor.id,
      questionnaire: "",
      dueDate: "2026-03-01",
      "recipients[0].name": "",
      "recipients[0].email": "",
      "recipients[1].name": "Pat",
      "recipients[1].email": "not-an-email",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('href="#f-recipients-1-email"');
    expect(html).toMatch(/id="f-recipients-1-email"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/id="f-questionnaire"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="not-an-email"');
    expect(await outbox(t)).toEqual([]);

    const late = await post(t, "/assessments", cookie, {
      _csrf: csrf,
      vendorId: vendor.id,
      questionnaire: "small-check",
      dueDate: "2026-03-01",
      "recipients[0].name": "Sam",
      "recipients[0].email": "sam@acme.example",
    });
    expect(late.status).toBe(400);
    expect(await late.text()).toMatch(/id="f-dueDate"[^>]*aria-invalid="true"/);
  });

  it("staff follow up from the assessment page: add, revoke, re-issue, remind and cancel", async () => {
    const t = await buildTestApp();
    const { vendor } = await sendingSetup(t);
    const created = await api(t, await t.bearer("procurement"), "POST", "/api/v1/assessments", {
      vendorId: vendor.id,
      questionnaire: "small-check",
      dueDate: "2026-03-25",
      recipients: [{ email: "sam@acme.example", name: "Sam" }],
    });
    const id = String(created.body.id);
    const inviteId = (created.body.invites as { id: string }[])[0]!.id;
    const { cookie, csrf } = await session(t, "procurement");
    const base = `/assessments/${id}`;

    expect((await post(t, `${base}/invites`, cookie, { _csrf: csrf, name: "", email: "x" })).status).toBe(
      400,
    );
    const added = await post(t, `${base}/invites`, cookie, {
      _csrf: csrf,
      name: "Kim",
      email: "kim@acme.example",
    });
    expect(added.headers.get("location")).toBe(`${base}?notice=added`);
    expect(
      (await post(t, `${base}/invites/${inviteId}/revoke`, cookie, { _csrf: csrf })).headers.get("location"),
    ).toBe(`${base}?notice=revoked`);
    expect((await post(t, `${base}/invites/${inviteId}/reissue`, cookie, { _csrf: csrf })).status).toBe(303);
    expect((await post(t, `${base}/remind`, cookie, { _csrf: csrf })).headers.get("location")).toBe(
      `${base}?notice=reminded`,
    );
    const twice = await post(t, `${base}/remind`, cookie, { _csrf: csrf });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("already went out today");
    expect((await post(t, `${base}/remind`, cookie, { _csrf: csrf, force: "on" })).status).toBe(303);
    expect(
      (await post(t, `${base}/cancel`, cookie, { _csrf: csrf, reason: "Contract not signed" })).status,
    ).toBe(303);

    const kinds = (await outbox(t)).map((m) => `${m.kind} ${m.to_email}`);
    expect(kinds).toEqual([
      "assessment.invite sam@acme.example",
      "assessment.invite kim@acme.example",
      "assessment.invite sam@acme.example",
      "assessment.reminder kim@acme.example",
      "assessment.reminder sam@acme.example",
      "assessment.reminder kim@acme.example",
      "assessment.reminder sam@acme.example",
    ]);
    const { html } = await page(t, `${base}?notice=cancelled`, cookie);
    expect(html).toContain("Assessment cancelled");
    expect(html).not.toContain("Remind now");
    expect(html).not.toContain("Re-issue");
    expect((await post(t, `${base}/invites/${inviteId}/revoke`, cookie, {})).status).toBe(403);
  });

  it("a viewer sees the list and the assessment but no actions, and cannot post them", async () => {
    const t = await buildTestApp();
    const { vendor } = await sendingSetup(t);
    const created = await api(t, await t.bearer("procurement"), "POST", "/api/v1/assessments", {
      vendorId: vendor.id,
      questionnaire: "small-check",
      dueDate: "2026-03-25",
      recipients: [{ email: "sam@acme.example", name: "Sam" }],
    });
    const { cookie, csrf } = await session(t, "viewer");
    const list = await page(t, "/assessments?status=sent", cookie);
    expect(list.status).toBe(200);
    expect(list.html).toContain(`href="/assessments/${created.body.id}"`);
    expect((await page(t, "/assessments?status=cancelled", cookie)).html).toContain("No assessments match.");
    const detail = await page(t, `/assessments/${created.body.id}`, cookie);
    expect(detail.status).toBe(200);
    expect(detail.html).not.toContain("Remind now");
    expect(detail.html).not.toContain("Cancel assessment");
    expect((await page(t, `/assessments/new?vendorId=${vendor.id}`, cookie)).status).toBe(403);
    expect((await post(t, `/assessments/${created.body.id}/cancel`, cookie, { _csrf: csrf })).status).toBe(
      403,
    );
    expect((await post(t, "/assessments", cookie, { _csrf: csrf, vendorId: vendor.id })).status).toBe(403);
  });
});

describe("what the vendor answered, as staff see it", () => {
  it("shows answers read-only by section with evidence links, and counts only the required questions shown", async () => {
    const t = await buildTestApp();
    const { vendor } = await sendingSetup(t);
    const proc = await t.bearer("procurement");
    const created = await api(t, proc, "POST", "/api/v1/assessments", {
      vendorId: vendor.id,
      questionnaire: "small-check",
      dueDate: "2026-03-25",
      recipients: [{ email: "sam@acme.example", name: "Sam" }],
    });
    const id = String(created.body.id);
    const answer = (question: string, value: unknown, comment: string | null = null) =>
      t.deps.db
        .insertInto("answers")
        .values({
          assessment_id: id,
          question_id: question,
          value: JSON.stringify(value),
          comment,
          revision: 1,
          updated_at: "2026-03-03T10:00:00.000Z",
          updated_by: "vendor",
        })
        .onConflict((oc) =>
          oc.columns(["assessment_id", "question_id"]).doUpdateSet({ value: JSON.stringify(value) }),
        )
        .execute();
    const progress = async () => (await api(t, proc, "GET", `/api/v1/assessments/${id}`)).body.progress;

    expect(await progress()).toEqual({ requiredAnswered: 0, requiredTotal: 1, answered: 0, visible: 2 });
    await answer("has-policy", "yes", "Reviewed by the board");
    expect(await progress()).toEqual({ requiredAnswered: 1, requiredTotal: 2, answered: 1, visible: 3 });
    await answer("policy-date", "2025-11-30");
    expect(await progress()).toEqual({ requiredAnswered: 2, requiredTotal: 2, answered: 2, visible: 3 });
    await answer("has-policy", "no");
    expect(await progress()).toEqual({ requiredAnswered: 1, requiredTotal: 1, answered: 1, visible: 2 });
    await answer("has-policy", "yes");
    await t.deps.db
      .insertInto("evidence_files")
      .values({
        id: "01FILE",
        assessment_id: id,
        question_id: "notes",
        original_name: "policy.pdf",
        stored_name: "r4nd0m",
        media_type: "application/pdf",
        size: 20480,
        sha256: "ab".repeat(32),
        kind: null,
        expires_on: null,
        uploaded_at: "2026-03-03T10:00:00.000Z",
        uploaded_by: "vendor",
        deleted_at: null,
      })
      .execute();

    const detail = await api(t, proc, "GET", `/api/v1/assessments/${id}`);
    expect(detail.body.answers).toMatchObject({
      "has-policy": { value: "yes", comment: "Reviewed by the board" },
      "policy-date": { value: "2025-11-30" },
    });
    expect(detail.body.evidence).toEqual([
      {
        id: "01FILE",
        question: "notes",
        name: "policy.pdf",
        size: 20480,
        sha256: "ab".repeat(32),
        mediaType: "application/pdf",
        uploadedAt: "2026-03-03T10:00:00.000Z",
        href: `/api/v1/assessments/${id}/evidence/01FILE`,
      },
    ]);

    const { cookie } = await session(t, "viewer");
    const { html } = await page(t, `/assessments/${id}`, cookie);
    expect(html).toContain('<h3 id="sec-basics">Basics</h3>');
    expect(html).toMatch(/Do you have a security policy\?.*?<dd>Yes/s);
    expect(html).toContain("Reviewed by the board");
    expect(html).toContain("2025-11-30");
    expect(html).toContain(`href="/assessments/${id}/evidence/01FILE"`);
    const answers = html.split('id="answers-title"')[1]!.split("</main>")[0]!;
    expect(answers).toContain("policy.pdf");
    expect(answers).not.toMatch(/<input|<textarea|<select/);
  });
});
