import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.ts";
import { buildTemplateJsonSchema } from "../../src/questionnaires/template-json-schema.ts";
import { brokenTemplateYaml, countRows, sampleTemplateYaml } from "./sample-template.ts";
import { VSAQ_FIXTURES, vsaqFixturesPresent } from "./vsaq-fixture-files.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A CLI bound to a fresh database file in a temp folder, capturing what it prints. */
function cliInTempDir() {
  const dir = mkdtempSync(join(tmpdir(), "vendorvet-questionnaire-cli-"));
  dirs.push(dir);
  const databasePath = join(dir, "vendorvet.db");
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { DATABASE_PATH: databasePath },
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const query = <T>(fn: (db: SQLite.Database) => T): T => {
    const db = new SQLite(databasePath, { readonly: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  return { dir, run, file, query };
}

describe("vendorvet questionnaire", () => {
  it("validate says ok with the question count and exits 0 for a good file", async () => {
    const cli = cliInTempDir();
    const res = await cli.run(
      "questionnaire",
      "validate",
      cli.file("cloud-check.yaml", sampleTemplateYaml()),
    );
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/^ok: 8 questions \(/);
  });

  it("validate prints every problem with file, line and path, and exits 1", async () => {
    const cli = cliInTempDir();
    const path = cli.file("broken.yaml", brokenTemplateYaml());
    const res = await cli.run("questionnaire", "validate", path);
    expect(res.code).toBe(1);
    expect(res.err.split("\n")).toEqual([
      `${path}:32: sections[0].questions[1] (cloud-provider).options[1].score: every option needs a score between 0 and 1`,
      `${path}:58: sections[2].questions[2] (notes).id: id "notes" is already used by a question (ids are unique across sections and questions)`,
      "2 problems found.",
    ]);
  });

  it.each([
    ["a file that does not exist", ["validate", "/nowhere/at/all.yaml"], 1, "no such file"],
    ["no file", ["validate"], 2, "Give the template file(s) to check"],
    ["an unknown subcommand", ["frobnicate"], 2, "Unknown questionnaire command: frobnicate"],
  ])("validate with %s exits %i", async (_what, args, code, message) => {
    const res = await cliInTempDir().run("questionnaire", ...args);
    expect(res.code).toBe(code);
    expect(res.err).toContain(message);
  });

  it("publish stores a version audited as the command line, and publishing it again changes nothing", async () => {
    const cli = cliInTempDir();
    const path = cli.file("cloud-check.yaml", sampleTemplateYaml());
    const first = await cli.run("questionnaire", "publish", path);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /^Published cloud-check version 1: Cloud hosting check \(8 questions, sha256 [0-9a-f]{64}\)\.$/,
    );
    const again = await cli.run("questionnaire", "publish", path);
    expect(again.out).toBe("Unchanged: cloud-check version 1 already holds this content.");
    cli.file("cloud-check.yaml", sampleTemplateYaml("Second edition"));
    expect((await cli.run("questionnaire", "publish", path)).out).toContain("version 2");

    const list = await cli.run("questionnaire", "list");
    expect(list.out).toBe("cloud-check\tv2\t8 questions\t2 versions\tSecond edition");
    cli.query((db) => {
      expect(
        countRows(db, "questionnaire_versions", "source = 'upload' and source_name = 'cloud-check.yaml'"),
      ).toBe(2);
      expect(countRows(db, "audit_events", "action = 'questionnaire.publish' and actor_type = 'cli'")).toBe(
        2,
      );
    });
  });

  it("publish refuses a broken file with its problems and exit 1, storing nothing", async () => {
    const cli = cliInTempDir();
    const res = await cli.run("questionnaire", "publish", cli.file("broken.yaml", brokenTemplateYaml()));
    expect(res.code).toBe(1);
    expect(res.err).toContain("2 problems found.");
    expect((await cli.run("questionnaire", "list")).out).toBe("No questionnaire is published yet.");
  });

  it("schema prints the template format's JSON Schema", async () => {
    const res = await cliInTempDir().run("questionnaire", "schema");
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out)).toEqual(buildTemplateJsonSchema());
  });

  it("is listed in vendorvet --help", async () => {
    const res = await cliInTempDir().run("--help");
    for (const command of [
      "questionnaire validate",
      "questionnaire publish",
      "questionnaire import-vsaq",
      "questionnaire schema",
    ])
      expect(res.out).toContain(command);
  });

  it("finds the VSAQ fixtures in CI", () => {
    if (!vsaqFixturesPresent && process.env.CI !== "true") return;
    expect(vsaqFixturesPresent, `missing ${VSAQ_FIXTURES}`).toBe(true);
  });

  it.runIf(vsaqFixturesPresent)("import-vsaq converts, publishes and prints the report", async () => {
    const cli = cliInTempDir();
    const res = await cli.run(
      "questionnaire",
      "import-vsaq",
      join(VSAQ_FIXTURES, "webapp.json"),
      "--key",
      "vsaq-webapp",
      "--title",
      "Web application (VSAQ)",
    );
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/^VSAQ items kept: .*block \d+/m);
    expect(res.out).toMatch(/^Warnings kept as findings: [1-9]\d*/m);
    expect(res.out).toMatch(/^Published vsaq-webapp version 1: Web application \(VSAQ\)/m);
    cli.query((db) => expect(countRows(db, "questionnaire_versions", "source = 'vsaq'")).toBe(1));
  });

  it.runIf(vsaqFixturesPresent)("import-vsaq applies an extension given with --extension", async () => {
    const cli = cliInTempDir();
    const res = await cli.run(
      "questionnaire",
      "import-vsaq",
      join(VSAQ_FIXTURES, "test_template.json"),
      "--extension",
      join(VSAQ_FIXTURES, "test_template_extension.json"),
    );
    expect(res.code).toBe(0);
    cli.query((db) =>
      expect(
        countRows(
          db,
          "questionnaire_versions",
          "source_name = 'test_template.json + test_template_extension.json'",
        ),
      ).toBe(1),
    );
  });

  it("import-vsaq reports a file that is not VSAQ and exits 1", async () => {
    const cli = cliInTempDir();
    const res = await cli.run("questionnaire", "import-vsaq", cli.file("nope.json", "{ not vsaq"));
    expect(res.code).toBe(1);
    expect(res.err).toContain("nope.json");
  });
});
