import { z } from "@hono/zod-openapi";
import type { QuestionnaireVersionRow } from "../db/schema.ts";
import type { QuestionnaireVersionMetaRow } from "./questionnaire-queries.ts";
import { type Template, TIERS, type Tier } from "./template-schema.ts";

/** Where a published version came from: a file shipped in questionnaires/, an upload (API, page, CLI), or a VSAQ import. */
export const QuestionnaireSource = z.enum(["shipped", "upload", "vsaq"]).openapi("QuestionnaireSource");
export type QuestionnaireSource = z.infer<typeof QuestionnaireSource>;

const TierList = z.array(z.enum(TIERS));

export const QuestionnaireVersionEntry = z
  .object({
    version: z.number().int().openapi({ description: "1, 2, 3... per key, in publishing order" }),
    title: z.string(),
    publishedAt: z.string().openapi({ example: "2026-03-02T09:00:00.000Z" }),
    publishedBy: z.string(),
    questionCount: z
      .number()
      .int()
      .openapi({ description: "Questions a vendor can answer (notices excluded)" }),
    contentHash: z.string().openapi({ description: "SHA-256 (hex) of the template as canonical JSON" }),
    source: QuestionnaireSource,
    sourceName: z.string().nullable().openapi({ description: "The file the version was published from" }),
  })
  .openapi("QuestionnaireVersionEntry");
export type QuestionnaireVersionEntry = z.infer<typeof QuestionnaireVersionEntry>;

export const QuestionnaireSummary = z
  .object({
    key: z.string().openapi({ example: "vendor-security-essentials" }),
    title: z.string(),
    description: z.string(),
    tiers: TierList,
    latestVersion: z.number().int(),
    questionCount: z.number().int().openapi({ description: "Of the latest version" }),
    versions: z.array(QuestionnaireVersionEntry).openapi({ description: "Oldest first" }),
  })
  .openapi("QuestionnaireSummary");
export type QuestionnaireSummary = z.infer<typeof QuestionnaireSummary>;

export const QuestionnaireList = z
  .object({ data: z.array(QuestionnaireSummary) })
  .openapi("QuestionnaireList");

export const QuestionnaireVersionMeta = QuestionnaireVersionEntry.extend({
  id: z.string(),
  key: z.string(),
  description: z.string(),
  tiers: TierList,
}).openapi("QuestionnaireVersionMeta");
export type QuestionnaireVersionMeta = z.infer<typeof QuestionnaireVersionMeta>;

export const QuestionnaireVersionDetail = QuestionnaireVersionMeta.extend({
  latestVersion: z.number().int(),
  versions: z.array(z.number().int()).openapi({ description: "Every published version number of this key" }),
  template: z.record(z.string(), z.unknown()).openapi({
    description:
      "The template exactly as published; its format is served at /api/v1/questionnaires/schema.json",
  }),
}).openapi("QuestionnaireVersionDetail");
export type QuestionnaireVersionDetail = z.infer<typeof QuestionnaireVersionDetail>;

export const KeyParam = z.object({
  key: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "key", in: "path" }, example: "vendor-security-essentials" }),
});

export const VersionQuery = z.object({
  version: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "versions start at 1")
    .optional()
    .openapi({
      param: { name: "version", in: "query" },
      description: "A published version; the latest when left out",
    }),
});

export const PublishTemplateRequest = z
  .object({
    template: z.record(z.string(), z.unknown()).openapi({ description: "The template as a JSON object" }),
    fileName: z.string().trim().min(1).max(200).optional().openapi({
      description: "Recorded as the version's source name",
    }),
  })
  .strict()
  .openapi("PublishTemplateRequest");
export type PublishTemplateRequest = z.infer<typeof PublishTemplateRequest>;

export const TemplateProblem = z
  .object({
    path: z.string().openapi({ example: "sections[2].questions[4] (ac-mfa).options[1].score" }),
    message: z.string(),
    file: z.string().optional(),
    line: z.number().int().optional(),
  })
  .openapi("TemplateProblem");

export const PublishResult = z
  .object({
    created: z.boolean().openapi({ description: "false when the latest version already holds this content" }),
    questionnaire: QuestionnaireVersionMeta,
  })
  .openapi("PublishResult");
export type PublishResult = z.infer<typeof PublishResult>;

const MAX_VSAQ_TEXT = 900_000;

export const ImportVsaqRequest = z
  .object({
    questionnaire: z.string().min(1, "give the VSAQ file's text").max(MAX_VSAQ_TEXT).openapi({
      description: 'The text of a VSAQ questionnaire file (VSAQON: comments and `" +` continuations allowed)',
    }),
    extension: z.string().min(1).max(MAX_VSAQ_TEXT).optional().openapi({
      description: "The text of a VSAQ template extension file, applied first",
    }),
    key: z.string().max(100).optional().openapi({ description: "Defaults to vsaq-<title>" }),
    title: z.string().trim().min(1).max(200).optional(),
    tiers: TierList.min(1).optional().openapi({ description: "Defaults to every tier" }),
    fileName: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .openapi("ImportVsaqRequest");
export type ImportVsaqRequest = z.infer<typeof ImportVsaqRequest>;

const Counts = z.record(z.string(), z.number().int());

export const VsaqImportReport = z
  .object({
    items: Counts.openapi({ description: "Items found in the VSAQ file by VSAQ type" }),
    choices: z.number().int(),
    sections: z.number().int(),
    continuedSections: z.number().int(),
    questions: Counts.openapi({ description: "Questions made, by VendorVet question type" }),
    defaultChoices: z.number().int(),
    conditionalOptions: z.number().int(),
    conditions: z.number().int(),
    warningFindings: z.number().int(),
    clarifications: z.number().int(),
    droppedSpacers: z.number().int(),
    renamedIds: z.record(z.string(), z.string()),
    generatedIds: z.number().int(),
    ignoredProperties: Counts,
    warnings: z.array(z.string()),
  })
  .openapi("VsaqImportReport");

export const ImportVsaqResult = PublishResult.extend({ report: VsaqImportReport }).openapi(
  "ImportVsaqResult",
);

function parseTiers(text: string): Tier[] {
  return JSON.parse(text) as Tier[];
}

export function toVersionEntry(row: QuestionnaireVersionMetaRow): QuestionnaireVersionEntry {
  return {
    version: row.version,
    title: row.title,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    questionCount: row.question_count,
    contentHash: row.content_hash,
    source: row.source,
    sourceName: row.source_name,
  };
}

export function toVersionMeta(row: QuestionnaireVersionMetaRow): QuestionnaireVersionMeta {
  return {
    id: row.id,
    key: row.key,
    description: row.description,
    tiers: parseTiers(row.tiers),
    ...toVersionEntry(row),
  };
}

/** One summary per key from rows ordered by key then version; title and tiers come from the latest version. */
export function toQuestionnaireSummaries(
  rows: readonly QuestionnaireVersionMetaRow[],
): QuestionnaireSummary[] {
  const byKey = new Map<string, QuestionnaireVersionMetaRow[]>();
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  return [...byKey.values()].flatMap((versions) => {
    const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));
    return [
      {
        key: latest.key,
        title: latest.title,
        description: latest.description,
        tiers: parseTiers(latest.tiers),
        latestVersion: latest.version,
        questionCount: latest.question_count,
        versions: [...versions].sort((a, b) => a.version - b.version).map(toVersionEntry),
      },
    ];
  });
}

/** The template a stored version holds; the content was validated before it was stored. */
export function storedTemplate(row: Pick<QuestionnaireVersionRow, "content">): Template {
  return JSON.parse(row.content) as Template;
}

export function toVersionDetail(
  row: QuestionnaireVersionRow,
  versions: readonly number[],
): QuestionnaireVersionDetail {
  return {
    ...toVersionMeta(row),
    latestVersion: Math.max(row.version, ...versions),
    versions: [...versions],
    template: JSON.parse(row.content) as Record<string, unknown>,
  };
}
