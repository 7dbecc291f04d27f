import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import { sampleTemplateYaml } from "./sample-template.ts";
import { readVsaqFixture, vsaqFixturesPresent } from "./vsaq-fixture-files.ts";

type Json = Record<string, unknown>;

const SHIPPED_DIR = fileURLToPath(new URL("../../questionnaires/", import.meta.url));
const SHIPPED_FILES = readdirSync(SHIPPED_DIR).filter((name) => /\.ya?ml$/.test(name));

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function call(t: TestApp, path: string, init: RequestInit = {}) {
  const res = await t.app.request(path, init);
  const text = await res.text();
  return { status: res.status, body: (text.startsWith("{") ? JSON.parse(text) : { text }) as Json };
}

const postJson = (headers: Record<string, string>, body: unknown): RequestInit => ({
  method: "POST",
  headers: { ...headers, "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** Publishes a YAML file through the API and returns the template the API serves back for it. */
async function publishAndFetch(t: TestApp, headers: Record<string, string>, yaml: string) {
  const published = await call(t, "/api/v1/questionnaires", {
    method: "POST",
    headers: { ...headers, "content-type": "application/yaml" },
    body: yaml,
  });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  const { key } = published.body.questionnaire as { key: string };
  const fetched = await call(t, `/api/v1/questionnaires/${key}`, { headers });
  expect(fetched.status).toBe(200);
  return { key, fetched: fetched.body };
}

/** Posts an exported template back three ways: unchanged, as the next version, and under a new key. */
async function expectRoundTrip(t: TestApp, headers: Record<string, string>, key: string, fetched: Json) {
  const template = fetched.template as Json;
  const unchanged = await call(t, "/api/v1/questionnaires", postJson(headers, { template }));
  expect(unchanged.status, JSON.stringify(unchanged.body)).toBe(200);
  expect(unchanged.body.created).toBe(false);
  expect((unchanged.body.questionnaire as Json).contentHash).toBe(fetched.contentHash);

  const nextVersion = { ...template, version: (template.version as number) + 1 };
  const next = await call(t, "/api/v1/questionnaires", postJson(headers, { template: nextVersion }));
  expect(next.status, JSON.stringify(next.body)).toBe(201);
  expect(next.body.questionnaire).toMatchObject({ key, version: 2 });
  const stored = await call(t, `/api/v1/questionnaires/${key}?version=2`, { headers });
  expect(stored.body.template).toEqual(nextVersion);

  const copy = { ...template, key: `${key}-copy` };
  const copied = await call(t, "/api/v1/questionnaires", postJson(headers, { template: copy }));
  expect(copied.status, JSON.stringify(copied.body)).toBe(201);
  expect(copied.body.questionnaire).toMatchObject({ key: `${key}-copy`, version: 1 });
  expect((await call(t, `/api/v1/questionnaires/${key}-copy`, { headers })).body.template).toEqual(copy);
}

describe("a template exported from the API imports again unchanged", () => {
  it.each(SHIPPED_FILES)("the shipped %s", async (file) => {
    const t = await buildTestApp();
    const privacy = await t.bearer("privacy");
    const { key, fetched } = await publishAndFetch(t, privacy, readFileSync(join(SHIPPED_DIR, file), "utf8"));
    await expectRoundTrip(t, privacy, key, fetched);
  });

  it("the sample template with every question type", async () => {
    const t = await buildTestApp();
    const privacy = await t.bearer("privacy");
    const { key, fetched } = await publishAndFetch(t, privacy, sampleTemplateYaml());
    await expectRoundTrip(t, privacy, key, fetched);
  });

  it.runIf(vsaqFixturesPresent)("VSAQ's webapp questionnaire after the import", async () => {
    const t = await buildTestApp();
    const privacy = await t.bearer("privacy");
    const imported = await call(
      t,
      "/api/v1/questionnaires/import-vsaq",
      postJson(privacy, { questionnaire: readVsaqFixture("webapp"), fileName: "webapp.json" }),
    );
    expect(imported.status).toBe(201);
    const { key } = imported.body.questionnaire as { key: string };
    const fetched = await call(t, `/api/v1/questionnaires/${key}`, { headers: privacy });
    await expectRoundTrip(t, privacy, key, fetched.body);
  });

  it("the exported JSON saved to a file publishes with `vendorvet questionnaire publish`", async () => {
    const t = await buildTestApp();
    const privacy = await t.bearer("privacy");
    const yaml = readFileSync(join(SHIPPED_DIR, "vendor-security-baseline.yaml"), "utf8");
    const { fetched } = await publishAndFetch(t, privacy, yaml);
    const dir = mkdtempSync(join(tmpdir(), "vendorvet-round-trip-"));
    dirs.push(dir);
    const path = join(dir, "exported.json");
    writeFileSync(path, JSON.stringify(fetched.template, null, 2));
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(["questionnaire", "publish", path], {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      env: { DATABASE_PATH: join(dir, "vendorvet.db") },
    });
    expect(err.join("\n")).toBe("");
    expect(code).toBe(0);
    expect(out.join("\n")).toContain(`sha256 ${fetched.contentHash as string}`);
  });
});

/** A one-section template around one question, for the fields that do not belong to its type. */
const withQuestion = (question: Json): Json => ({
  key: "odd-fields",
  version: 1,
  title: "Odd fields",
  tiers: ["low"],
  sections: [{ id: "s", title: "S", questions: [{ id: "q", text: "Q?", ...question }] }],
});

describe("fields at their default value pass on any question type, other values are refused", () => {
  it.each([
    ["a text question", { type: "short_text", allowNotApplicable: false, required: false }],
    ["a number question", { type: "number", allowNotApplicable: false, number: {} }],
    ["a date question", { type: "date", allowNotApplicable: false }],
    [
      "a notice",
      {
        type: "notice",
        required: false,
        weight: 0,
        critical: false,
        passScore: 0.5,
        allowNotApplicable: false,
        tags: [],
      },
    ],
  ])("accepts defaults on %s", async (_what, question) => {
    const t = await buildTestApp();
    const res = await call(
      t,
      "/api/v1/questionnaires",
      postJson(await t.bearer("privacy"), { template: withQuestion(question) }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it.each([
    [
      "allowNotApplicable: true on a text question",
      { type: "long_text", allowNotApplicable: true },
      "allowNotApplicable",
    ],
    [
      "options on a text question",
      { type: "short_text", options: [{ value: "a", label: "A", score: 1 }] },
      "options",
    ],
    ["an empty options list on a text question", { type: "short_text", options: [] }, "options"],
    ["expected: no on a choice question", { type: "single_choice", expected: "no", options: [] }, "expected"],
    ["required: true on a notice", { type: "notice", required: true }, "required"],
    ["a weight on a notice", { type: "notice", weight: 2 }, "weight"],
    ["critical: true on a notice", { type: "notice", critical: true }, "critical"],
    ["passScore 0.8 on a notice", { type: "notice", passScore: 0.8 }, "passScore"],
    [
      "allowNotApplicable: true on a notice",
      { type: "notice", allowNotApplicable: true },
      "allowNotApplicable",
    ],
  ])("refuses %s with the field's path", async (_what, question, field) => {
    const t = await buildTestApp();
    const res = await call(
      t,
      "/api/v1/questionnaires",
      postJson(await t.bearer("privacy"), { template: withQuestion(question) }),
    );
    expect(res.status).toBe(400);
    const details = (res.body.error as { details: { path: string; message: string }[] }).details;
    expect(details).toContainEqual(
      expect.objectContaining({
        path: `sections[0].questions[0] (q).${field}`,
        message: expect.stringMatching(/does not apply to/),
      }),
    );
  });
});
