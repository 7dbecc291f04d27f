import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { cliActor } from "../auth/roles.ts";
import type { CliIo } from "../cli.ts";
import type { Config } from "../config.ts";
import { createDb, type Db, openSqlite } from "../db/connection.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { AppError } from "../shared/errors.ts";
import { systemClock, ulidGenerator } from "../shared/runtime.ts";
import type { ServiceContext } from "../shared/service-context.ts";
import { listQuestionnaireVersionMeta } from "./questionnaire-queries.ts";
import { type PublishResult, toQuestionnaireSummaries } from "./questionnaire-schemas.ts";
import { publishTemplate, publishVsaqImport, type TemplateIssue } from "./questionnaire-service.ts";
import { renderTemplateJsonSchema } from "./template-json-schema.ts";
import { countQuestions, formatProblems, loadTemplateFile } from "./template-loader.ts";
import type { Problem } from "./template-problems.ts";
import type { VsaqImportReport } from "./vsaq/vsaq-convert.ts";

export const QUESTIONNAIRE_HELP = `  questionnaire validate <file>...        check template files; prints every problem (exit 1 if any)
  questionnaire publish <file>            publish a template as a new version (unchanged content publishes nothing)
  questionnaire list                      published questionnaires with their versions
  questionnaire import-vsaq <file.json> [--extension <ext.json>] [--key <key>] [--title <title>]
                                          convert a VSAQ questionnaire, publish it and print the report
  questionnaire schema                    print the template format's JSON Schema`;

/** Exit codes: 0 done, 1 the file has problems (or the content conflicts), 2 the command was used wrongly. */
class UsageError extends Error {}

async function withDb<T>(config: Config, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const db: Db = createDb(openSqlite(config.databasePath));
  try {
    await migrateToLatest(db);
    return await fn({ db, config, clock: systemClock, newId: ulidGenerator, actor: cliActor });
  } finally {
    await db.destroy();
  }
}

function printProblems(io: CliIo, problems: readonly (Problem | TemplateIssue)[]): void {
  io.err(formatProblems(problems.map((p) => ({ ...p, file: p.file ?? "(input)" }))));
  io.err(`${problems.length} problem${problems.length === 1 ? "" : "s"} found.`);
}

function printPublished(io: CliIo, result: PublishResult): void {
  const q = result.questionnaire;
  io.out(
    result.created
      ? `Published ${q.key} version ${q.version}: ${q.title} (${q.questionCount} questions, sha256 ${q.contentHash}).`
      : `Unchanged: ${q.key} version ${q.version} already holds this content.`,
  );
}

function printReport(io: CliIo, report: VsaqImportReport): void {
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([name, n]) => `${name} ${n}`)
      .join(", ") || "none";
  io.out(`VSAQ items kept: ${counts(report.items)}; choices ${report.choices}`);
  io.out(`Questions made: ${counts(report.questions)}`);
  io.out(`Sections: ${report.sections} (${report.continuedSections} continued after a nested block)`);
  io.out(`Conditions kept: ${report.conditions}; conditional options: ${report.conditionalOptions}`);
  io.out(`Warnings kept as findings: ${report.warningFindings}; spacers dropped: ${report.droppedSpacers}`);
  const ignored = Object.keys(report.ignoredProperties);
  if (ignored.length > 0)
    io.out(`VSAQ properties without a counterpart: ${counts(report.ignoredProperties)}`);
  for (const warning of report.warnings) io.out(`note: ${warning}`);
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `Cannot read ${path}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
}

async function validate(files: string[], io: CliIo): Promise<number> {
  if (files.length === 0) throw new UsageError("Give the template file(s) to check");
  let failed = false;
  for (const file of files) {
    const loaded = await loadTemplateFile(file);
    if (loaded.template) io.out(`ok: ${countQuestions(loaded.template)} questions (${file})`);
    else {
      printProblems(io, loaded.problems);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

/** Runs `vendorvet questionnaire <sub> ...` and returns the exit code; `args` starts after "questionnaire". */
export async function runQuestionnaireCommand(args: string[], io: CliIo, config: Config): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { extension: { type: "string" }, key: { type: "string" }, title: { type: "string" } },
    });
    const [sub, ...rest] = positionals;
    switch (sub) {
      case "validate":
        return await validate(rest, io);
      case "schema":
        io.out(renderTemplateJsonSchema().trimEnd());
        return 0;
      case "list":
        return await withDb(config, async (ctx) => {
          const summaries = toQuestionnaireSummaries(await listQuestionnaireVersionMeta(ctx.db));
          if (summaries.length === 0) io.out("No questionnaire is published yet.");
          for (const q of summaries)
            io.out(
              `${q.key}\tv${q.latestVersion}\t${q.questionCount} questions\t${q.versions.length} version${q.versions.length === 1 ? "" : "s"}\t${q.title}`,
            );
          return 0;
        });
      case "publish": {
        const [file] = rest;
        if (!file) throw new UsageError("Give the template file to publish");
        const loaded = await loadTemplateFile(file);
        if (!loaded.template) {
          printProblems(io, loaded.problems);
          return 1;
        }
        const template = loaded.template;
        const result = await withDb(config, (ctx) =>
          publishTemplate(ctx, template, { source: "upload", sourceName: basename(file) }),
        );
        printPublished(io, result);
        return 0;
      }
      case "import-vsaq": {
        const [file] = rest;
        if (!file) throw new UsageError("Give the VSAQ questionnaire file to import");
        const text = await readText(file);
        const extensionText = values.extension === undefined ? undefined : await readText(values.extension);
        const result = await withDb(config, (ctx) =>
          publishVsaqImport(ctx, {
            text,
            file: basename(file),
            extensionText,
            extensionFile: values.extension === undefined ? undefined : basename(values.extension),
            key: values.key,
            title: values.title,
          }),
        );
        printReport(io, result.report);
        printPublished(io, result);
        return 0;
      }
      default:
        throw new UsageError(`Unknown questionnaire command: ${sub ?? "(none)"}`);
    }
  } catch (err) {
    if (err instanceof AppError && err.code === "validation_failed" && Array.isArray(err.details)) {
      io.err(`${err.message}:`);
      printProblems(io, err.details as TemplateIssue[]);
      return 1;
    }
    if (err instanceof AppError && err.code === "conflict") {
      io.err(err.message);
      return 1;
    }
    if (
      err instanceof UsageError ||
      (err instanceof TypeError && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      io.err(err.message);
      io.err(`Usage:\n${QUESTIONNAIRE_HELP}`);
      return 2;
    }
    throw err;
  }
}
