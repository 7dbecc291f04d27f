import { describe, expect, it } from "vitest";
import type { Role } from "../../src/auth/roles.ts";
import { MAX_TEMPLATE_UPLOAD_BYTES } from "../../src/questionnaires/questionnaire-pages.tsx";
import { publishTemplateText } from "../../src/questionnaires/questionnaire-service.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";
import { brokenTemplateYaml, countRows, sampleTemplateYaml } from "./sample-template.ts";
import { readVsaqFixture, VSAQ_FIXTURES, vsaqFixturesPresent } from "./vsaq-fixture-files.ts";

type Session = { cookie: string; csrf: string };

async function signedIn(t: TestApp, role: Role): Promise<Session> {
  return t.signIn((await t.addUser(role)).email);
}

async function get(t: TestApp, s: Session, path: string) {
  const res = await t.app.request(path, { headers: { cookie: s.cookie } });
  return { status: res.status, html: await res.text(), location: res.headers.get("location") };
}

async function upload(
  t: TestApp,
  s: Session,
  path: string,
  files: Record<string, File>,
  fields: Record<string, string> = {},
) {
  const body = new FormData();
  body.set("_csrf", s.csrf);
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  for (const [name, file] of Object.entries(files)) body.set(name, file);
  const res = await t.app.request(path, { method: "POST", headers: { cookie: s.cookie }, body });
  return { status: res.status, html: await res.text(), location: res.headers.get("location") ?? "" };
}

const yamlFile = (text: string, name = "cloud-check.yaml") =>
  new File([text], name, { type: "application/yaml" });

async function publishSample(t: TestApp, title?: string) {
  return publishTemplateText(t.ctx, sampleTemplateYaml(title), "cloud-check.yaml", { source: "upload" });
}

/** Every visible form control in the HTML has a label pointing at its id. */
function unlabelledControls(html: string): string[] {
  const controls = [...html.matchAll(/<(input|select|textarea)\b[^>]*>/g)].map((m) => m[0]);
  return controls
    .filter((tag) => !/type="hidden"/.test(tag))
    .map((tag) => /id="([^"]+)"/.exec(tag)?.[1] ?? tag)
    .filter((id) => !html.includes(`for="${id}"`));
}

describe("the questionnaire pages", () => {
  it("list the questionnaires with their versions and question counts, without upload forms for a viewer", async () => {
    const t = await buildTestApp();
    await publishSample(t);
    await publishSample(t, "Cloud hosting check, revised");
    const page = await get(t, await signedIn(t, "viewer"), "/questionnaires");

    expect(page.status).toBe(200);
    expect(page.html).toContain('<a href="/questionnaires/cloud-check">Cloud hosting check, revised</a>');
    expect(page.html).toContain("v1 (8 questions)");
    expect(page.html).toContain("v2 (8 questions)");
    expect(page.html).toContain('aria-current="page">Questionnaires</a>');
    expect(page.html).not.toContain('action="/questionnaires/upload"');
  });

  it("send someone who is not signed in to the sign-in page", async () => {
    const t = await buildTestApp();
    const res = await t.app.request("/questionnaires/cloud-check/preview");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?next=%2Fquestionnaires%2Fcloud-check%2Fpreview");
  });

  it("let a privacy user upload a YAML template, then show it with a notice; the same file again publishes nothing", async () => {
    const t = await buildTestApp();
    const s = await signedIn(t, "privacy");
    const list = await get(t, s, "/questionnaires");
    expect(list.html).toContain('enctype="multipart/form-data"');
    expect(list.html).toContain(`name="_csrf" value="${s.csrf}"`);
    expect(unlabelledControls(list.html)).toEqual([]);

    const first = await upload(t, s, "/questionnaires/upload", { file: yamlFile(sampleTemplateYaml()) });
    expect(first.status).toBe(303);
    expect(first.location).toBe("/questionnaires/cloud-check?version=1&notice=published");
    const detail = await get(t, s, first.location);
    expect(detail.html).toContain("Published as a new version.");
    expect(detail.html).toContain("uploaded (cloud-check.yaml)");

    const again = await upload(t, s, "/questionnaires/upload", { file: yamlFile(sampleTemplateYaml()) });
    expect(again.location).toBe("/questionnaires/cloud-check?version=1&notice=unchanged");
    expect(countRows(t.sqlite, "questionnaire_versions")).toBe(1);
  });

  it.each([
    ["a template with problems", 400, yamlFile(brokenTemplateYaml()), "(cloud-provider).options[1].score"],
    [
      "a file that is too large",
      413,
      yamlFile("#".repeat(MAX_TEMPLATE_UPLOAD_BYTES + 1)),
      "larger than 2 MB",
    ],
    [
      "a file that is not text",
      400,
      new File([new Uint8Array([0xff, 0xfe, 0x00, 0xd8])], "x.yaml"),
      "not a text file",
    ],
    ["no file at all", 400, new File([], ""), "Choose a template file"],
  ])("show %s again with a %i and what to fix, storing nothing", async (_what, status, file, message) => {
    const t = await buildTestApp();
    const res = await upload(t, await signedIn(t, "admin"), "/questionnaires/upload", { file });
    expect(res.status).toBe(status);
    expect(res.html).toContain('role="alert"');
    expect(res.html).toContain(message);
    expect(countRows(t.sqlite, "questionnaire_versions")).toBe(0);
  });

  it("refuse uploads from a viewer and uploads without the form's CSRF token", async () => {
    const t = await buildTestApp();
    const viewer = await upload(t, await signedIn(t, "viewer"), "/questionnaires/upload", {
      file: yamlFile(sampleTemplateYaml()),
    });
    expect(viewer.status).toBe(403);
    const privacy = await signedIn(t, "privacy");
    const forged = await upload(t, { ...privacy, csrf: "forged" }, "/questionnaires/upload", {
      file: yamlFile(sampleTemplateYaml()),
    });
    expect(forged.status).toBe(403);
    expect(countRows(t.sqlite, "questionnaire_versions")).toBe(0);
  });

  it("show one questionnaire's metadata, sections with question counts, tags and versions", async () => {
    const t = await buildTestApp();
    await publishSample(t);
    await publishSample(t, "Revised");
    const s = await signedIn(t, "viewer");

    const latest = await get(t, s, "/questionnaires/cloud-check");
    expect(latest.html).toContain("<h1>Revised</h1>");
    expect(latest.html).toMatch(/<td>Hosting<\/td><td>2<\/td><td>3<\/td><td>2 questions<\/td>/);
    expect(latest.html).toMatch(
      /<td>Your own data centre<\/td><td>1<\/td><td>1<\/td><td>whole section<\/td>/,
    );
    expect(latest.html).toContain("iso27001:A.5.23 (1)");
    expect(latest.html).toContain("8, of which 1 critical");
    expect(latest.html).toContain('href="/questionnaires/cloud-check/preview?version=2"');

    const first = await get(t, s, "/questionnaires/cloud-check?version=1");
    expect(first.html).toContain("<h1>Cloud hosting check</h1>");
    expect(first.html).toContain('href="/questionnaires/cloud-check?version=1" aria-current="page"');
    expect((await get(t, s, "/questionnaires/cloud-check?version=9")).status).toBe(404);
    expect((await get(t, s, "/questionnaires/nothing-here")).status).toBe(404);
  });

  it("preview a questionnaire as the vendor sees it, with follow-up questions hidden until an answer calls for them", async () => {
    const t = await buildTestApp();
    await publishSample(t);
    const s = await signedIn(t, "viewer");

    const blank = await get(t, s, "/questionnaires/cloud-check/preview");
    expect(blank.status).toBe(200);
    expect(blank.html).toContain("Do you host our data with a public cloud provider?");
    expect(blank.html).not.toContain("Which provider hosts our data?");
    expect(blank.html).not.toContain("Where is your data centre?");
    expect(blank.html).toContain("Showing 5 of 8 questions");

    const cloud = await get(t, s, "/questionnaires/cloud-check/preview?version=1&a%3Auses-cloud=yes");
    expect(cloud.html).toContain("Which provider hosts our data?");
    expect(cloud.html).toContain("In which regions?");
    expect(cloud.html).not.toContain("Where is your data centre?");
    expect(cloud.html).toMatch(
      /<input type="radio" id="q-uses-cloud-0" name="a:uses-cloud" value="yes" checked/,
    );

    const own = await get(t, s, "/questionnaires/cloud-check/preview?a%3Auses-cloud=no");
    expect(own.html).toContain("Where is your data centre?");
    expect(own.html).not.toContain("Which provider hosts our data?");
  });

  it("render every question type as a real, labelled form control", async () => {
    const t = await buildTestApp();
    await publishSample(t);
    const { html } = await get(
      t,
      await signedIn(t, "viewer"),
      "/questionnaires/cloud-check/preview?a%3Auses-cloud=yes",
    );

    expect(html).toMatch(
      /<fieldset id="q-uses-cloud" aria-describedby="q-uses-cloud-help"><legend>Do you host our data with a public cloud provider\?<span class="required"> \(required\)<\/span><\/legend>/,
    );
    expect(html).toContain(
      '<small class="hint" id="q-uses-cloud-help">Answer for the service you provide to us.</small>',
    );
    expect(html).toMatch(/id="q-cloud-provider-2" name="a:cloud-provider" value="na"/);
    expect(html).toContain("Not applicable");
    expect(html).toMatch(/<input type="checkbox" id="q-cloud-regions-0" name="a:cloud-regions" value="eu"/);
    expect(html).toMatch(
      /<input id="q-breach-hours" name="a:breach-hours" aria-describedby="q-breach-hours-unit" type="number" step="any" value="" min="0" max="720"/,
    );
    expect(html).toContain('<small class="hint" id="q-breach-hours-unit">In hours.</small>');
    expect(html).toMatch(/<input id="q-last-test" name="a:last-test" type="date"/);
    expect(html).toMatch(/<textarea id="q-notes" name="a:notes" rows="4">/);
    expect(html).toMatch(/<input type="file" id="q-soc2-file" name="a:soc2:file" required/);
    expect(html).toContain('<select id="q-soc2-kind" name="a:soc2:kind">');
    expect(html).toMatch(/<input type="date" id="q-soc2-expires" name="a:soc2:expires"/);
    expect(html).toContain('role="note"');
    expect(unlabelledControls(html)).toEqual([]);
  });

  it("keep answers in the preview and say which ones could not be read", async () => {
    const t = await buildTestApp();
    await publishSample(t);
    const { html } = await get(
      t,
      await signedIn(t, "viewer"),
      "/questionnaires/cloud-check/preview?a%3Anotes=Hello%20%3Cb%3E&a%3Abreach-hours=soon&a%3Alast-test=2026-02-30",
    );
    expect(html).toContain("Hello &lt;b&gt;</textarea>");
    expect(html).toContain('<small class="field-error" id="q-breach-hours-error">');
    expect(html).toContain("Enter a number");
    expect(html).toContain("Enter a date as YYYY-MM-DD");
  });

  it("finds the VSAQ fixtures in CI", () => {
    if (!vsaqFixturesPresent && process.env.CI !== "true") return;
    expect(vsaqFixturesPresent, `missing ${VSAQ_FIXTURES}`).toBe(true);
  });

  it.runIf(vsaqFixturesPresent)(
    "let a privacy user import a VSAQ file with an extension and read the report",
    async () => {
      const t = await buildTestApp();
      const res = await upload(
        t,
        await signedIn(t, "privacy"),
        "/questionnaires/import-vsaq",
        {
          file: new File([readVsaqFixture("test_template")], "test_template.json"),
          extension: new File([readVsaqFixture("test_template_extension")], "test_template_extension.json"),
        },
        { key: "vsaq-sample", title: "" },
      );
      expect(res.status).toBe(201);
      expect(res.html).toContain("Published as version 1 of vsaq-sample.");
      expect(res.html).toContain("Warnings turned into findings");
      expect(res.html).toContain('href="/questionnaires/vsaq-sample/preview?version=1"');
      expect(countRows(t.sqlite, "questionnaire_versions", "source = 'vsaq'")).toBe(1);
    },
  );

  it("show a VSAQ file that does not parse again with its problem", async () => {
    const t = await buildTestApp();
    const res = await upload(t, await signedIn(t, "privacy"), "/questionnaires/import-vsaq", {
      file: new File(['{"questionnaire": ['], "broken.json"),
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain("The VSAQ file could not be imported");
    expect(res.html).toContain("broken.json");
  });
});
