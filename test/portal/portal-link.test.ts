import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cancelAssessment, revokeInvite } from "../../src/assessments/assessment-actions.ts";
import { setSetting } from "../../src/settings/settings-service.ts";
import { cookieHeader } from "../support/test-app.ts";
import { openLink, type PortalFixture, portalFixture } from "./portal-fixture.ts";

let f: PortalFixture;
beforeEach(async () => {
  f = await portalFixture();
});
afterEach(() => f.close());

describe("a vendor opens the emailed link", () => {
  it("gets a portal cookie and is sent on to an address without the secret", async () => {
    const { secrets } = await f.send();
    const secret = secrets[0] ?? "";
    const res = await f.t.app.request(`/portal/${secret}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/portal/assessment");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^vv_portal=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\/portal/);
    expect(setCookie).not.toContain(secret);

    const landing = await f.t.app.request("/portal/assessment", { headers: { cookie: cookieHeader(res) } });
    expect(landing.status).toBe(200);
    const html = await landing.text();
    expect(html).toContain("Portal test questionnaire");
    expect(html).toContain("Your customer asks Acme Hosting");
    expect(html).not.toContain(secret);
    expect(html).toContain('<meta name="referrer" content="no-referrer"');
  });

  it("keeps the secret out of the request log", async () => {
    const { secrets } = await f.send();
    const secret = secrets[0] ?? "";
    await openLink(f.t, secret);
    await f.t.app.request(`/portal/${secret}x`);
    const logged = JSON.stringify(f.t.logger.lines);
    expect(logged).toContain("/portal/[redacted]");
    expect(logged).not.toContain(secret);
  });

  it("shows the organisation's name once an admin has set it", async () => {
    await setSetting(f.t.ctx, "organisation.name", "Northwind Bank");
    const { secrets } = await f.send();
    const visit = await openLink(f.t, secrets[0] ?? "");
    const html = await (
      await f.t.app.request("/portal/assessment", { headers: { cookie: visit.cookie } })
    ).text();
    expect(html).toContain("Northwind Bank asks Acme Hosting");
  });

  it("can come back later through the same link from another browser", async () => {
    const { secrets } = await f.send();
    const first = await openLink(f.t, secrets[0] ?? "");
    f.t.clock.advance(3 * 24 * 3600_000);
    const stale = await f.t.app.request("/portal/assessment", { headers: { cookie: first.cookie } });
    expect(stale.status).toBe(401);
    expect(await stale.text()).toContain("open the link in the email");
    const second = await openLink(f.t, secrets[0] ?? "");
    const res = await f.t.app.request("/portal/assessment", { headers: { cookie: second.cookie } });
    expect(res.status).toBe(200);
  });
});

describe("links that do not work", () => {
  it("answers 404 with a friendly page for an unknown link", async () => {
    const res = await f.t.app.request("/portal/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("This link is not valid");
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it.each([
    [
      "a revoked invite",
      async (assessmentId: string) => {
        const invite = await f.t.deps.db
          .selectFrom("assessment_invites")
          .select("id")
          .where("assessment_id", "=", assessmentId)
          .executeTakeFirstOrThrow();
        await revokeInvite(f.staffCtx, assessmentId, invite.id);
      },
      "This link has been withdrawn",
    ],
    [
      "an expired invite",
      async () => {
        f.t.clock.set("2026-06-01T00:00:00Z");
      },
      "This link has expired",
    ],
    [
      "a cancelled assessment",
      (id: string) => cancelAssessment(f.staffCtx, id, { reason: "no longer needed" }),
      "This questionnaire was cancelled",
    ],
    [
      "an expired assessment",
      async (id: string) => {
        await f.t.deps.db
          .updateTable("assessments")
          .set({ status: "expired" })
          .where("id", "=", id)
          .execute();
      },
      "This questionnaire has closed",
    ],
  ])("answers 410 and names who to contact for %s", async (_name, close, title) => {
    const { assessmentId, secrets } = await f.send();
    const visit = await openLink(f.t, secrets[0] ?? "");
    await close(assessmentId);
    const res = await f.t.app.request(`/portal/${secrets[0]}`);
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(html).toContain(title);
    expect(html).toContain("Your customer");
    expect(html).toContain(f.staff.email);
    expect(html).not.toMatch(/stack|Error:|\{"error"/);
    // A session opened before the change stops working too.
    const again = await f.t.app.request("/portal/assessment", { headers: { cookie: visit.cookie } });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain(title);
  });
});

describe("a portal session opens its own assessment and nothing else", () => {
  it("gets 404 for another assessment's sections and files, and 401 from staff pages and the API", async () => {
    const a = await f.send();
    const b = await f.send();
    const visitA = await openLink(f.t, a.secrets[0] ?? "");
    const fileOfB = f.t.deps.newId();
    await f.t.deps.db
      .insertInto("evidence_files")
      .values({
        id: fileOfB,
        assessment_id: b.assessmentId,
        question_id: "policy-doc",
        original_name: "b.pdf",
        stored_name: "0".repeat(32),
        media_type: "application/pdf",
        size: 1,
        sha256: "0",
        kind: null,
        expires_on: null,
        uploaded_at: "2026-03-02T09:00:00Z",
        uploaded_by: "x",
        deleted_at: null,
      })
      .execute();
    const headers = { cookie: visitA.cookie };
    expect((await f.t.app.request(`/portal/assessment/evidence/${fileOfB}`, { headers })).status).toBe(404);
    expect((await f.t.app.request("/portal/assessment/sections/no-such-section", { headers })).status).toBe(
      404,
    );
    const remove = await f.t.app.request(`/portal/assessment/evidence/${fileOfB}/remove`, {
      method: "POST",
      headers: { ...headers, "x-csrf-token": visitA.csrf },
    });
    expect(remove.status).toBe(404);

    for (const path of [
      `/api/v1/assessments/${b.assessmentId}`,
      `/api/v1/assessments/${a.assessmentId}`,
      "/api/v1/vendors",
    ]) {
      const res = await f.t.app.request(path, { headers });
      expect(res.status, path).toBe(401);
    }
    const staffPage = await f.t.app.request("/vendors", { headers });
    expect([302, 303, 401, 403]).toContain(staffPage.status);
    expect(staffPage.headers.get("location") ?? "").toMatch(/^\/login/);
    const staffDownload = await f.t.app.request(`/assessments/${b.assessmentId}/evidence/${fileOfB}`, {
      headers,
    });
    expect(staffDownload.headers.get("location") ?? "").toMatch(/^\/login/);
  });

  it("refuses writes without the session's CSRF token or from another site", async () => {
    const { secrets } = await f.send();
    const visit = await openLink(f.t, secrets[0] ?? "");
    const noToken = await f.t.app.request("/portal/assessment/sections/basics", {
      method: "POST",
      headers: { cookie: visit.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: "a.has-policy=yes",
    });
    expect(noToken.status).toBe(403);
    const crossSite = await f.t.app.request("/portal/assessment/answers", {
      method: "POST",
      headers: {
        cookie: visit.cookie,
        origin: "https://evil.example",
        "x-csrf-token": visit.csrf,
        "content-type": "application/json",
      },
      body: "{}",
    });
    expect(crossSite.status).toBe(403);
  });

  it("limits how fast one client may open links", async () => {
    let last = 0;
    for (let i = 0; i < 25; i++) last = (await f.t.app.request(`/portal/${"B".repeat(43)}`)).status;
    expect(last).toBe(429);
  });

  it("ends the visit with Leave for now", async () => {
    const { secrets } = await f.send();
    const visit = await openLink(f.t, secrets[0] ?? "");
    const left = await f.t.app.request("/portal/leave", {
      method: "POST",
      headers: { cookie: visit.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: visit.csrf }),
    });
    expect(left.status).toBe(200);
    expect(await left.text()).toContain("Your answers are saved");
    expect((await f.t.app.request("/portal/assessment", { headers: { cookie: visit.cookie } })).status).toBe(
      401,
    );
  });
});
