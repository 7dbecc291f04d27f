import { OpenAPIHono } from "@hono/zod-openapi";
import { ValidationError, zodIssuesToFields } from "../shared/errors.ts";
import type { AppEnv } from "./hono-env.ts";

/** A sub-app whose request validation failures become our 400 envelope with field paths. */
export function createOpenApiApp(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = result.target === "json" ? "body" : result.target;
        throw new ValidationError(
          `The request ${where} is not valid`,
          zodIssuesToFields(result.error.issues),
        );
      }
    },
  });
}
