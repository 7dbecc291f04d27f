import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  buildTemplateJsonSchema,
  renderTemplateJsonSchema,
  TEMPLATE_JSON_SCHEMA_PATH,
} from "../../src/questionnaires/template-json-schema.ts";

const committed = fileURLToPath(new URL(`../../${TEMPLATE_JSON_SCHEMA_PATH}`, import.meta.url));

describe("the JSON Schema that editors use for template files", () => {
  it("is committed and up to date with the zod schema", () => {
    const hint =
      "questionnaires/template.schema.json is stale: regenerate it with " +
      "`npx tsx -e 'import(\"./src/questionnaires/template-json-schema.ts\").then(m => process.stdout.write(m.renderTemplateJsonSchema()))' > questionnaires/template.schema.json`";
    expect(readFileSync(committed, "utf8"), hint).toBe(renderTemplateJsonSchema());
  });

  it("describes the input side: defaults are optional and conditions are recursive", () => {
    const schema = buildTemplateJsonSchema() as {
      $defs: Record<string, { required?: string[]; anyOf?: unknown[]; properties?: Record<string, unknown> }>;
    };
    expect(schema.$defs.Template?.required).toEqual(["key", "version", "title", "tiers", "sections"]);
    expect(schema.$defs.Question?.required).toEqual(["id", "text", "type"]);
    expect(schema.$defs.Condition?.anyOf).toHaveLength(10);
    expect(JSON.stringify(schema.$defs.Condition)).toContain('"$ref":"#/$defs/Condition"');
  });
});
