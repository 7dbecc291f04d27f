import { Hono } from "hono";
import type { AppEnv } from "../http/hono-env.ts";

// Placeholder mounted by app.ts; filled in by the feature's pages.
export function dpaPages(): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
