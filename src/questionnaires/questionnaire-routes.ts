import { z } from "@hono/zod-openapi";
import { apiRoute, jsonBody, jsonContent } from "../http/api-route.ts";
import { createOpenApiApp } from "../http/openapi-app.ts";
import { serviceContext } from "../http/service-context.ts";
import { NotFoundError, ValidationError, zodIssuesToFields } from "../shared/errors.ts";
import {
  findLatestVersion,
  findVersion,
  listQuestionnaireVersionMeta,
  listVersionsOfKey,
} from "./questionnaire-queries.ts";
import {
  ImportVsaqRequest,
  ImportVsaqResult,
  KeyParam,
  PublishResult,
  PublishTemplateRequest,
  QuestionnaireList,
  QuestionnaireVersionDetail,
  toQuestionnaireSummaries,
  toVersionDetail,
  VersionQuery,
} from "./questionnaire-schemas.ts";
import { publishTemplateData, publishTemplateText, publishVsaqImport } from "./questionnaire-service.ts";
import { buildTemplateJsonSchema } from "./template-json-schema.ts";

const YAML_TYPES = ["application/yaml", "text/yaml"] as const;
const notFound = jsonContent(z.object({}), "No such questionnaire or version");
const conflict = jsonContent(
  z.object({}),
  "The content equals an older version of this key; raise the template's version field",
);

function isYaml(contentType: string | undefined): boolean {
  const essence = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return (YAML_TYPES as readonly string[]).includes(essence);
}

/** The questionnaire library API: list, read a version, publish a template, import a VSAQ file, the JSON Schema. */
export function questionnaireRoutes() {
  const app = createOpenApiApp();

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/questionnaires",
      tags: ["Questionnaires"],
      summary: "Questionnaire templates with their published versions",
      access: "read",
      responses: { 200: jsonContent(QuestionnaireList, "Every questionnaire key, by key") },
    }),
    async (c) =>
      c.json({ data: toQuestionnaireSummaries(await listQuestionnaireVersionMeta(c.var.deps.db)) }, 200),
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/questionnaires/schema.json",
      tags: ["Questionnaires"],
      summary: "The JSON Schema of the template format, for editors",
      description:
        "Draft 2020-12. It checks the shape of a template; cross-field rules (unique ids, conditions that look backwards) are checked when publishing.",
      access: "read",
      responses: { 200: jsonContent(z.record(z.string(), z.unknown()), "The JSON Schema") },
    }),
    (c) => c.json(buildTemplateJsonSchema(), 200),
  );

  app.openapi(
    apiRoute({
      method: "get",
      path: "/api/v1/questionnaires/{key}",
      tags: ["Questionnaires"],
      summary: "One published version of a questionnaire with its full template",
      access: "read",
      request: { params: KeyParam, query: VersionQuery },
      responses: {
        200: jsonContent(QuestionnaireVersionDetail, "The latest version, or ?version=N"),
        404: notFound,
      },
    }),
    async (c) => {
      const { key } = c.req.valid("param");
      const { version } = c.req.valid("query");
      const db = c.var.deps.db;
      const row =
        version === undefined ? await findLatestVersion(db, key) : await findVersion(db, key, version);
      if (!row) throw new NotFoundError(version === undefined ? "Questionnaire" : "Questionnaire version");
      const versions = (await listVersionsOfKey(db, key)).map((v) => v.version);
      return c.json(toVersionDetail(row, versions), 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/questionnaires",
      tags: ["Questionnaires"],
      summary: "Publish a questionnaire template",
      description:
        'Send `{ "template": { ... } }` as application/json, or the YAML file itself as application/yaml (or text/yaml). The template is validated as a whole: a 400 lists every problem with its path and nothing is stored. Content equal to the latest version of its key publishes nothing (200, `created: false`); changed content becomes the next version (201).',
      access: "privacy",
      request: {
        body: {
          required: false,
          content: {
            "application/json": { schema: PublishTemplateRequest },
            "application/yaml": { schema: z.string().openapi({ description: "The template as YAML" }) },
            "text/yaml": { schema: z.string() },
          },
        },
      },
      responses: {
        200: jsonContent(PublishResult, "Unchanged: the latest version already holds this content"),
        201: jsonContent(PublishResult, "Published as a new version"),
        409: conflict,
      },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const result = isYaml(c.req.header("content-type"))
        ? await publishTemplateText(ctx, await c.req.text(), "template.yaml", { source: "upload" })
        : await (async () => {
            // The body is optional only so that YAML can be sent instead; without a body this says what is missing.
            const parsed = PublishTemplateRequest.safeParse(c.req.valid("json"));
            if (!parsed.success)
              throw new ValidationError(
                "The request body is not valid",
                zodIssuesToFields(parsed.error.issues),
              );
            const { template, fileName } = parsed.data;
            return publishTemplateData(ctx, template, {
              source: "upload",
              sourceName: fileName ?? null,
              file: fileName ?? "template",
            });
          })();
      return c.json(result, result.created ? 201 : 200);
    },
  );

  app.openapi(
    apiRoute({
      method: "post",
      path: "/api/v1/questionnaires/import-vsaq",
      tags: ["Questionnaires"],
      summary: "Import a VSAQ questionnaire and publish it",
      description:
        "Converts a questionnaire in Google's VSAQ format (optionally with a template extension) into a template that keeps every item, condition and warning, and publishes it with source `vsaq`. The response carries the conversion report.",
      access: "privacy",
      request: { body: jsonBody(ImportVsaqRequest) },
      responses: {
        200: jsonContent(ImportVsaqResult, "Unchanged: the latest version already holds this content"),
        201: jsonContent(ImportVsaqResult, "Published as a new version"),
        409: conflict,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const result = await publishVsaqImport(serviceContext(c), {
        text: body.questionnaire,
        file: body.fileName,
        extensionText: body.extension,
        key: body.key,
        title: body.title,
        tiers: body.tiers,
      });
      return c.json(result, result.created ? 201 : 200);
    },
  );

  return app;
}
