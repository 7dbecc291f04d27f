import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { recordAudit } from "../audit/audit-write.ts";
import { ConflictError, type FieldIssue, ValidationError } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { findLatestVersion, findVersionByHash, insertQuestionnaireVersion } from "./questionnaire-queries.ts";
import { type PublishResult, type QuestionnaireSource, toVersionMeta } from "./questionnaire-schemas.ts";
import {
  countQuestions,
  loadTemplateFile,
  parseTemplate,
  templateContentHash,
  validateTemplateData,
} from "./template-loader.ts";
import type { Problem } from "./template-problems.ts";
import type { Template, Tier } from "./template-schema.ts";
import type { VsaqImportReport } from "./vsaq/vsaq-convert.ts";
import { importVsaq } from "./vsaq/vsaq-import.ts";

export interface PublishOptions {
  source: QuestionnaireSource;
  /** The file the template came from, kept with the version. */
  sourceName?: string | null | undefined;
}

/** A template problem as the API reports it: the path inside the file, plus the file and line when known. */
export type TemplateIssue = FieldIssue & { file?: string; line?: number };

function toIssues(problems: readonly Problem[]): TemplateIssue[] {
  return problems.map((p) => ({
    path: p.path,
    message: p.message,
    ...(p.file ? { file: p.file } : {}),
    ...(p.line === undefined ? {} : { line: p.line }),
  }));
}

/** The error for a template that does not load: every problem with its path, nothing stored. */
export function templateProblemsError(message: string, problems: readonly Problem[]): ValidationError {
  return new ValidationError(message, toIssues(problems));
}

/**
 * Publishes a validated template as an immutable version. The same content as the latest version of its key
 * publishes nothing and returns that version; changed content becomes version N+1. Content equal to an older
 * version is refused: the (key, content hash) pair is unique, and silently reviving an old version would hide
 * that the latest one is being replaced.
 */
export async function publishTemplate(
  ctx: ServiceContext,
  template: Template,
  options: PublishOptions,
): Promise<PublishResult> {
  const contentHash = templateContentHash(template);
  return inTransaction(ctx.db, async (trx) => {
    const latest = await findLatestVersion(trx, template.key);
    if (latest?.content_hash === contentHash) return { created: false, questionnaire: toVersionMeta(latest) };
    const earlier = latest ? await findVersionByHash(trx, template.key, contentHash) : undefined;
    if (latest && earlier) {
      throw new ConflictError(
        `This content is already published as version ${earlier.version} of ${template.key}, and the latest is version ${latest.version}. Raise the template's "version" field to publish it again as a new version.`,
        { key: template.key, version: earlier.version, latestVersion: latest.version },
      );
    }
    const now = ctx.clock.now();
    const row = {
      id: ctx.newId(),
      key: template.key,
      version: (latest?.version ?? 0) + 1,
      title: template.title,
      description: template.description ?? "",
      tiers: JSON.stringify(template.tiers),
      question_count: countQuestions(template),
      content: JSON.stringify(template),
      content_hash: contentHash,
      source: options.source,
      source_name: options.sourceName ?? null,
      published_at: now.toISOString(),
      published_by: ctx.actor.label,
    };
    await insertQuestionnaireVersion(trx, row);
    await recordAudit(trx, auditContext(ctx, now), {
      action: "questionnaire.publish",
      entityType: "questionnaire_version",
      entityId: row.id,
      after: {
        key: row.key,
        version: row.version,
        title: row.title,
        question_count: row.question_count,
        content_hash: row.content_hash,
        source: row.source,
        source_name: row.source_name,
      },
    });
    return { created: true, questionnaire: toVersionMeta(row) };
  });
}

/** Validates raw template data (a parsed JSON body) and publishes it; a ValidationError lists every problem. */
export async function publishTemplateData(
  ctx: ServiceContext,
  data: unknown,
  options: PublishOptions & { file?: string },
): Promise<PublishResult> {
  const loaded = validateTemplateData(data, options.file ?? "template");
  if (!loaded.template) throw templateProblemsError("The template is not valid", loaded.problems);
  return publishTemplate(ctx, loaded.template, options);
}

/** Parses template text (JSON when `file` ends in .json, YAML otherwise) and publishes it. */
export async function publishTemplateText(
  ctx: ServiceContext,
  text: string,
  file: string,
  options: PublishOptions,
): Promise<PublishResult> {
  const loaded = parseTemplate(text, file);
  if (!loaded.template) throw templateProblemsError("The template is not valid", loaded.problems);
  return publishTemplate(ctx, loaded.template, options);
}

export interface VsaqPublishInput {
  /** The VSAQ questionnaire file's text. */
  text: string;
  file?: string | undefined;
  extensionText?: string | undefined;
  extensionFile?: string | undefined;
  key?: string | undefined;
  title?: string | undefined;
  tiers?: Tier[] | undefined;
}

/** Converts a VSAQ questionnaire (with an optional extension) and publishes it with source "vsaq". */
export async function publishVsaqImport(
  ctx: ServiceContext,
  input: VsaqPublishInput,
): Promise<PublishResult & { report: VsaqImportReport }> {
  const file = input.file ?? "vsaq.json";
  const result = importVsaq(input.text, {
    file,
    ...(input.extensionText === undefined
      ? {}
      : { extensionText: input.extensionText, extensionFile: input.extensionFile ?? "extension.json" }),
    ...(input.key === undefined ? {} : { key: input.key }),
    ...(input.title === undefined ? {} : { title: input.title }),
    ...(input.tiers === undefined ? {} : { tiers: input.tiers }),
  });
  if (!result.template) throw templateProblemsError("The VSAQ file could not be imported", result.problems);
  const published = await publishTemplate(ctx, result.template, {
    source: "vsaq",
    sourceName: input.extensionFile ? `${file} + ${input.extensionFile}` : file,
  });
  return { ...published, report: result.report };
}

export interface SyncedTemplate extends PublishResult {
  file: string;
}

/**
 * Publishes every questionnaires/*.yaml whose content is new, in one transaction; called at server start.
 * Any problem in any file (or two files sharing a key) stops everything with a ValidationError naming each one.
 */
export async function syncShippedTemplates(ctx: ServiceContext, dir: string): Promise<SyncedTemplate[]> {
  const files = (await readdir(dir)).filter((name) => /\.ya?ml$/i.test(name)).sort();
  const loaded = await Promise.all(
    files.map(async (name) => ({ name, result: await loadTemplateFile(join(dir, name)) })),
  );
  const problems = loaded.flatMap(({ result }) => result.problems);
  const fileOfKey = new Map<string, string>();
  for (const { name, result } of loaded) {
    const key = result.template?.key;
    if (key === undefined) continue;
    const other = fileOfKey.get(key);
    if (other)
      problems.push({
        file: join(dir, name),
        path: "key",
        message: `the key "${key}" is also used by ${other}`,
      });
    fileOfKey.set(key, name);
  }
  if (problems.length > 0)
    throw templateProblemsError(`The questionnaires in ${dir} have problems`, problems);
  return inTransaction(ctx.db, async (trx) => {
    const synced: SyncedTemplate[] = [];
    for (const { name, result } of loaded) {
      if (!result.template) continue;
      const published = await publishTemplate({ ...ctx, db: trx }, result.template, {
        source: "shipped",
        sourceName: basename(name),
      });
      synced.push({ file: name, ...published });
    }
    return synced;
  });
}
