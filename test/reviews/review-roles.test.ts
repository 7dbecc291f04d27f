import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../../src/auth/roles.ts";
import { GOOD, type ReviewFixture, reviewFixture, reviewState, roleHeaders } from "./review-fixture.ts";

let r: ReviewFixture;
let assessmentId: string;
let headers: Record<Role, Record<string, string>>;
beforeEach(async () => {
  r = await reviewFixture();
  assessmentId = (await r.submitted(GOOD)).assessmentId;
  headers = await roleHeaders(r);
});
afterEach(() => r.close());

const writes = (): [string, string, unknown][] => [
  ["PUT", `/api/v1/assessments/${assessmentId}/overrides/mfa`, { score: 0.5, comment: "Partly" }],
  ["DELETE", `/api/v1/assessments/${assessmentId}/overrides/mfa`, undefined],
  ["POST", `/api/v1/assessments/${assessmentId}/comments`, { body: "Noted" }],
  [
    "POST",
    `/api/v1/assessments/${assessmentId}/clarifications`,
    { questions: [{ questionId: "dpo", message: "Who is it?" }] },
  ],
  ["POST", `/api/v1/assessments/${assessmentId}/complete`, { decision: "approved", reason: "Fine" }],
];

describe("only privacy and admin users review", () => {
  it.each<Role>(["viewer", "procurement"])(
    "a %s is refused every review change, and nothing changes",
    async (role) => {
      const state = reviewState(r);
      for (const [method, path, body] of writes()) {
        const res = await r.call(method, path, body, headers[role]);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error?.code).toBe("forbidden");
      }
      expect(reviewState(r)).toBe(state);
    },
  );

  it("an anonymous caller is asked to sign in", async () => {
    const state = reviewState(r);
    for (const [method, path, body] of writes())
      expect((await r.call(method, path, body, {})).status, `${method} ${path}`).toBe(401);
    expect(reviewState(r)).toBe(state);
  });

  it("an admin may do each step", async () => {
    // Everything but the clarification, which would leave the assessment unable to complete.
    for (const [method, path, body] of writes().filter(([, path]) => !path.endsWith("/clarifications"))) {
      const res = await r.call(method, path, body, headers.admin);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    }
  });

  it.each<Role>(["admin", "privacy", "procurement", "viewer"])(
    "a %s may read a vendor's decisions",
    async (role) => {
      const res = await r.call("GET", `/api/v1/vendors/${r.f.vendorId}/decisions`, undefined, headers[role]);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
    },
  );
});
