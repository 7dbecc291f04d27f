import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { findVersion } from "../../src/questionnaires/questionnaire-queries.ts";
import { storedTemplate } from "../../src/questionnaires/questionnaire-schemas.ts";
import {
  publishTemplate,
  publishTemplateText,
  publishVsaqImport,
  syncShippedTemplates,
} from "../../src/questionnaires/questionnaire-service.ts";
import { parseTemplate, templateContentHash } from "../../src/questionnaires/template-loader.ts";
import type { Template } from "../../src/questionnaires/template-schema.ts";
import { AppError } from "../../src/shared/errors.ts";
import { buildTestApp } from "../support/test-app.ts";
import { brokenTemplateYaml, countRows, sampleTemplateYaml } from "./sample-template.ts";
import { readVsaqFixture, VSAQ_FIXTURES, vsaqFixturesPresent } from "./vsaq-fixture-files.ts";

const SHIPPED_DIR = fileURLToPath(new URL("../../questionnaires/", import.meta.url));

function sample(title?: string): Template {
  const loaded = parseTemplate(sampleTemplateYaml(title), "cloud-check.yaml");
  if (!loaded.template) throw new Error(JSON.stringify(loaded.problems));
  return loaded.template;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("publishing a questionnaire template", () => {
  it("stores one version when the same content is published twice, and audits only the first", async () => {
    const t = await buildTestApp();
    const first = await publishTemplate(t.ctx, sample(), {
      source: "upload",
      sourceName: "cloud-check.yaml",
    });
    // Comments and layout do not count as content: the same template typed differently is still the same.
    const again = await publishTemplateText(
      t.ctx,
      `# a comment\n${sampleTemplateYaml()}`,
      "other-name.yaml",
      { source: "upload" },
    );

    expect(first.created).toBe(true);
    expect(first.questionnaire).toMatchObject({
      key: "cloud-check",
      version: 1,
      questionCount: 8,
      tiers: ["medium", "low"],
      source: "upload",
      sourceName: "cloud-check.yaml",
      publishedBy: "test setup",
      publishedAt: "2026-03-02T09:00:00.000Z",
      contentHash: templateContentHash(sample()),
    });
    expect(again).toEqual({ created: false, questionnaire: first.questionnaire });
    expect(countRows(t.sqlite, "questionnaire_versions")).toBe(1);
    expect(countRows(t.sqlite, "audit_events", "action = 'questionnaire.publish'")).toBe(1);
  });

  it("publishes changed content as version 2 and leaves version 1 exactly as it was", async () => {
    const t = await buildTestApp();
    await publishTemplate(t.ctx, sample(), { source: "upload" });
    t.clock.advance(60_000);
    const second = await publishTemplate(t.ctx, sample("Cloud hosting check, revised"), { source: "upload" });

    expect(second.created).toBe(true);
    expect(second.questionnaire.version).toBe(2);
    const v1 = await findVersion(t.deps.db, "cloud-check", 1);
    const v2 = await findVersion(t.deps.db, "cloud-check", 2);
    expect(v1 && storedTemplate(v1).title).toBe("Cloud hosting check");
    expect(v1?.published_at).toBe("2026-03-02T09:00:00.000Z");
    expect(v2 && storedTemplate(v2).title).toBe("Cloud hosting check, revised");
    // The stored content is the template itself: hashing it again gives the recorded hash.
    expect(v1 && templateContentHash(storedTemplate(v1))).toBe(v1?.content_hash);
    expect(v1?.content_hash).not.toBe(v2?.content_hash);
  });

  it("refuses content equal to an older version instead of silently reviving it", async () => {
    const t = await buildTestApp();
    await publishTemplate(t.ctx, sample(), { source: "upload" });
    await publishTemplate(t.ctx, sample("Changed"), { source: "upload" });

    const error = await rejection(publishTemplate(t.ctx, sample(), { source: "upload" }));
    expect(error.code).toBe("conflict");
    expect(error.message).toContain("version 1");
    expect(countRows(t.sqlite, "questionnaire_versions")).toBe(2);
  });

  it("can never change or delete a published version, not even with raw SQL", async () => {
    const t = await buildTestApp();
    await publishTemplate(t.ctx, sample(), { source: "upload" });
    const before = await findVersion(t.deps.db, "cloud-check", 1);

    expect(() => t.sqlite.prepare("update questionnaire_versions set title = 'tampered'").run()).toThrow(
      /immutable/,
    );
    expect(() => t.sqlite.prepare("delete from questionnaire_versions").run()).toThrow(/immutable/);
    await expect(
      t.deps.db
        .updateTable("questionnaire_versions")
        .set({ content: "{}" })
        .where("version", "=", 1)
        .execute(),
    ).rejects.toThrow(/immutable/);
    expect(await findVersion(t.deps.db, "cloud-check", 1)).toEqual(before);
  });

  it("refuses a template with problems, naming every problem's path, and stores nothing", async () => {
    const t = await buildTestApp();
    const error = await rejection(
      publishTemplateText(t.ctx, brokenTemplateYaml(), "broken.yaml", { source: "upload" }),
    );

    expect(error.code).toBe("validation_failed");
    expect(error.status).toBe(400);
    const details = error.details as { path: string; message: string; file: string; line?: number }[];
    expect(details.map((d) => d.path)).toEqual([
      "sections[0].questions[1] (cloud-provider).options[1].score",
      "sections[2].questions[2] (notes).id",
    ]);
    expect(details.every((d) => d.file === "broken.yaml" && typeof d.line === "number")).toBe(true);
    expect(countRows(t.sqlite, "questionnaire_versions")).toBe(0);
    expect(countRows(t.sqlite, "audit_events", "action like 'questionnaire.%'")).toBe(0);
  });
});

describe("publishing the shipped questionnaires at start", () => {
  it("publishes each file in questionnaires/ once, then nothing while the files are unchanged", async () => {
    const t = await buildTestApp();
    const first = await syncShippedTemplates(t.ctx, SHIPPED_DIR);
    const second = await syncShippedTemplates(t.ctx, SHIPPED_DIR);

    expect(first.map((s) => [s.file, s.created, s.questionnaire.source, s.questionnaire.version])).toEqual([
      ["gdpr-processor-due-diligence.yaml", true, "shipped", 1],
      ["vendor-security-baseline.yaml", true, "shipped", 1],
      ["vendor-security-essentials.yaml", true, "shipped", 1],
    ]);
    expect(second.every((s) => !s.created)).toBe(true);
    expect(countRows(t.sqlite, "questionnaire_versions")).toBe(3);
  });

  it("publishes a changed shipped file as a new version", async () => {
    const t = await buildTestApp();
    const dir = mkdtempSync(join(tmpdir(), "vendorvet-shipped-"));
    dirs.push(dir);
    writeFileSync(join(dir, "cloud-check.yaml"), sampleTemplateYaml());
    await syncShippedTemplates(t.ctx, dir);
    writeFileSync(join(dir, "cloud-check.yaml"), sampleTemplateYaml("Cloud hosting check, second edition"));

    const [synced] = await syncShippedTemplates(t.ctx, dir);
    expect(synced?.created).toBe(true);
    expect(synced?.questionnaire.version).toBe(2);
  });

  it("publishes none of the files when one of them has problems (or two share a key)", async () => {
    const t = await buildTestApp();
    const dir = mkdtempSync(join(tmpdir(), "vendorvet-shipped-"));
    dirs.push(dir);
    writeFileSync(
      join(dir, "a-good.yaml"),
      readFileSync(join(SHIPPED_DIR, "vendor-security-essentials.yaml")),
    );
    writeFileSync(join(dir, "b-broken.yaml"), brokenTemplateYaml());
    writeFileSync(join(dir, "c-same-key.yaml"), sampleTemplateYaml("Another title"));

    const error = await rejection(syncShippedTemplates(t.ctx, dir));
    expect(error.code).toBe("validation_failed");
    const details = error.details as { file: string; path: string; message: string }[];
    expect(details.map((d) => [d.file.slice(dir.length + 1), d.path])).toEqual([
      ["b-broken.yaml", "sections[0].questions[1] (cloud-provider).options[1].score"],
      ["b-broken.yaml", "sections[2].questions[2] (notes).id"],
    ]);
    rmSync(join(dir, "b-broken.yaml"));
    writeFileSync(join(dir, "b-first.yaml"), sampleTemplateYaml());
    const clash = await rejection(syncShippedTemplates(t.ctx, dir));
    expect(clash.details).toEqual([
      expect.objectContaining({ path: "key", message: 'the key "cloud-check" is also used by b-first.yaml' }),
    ]);
    expect(countRows(t.sqlite, "questionnaire_versions")).toBe(0);
  });
});

describe("publishing a VSAQ import", () => {
  it.runIf(vsaqFixturesPresent)(
    "converts VSAQ's test template with its extension and publishes it as source vsaq",
    async () => {
      const t = await buildTestApp();
      const result = await publishVsaqImport(t.ctx, {
        text: readVsaqFixture("test_template"),
        file: "test_template.json",
        extensionText: readVsaqFixture("test_template_extension"),
        extensionFile: "test_template_extension.json",
        key: "vsaq-test",
      });

      expect(result.created).toBe(true);
      expect(result.questionnaire).toMatchObject({
        key: "vsaq-test",
        version: 1,
        source: "vsaq",
        sourceName: "test_template.json + test_template_extension.json",
      });
      expect(Object.values(result.report.items).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    },
  );

  it("reports a file that is not VSAQ at all as a validation problem, storing nothing", async () => {
    const t = await buildTestApp();
    const error = await rejection(publishVsaqImport(t.ctx, { text: "{ this is not VSAQ", file: "x.json" }));
    expect(error.code).toBe("validation_failed");
    expect((error.details as { file: string }[])[0]?.file).toBe("x.json");
    expect(countRows(t.sqlite, "questionnaire_versions")).toBe(0);
  });

  it("finds the VSAQ fixtures in CI", () => {
    if (!vsaqFixturesPresent && process.env.CI !== "true") return;
    expect(vsaqFixturesPresent, `missing ${VSAQ_FIXTURES}`).toBe(true);
  });
});
