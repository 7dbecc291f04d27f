import { z } from "zod";
import { Template } from "./template-schema.ts";

/** Where the committed schema lives, relative to the project root. */
export const TEMPLATE_JSON_SCHEMA_PATH = "questionnaires/template.schema.json";

/**
 * The JSON Schema (draft 2020-12) of the template format, for editors. It describes the input side: fields
 * with defaults are optional. Cross-field rules (ids, conditions, types) are checked only by the loader.
 */
export function buildTemplateJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Template, { io: "input", target: "draft-2020-12" }) as Record<
    string,
    unknown
  >;
  return {
    $schema: schema.$schema,
    title: "VendorVet questionnaire template",
    description:
      "A questionnaire template: sections of questions with conditions, scores and findings. Validate with `npx vendorvet questionnaire validate <file>`.",
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$schema")),
  };
}

/** The schema as the committed file holds it: pretty-printed with a final newline. */
export function renderTemplateJsonSchema(): string {
  return `${JSON.stringify(buildTemplateJsonSchema(), null, 2)}\n`;
}
