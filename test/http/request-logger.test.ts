import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { redactPath } from "../../src/http/request-logger.ts";
import { openLink, type PortalFixture, portalFixture } from "../portal/portal-fixture.ts";

const SECRET = "q2Vx8dLwR5nYt0pKc3sJ7mHa9fEu1bGz4iXo6TyWvNr";
const FILE_ID = "01JNX4Z8Q7W5M3K2H1G0F9E8D7";

describe("the request log keeps portal paths readable but never an invite secret", () => {
  it.each([
    ["the overview", "/portal/assessment"],
    ["a section", "/portal/assessment/sections/basics"],
    ["a section with a dotted id", "/portal/assessment/sections/webapp.tls-1"],
    ["autosave", "/portal/assessment/answers"],
    ["the submit page", "/portal/assessment/submit"],
    ["the VSAQ pre-fill", "/portal/assessment/prefill"],
    ["an evidence upload", "/portal/assessment/evidence"],
    ["an evidence download", `/portal/assessment/evidence/${FILE_ID}`],
    ["an evidence removal", `/portal/assessment/evidence/${FILE_ID}/remove`],
    ["leaving", "/portal/leave"],
    ["a staff page", "/assessments/01JNX4Z8Q7W5M3K2H1G0F9E8D7/review"],
    ["the API", "/api/v1/questionnaires/vendor-security-baseline"],
  ])("%s stays as it is", (_what, path) => {
    expect(redactPath(path)).toBe(path);
  });

  it.each([
    ["the emailed link", `/portal/${SECRET}`, "/portal/[redacted]"],
    ["a link with a trailing slash", `/portal/${SECRET}/`, "/portal/[redacted]"],
    ["a path under a secret", `/portal/${SECRET}/assessment`, "/portal/[redacted]"],
    ["a look-alike of a fixed path", `/portal/assessmentx${SECRET}`, "/portal/[redacted]"],
    ["a fixed path in the wrong case", "/portal/Assessment", "/portal/[redacted]"],
    ["an unknown path under the assessment", `/portal/assessment/${SECRET}`, "/portal/[redacted]"],
    ["a second segment after autosave", `/portal/assessment/answers/${SECRET}`, "/portal/[redacted]"],
    ["the first-admin link", `/setup/${SECRET}`, "/setup/[redacted]"],
  ])("%s is redacted", (_what, path, logged) => {
    expect(redactPath(path)).toBe(logged);
  });
});

describe("a vendor's visit through the real app, as the request log records it", () => {
  let f: PortalFixture;
  beforeEach(async () => {
    f = await portalFixture();
  });
  afterEach(() => f.close());

  it("logs each fixed portal path as it is and the link only as /portal/[redacted]", async () => {
    const { secrets } = await f.send();
    const secret = secrets[0] ?? "";
    const visit = await openLink(f.t, secret);
    const headers = { cookie: visit.cookie };
    const post = (path: string, body: string | URLSearchParams, type: string) =>
      f.t.app.request(path, {
        method: "POST",
        headers: { ...headers, "x-csrf-token": visit.csrf, "content-type": type },
        body,
      });
    await f.t.app.request("/portal/assessment/sections/basics", { headers });
    await post(
      "/portal/assessment/answers",
      JSON.stringify({ questionId: "notes", base: "0", value: "x" }),
      "application/json",
    );
    await f.t.app.request("/portal/assessment/submit", { headers });
    await f.t.app.request(`/portal/assessment/evidence/${FILE_ID}`, { headers });
    await f.t.app.request(`/portal/${secret}/assessment`);
    await post(
      "/portal/leave",
      new URLSearchParams({ _csrf: visit.csrf }),
      "application/x-www-form-urlencoded",
    );

    const requests = f.t.logger.lines.filter((line) => line.msg === "request");
    const paths = requests.map((line) => `${line.method as string} ${line.path as string}`);
    expect(paths).toEqual([
      "GET /portal/[redacted]",
      "GET /portal/assessment",
      "GET /portal/assessment/sections/basics",
      "POST /portal/assessment/answers",
      "GET /portal/assessment/submit",
      `GET /portal/assessment/evidence/${FILE_ID}`,
      "GET /portal/[redacted]",
      "POST /portal/leave",
    ]);
    expect(JSON.stringify(f.t.logger.lines)).not.toContain(secret);
  });
});
