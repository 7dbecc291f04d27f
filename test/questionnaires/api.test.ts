import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { questionnaireRoutes } from "../../src/questionnaires/questionnaire-routes.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import { brokenTemplateYaml, countRows, sampleTemplateYaml } from "./sample-template.ts";
import { readVsaqFixture, VSAQ_FIXTURES, vsaqFixturesPresent } from "./vsaq-fixture-files.ts";

type Json = Record<string, unknown>;

async function call(t: TestApp, path: string, init: RequestInit = {}) {
  const res = await t.app.request(path, init);
  const text = await res.text();
  // The body stays loosely typed (JSON.parse): the assertions below are what check its shape.
  return { status: res.status, body: text.startsWith("{") ? JSON.parse(text) : { text } };
}

function postJson(headers: Record<string, string>, body: unknown): RequestInit {
  return {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  };
}

const templateObject = (title?: string) => parseYaml(sampleTemplateYaml(title)) as Json;

describe("the questionnaire API", () => {
  it("lets a privacy user publish a template as JSON, and a repeat of the same content publishes nothing", async () => {
    const t = await buildTestApp();
    const privacy = await t.bearer("privacy");

    const first = await call(
      t,
      "/api/v1/questionnaires",
      postJson(privacy, { template: templateObject(), fileName: "cloud.yaml" }),
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      created: true,
      questionnaire: {
        key: "cloud-check",
        version: 1,
        questionCount: 8,
        source: "upload",
        sourceName: "cloud.yaml",
      },
    });
    const again = await call(t, "/api/v1/questionnaires", postJson(privacy, { template: templateObject() }));
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect(again.body.questionnaire.version).toBe(1);
    expect(countRows(t.sqlite, "questionnaire_versions")).toBe(1);
  });

  it("accepts the YAML file itself as application/yaml", async () => {
    const t = await buildTestApp();
    const res = await call(t, "/api/v1/questionnaires", {
      method: "POST",
      headers: { ...(await t.bearer("admin")), "content-type": "application/yaml; charset=utf-8" },
      body: sampleTemplateYaml(),
    });
    expect(res.status).toBe(201);
    expect(res.body.questionnaire.title).toBe("Cloud hosting check");
  });

  it("serves the latest version by default and an older one with ?version=N, unchanged", async () => {
    const t = await buildTestApp();
    const privacy = await t.bearer("privacy");
    await call(t, "/api/v1/questionnaires", postJson(privacy, { template: templateObject() }));
    const v2 = await call(
      t,
      "/api/v1/questionnaires",
      postJson(privacy, { template: templateObject("Revised") }),
    );
    expect(v2.body.questionnaire.version).toBe(2);
    const viewer = await t.bearer("viewer");

    const latest = await call(t, "/api/v1/questionnaires/cloud-check", { headers: viewer });
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ version: 2, latestVersion: 2, versions: [1, 2], title: "Revised" });
    expect(latest.body.template.title).toBe("Revised");

    const first = await call(t, "/api/v1/questionnaires/cloud-check?version=1", { headers: viewer });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, latestVersion: 2, title: "Cloud hosting check" });
    expect(first.body.template.sections[0].questions[1].showIf).toEqual({
      question: "uses-cloud",
      equals: "yes",
    });

    const list = await call(t, "/api/v1/questionnaires", { headers: viewer });
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      expect.objectContaining({
        key: "cloud-check",
        title: "Revised",
        tiers: ["medium", "low"],
        latestVersion: 2,
        questionCount: 8,
        versions: [
          expect.objectContaining({
            version: 1,
            questionCount: 8,
            source: "upload",
            contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
          }),
          expect.objectContaining({ version: 2 }),
        ],
      }),
    ]);
  });

  it.each([
    ["an unknown key", 404, "/api/v1/questionnaires/no-such-thing"],
    ["an unknown version", 404, "/api/v1/questionnaires/cloud-check?version=7"],
    ["a version that is not a number", 400, "/api/v1/questionnaires/cloud-check?version=latest"],
    ["version 0", 400, "/api/v1/questionnaires/cloud-check?version=0"],
  ])("answers %s with %i", async (_what, status, path) => {
    const t = await buildTestApp();
    await call(
      t,
      "/api/v1/questionnaires",
      postJson(await t.bearer("privacy"), { template: templateObject() }),
    );
    const res = await call(t, path, { headers: await t.bearer("viewer") });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(status === 404 ? "not_found" : "validation_failed");
  });

  it("refuses a bad template with 400, every problem's path, and stores nothing", async () => {
    const t = await buildTestApp();
    const res = await call(
      t,
      "/api/v1/questionnaires",
      postJson(await t.bearer("privacy"), { template: parseYaml(brokenTemplateYaml()) }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      "sections[0].questions[1] (cloud-provider).options[1].score",
      "sections[2].questions[2] (notes).id",
    ]);
    expect(countRows(t.sqlite, "questionnaire_versions")).toBe(0);
  });

  it.each([
    ["no body at all", 400, { method: "POST" }],
    [
      "a template that is not an object",
      400,
      { method: "POST", headers: { "content-type": "application/json" }, body: '{"template": 3}' },
    ],
    ["broken JSON", 400, { method: "POST", headers: { "content-type": "application/json" }, body: "{" }],
    [
      "YAML that is not YAML",
      400,
      { method: "POST", headers: { "content-type": "text/yaml" }, body: "key: [unclosed" },
    ],
    [
      "an unsupported content type",
      415,
      { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" },
    ],
  ] as const)("answers %s with %i, never a 500", async (_what, status, init) => {
    const t = await buildTestApp();
    const headers = { ...(await t.bearer("privacy")), ...("headers" in init ? init.headers : {}) };
    const res = await call(t, "/api/v1/questionnaires", { ...init, headers });
    expect(res.status).toBe(status);
    expect(res.body.error).toBeDefined();
  });

  it("answers 409 when the content equals an older version", async () => {
    const t = await buildTestApp();
    const privacy = await t.bearer("privacy");
    await call(t, "/api/v1/questionnaires", postJson(privacy, { template: templateObject() }));
    await call(t, "/api/v1/questionnaires", postJson(privacy, { template: templateObject("B") }));
    const res = await call(t, "/api/v1/questionnaires", postJson(privacy, { template: templateObject() }));
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ key: "cloud-check", version: 1, latestVersion: 2 });
  });

  it.each(["viewer", "procurement"] as const)(
    "lets a %s read but not publish (403, nothing stored)",
    async (role) => {
      const t = await buildTestApp();
      const headers = await t.bearer(role);
      expect((await call(t, "/api/v1/questionnaires", { headers })).status).toBe(200);
      expect((await call(t, "/api/v1/questionnaires/schema.json", { headers })).status).toBe(200);
      const publish = await call(
        t,
        "/api/v1/questionnaires",
        postJson(headers, { template: templateObject() }),
      );
      expect(publish.status).toBe(403);
      const vsaq = await call(
        t,
        "/api/v1/questionnaires/import-vsaq",
        postJson(headers, { questionnaire: "{}" }),
      );
      expect(vsaq.status).toBe(403);
      expect(countRows(t.sqlite, "questionnaire_versions")).toBe(0);
    },
  );

  it("asks for sign-in (401) without a token, and refuses a session write without the CSRF token", async () => {
    const t = await buildTestApp();
    expect((await call(t, "/api/v1/questionnaires")).status).toBe(401);
    const user = await t.addUser("privacy");
    const { cookie, csrf } = await t.signIn(user.email);
    const withoutCsrf = await call(
      t,
      "/api/v1/questionnaires",
      postJson({ cookie }, { template: templateObject() }),
    );
    expect(withoutCsrf.status).toBe(403);
    const withCsrf = await call(
      t,
      "/api/v1/questionnaires",
      postJson({ cookie, "x-csrf-token": csrf }, { template: templateObject() }),
    );
    expect(withCsrf.status).toBe(201);
    expect(withCsrf.body.questionnaire.publishedBy).toBe(user.email);
  });

  it("serves the template format's JSON Schema and documents the routes in /openapi.json", async () => {
    const t = await buildTestApp();
    const schema = await call(t, "/api/v1/questionnaires/schema.json", { headers: await t.bearer("viewer") });
    expect(schema.status).toBe(200);
    expect(schema.body.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.body.title).toBe("VendorVet questionnaire template");
    const doc = questionnaireRoutes().getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
    });
    expect(Object.keys(doc.paths ?? {})).toEqual([
      "/api/v1/questionnaires",
      "/api/v1/questionnaires/schema.json",
      "/api/v1/questionnaires/{key}",
      "/api/v1/questionnaires/import-vsaq",
    ]);
    const body = doc.paths?.["/api/v1/questionnaires"]?.post?.requestBody as { content: Json } | undefined;
    expect(Object.keys(body?.content ?? {})).toEqual(["application/json", "application/yaml", "text/yaml"]);
  });

  it("finds the VSAQ fixtures in CI", () => {
    if (!vsaqFixturesPresent && process.env.CI !== "true") return;
    expect(vsaqFixturesPresent, `missing ${VSAQ_FIXTURES}`).toBe(true);
  });

  it.runIf(vsaqFixturesPresent)(
    "imports VSAQ's webapp questionnaire, keeping its warnings as findings",
    async () => {
      const t = await buildTestApp();
      const privacy = await t.bearer("privacy");
      const text = readVsaqFixture("webapp");
      const res = await call(
        t,
        "/api/v1/questionnaires/import-vsaq",
        postJson(privacy, { questionnaire: text, fileName: "webapp.json" }),
      );
      expect(res.status).toBe(201);
      const { questionnaire, report } = res.body;
      expect(questionnaire).toMatchObject({ version: 1, source: "vsaq", sourceName: "webapp.json" });
      expect(questionnaire.key).toMatch(/^vsaq-/);
      const tipsInSource = text.match(/"warn"\s*:\s*"yes"/g)?.length ?? 0;
      expect(report.warningFindings).toBe(tipsInSource);
      expect(report.conditions).toBeGreaterThan(0);

      const stored = await call(t, `/api/v1/questionnaires/${questionnaire.key}`, { headers: privacy });
      const questions = stored.body.template.sections.flatMap((s: { questions: Json[] }) => s.questions);
      expect(questions.filter((q: Json) => q.type === "notice" && q.finding).length).toBe(tipsInSource);
      expect(questions.filter((q: Json) => q.showIf).length).toBeGreaterThan(0);
      expect(stored.body.questionCount).toBe(questionnaire.questionCount);

      const again = await call(
        t,
        "/api/v1/questionnaires/import-vsaq",
        postJson(privacy, { questionnaire: text }),
      );
      expect(again.status).toBe(200);
      expect(again.body.created).toBe(false);
    },
  );

  it("refuses a VSAQ file that does not parse with 400 and its problems", async () => {
    const t = await buildTestApp();
    const res = await call(
      t,
      "/api/v1/questionnaires/import-vsaq",
      postJson(await t.bearer("privacy"), { questionnaire: '{"questionnaire": [ {"type": "block", ' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.length).toBeGreaterThan(0);
    expect(countRows(t.sqlite, "questionnaire_versions")).toBe(0);
  });
});
