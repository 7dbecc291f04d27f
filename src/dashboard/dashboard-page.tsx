import type { Hono } from "hono";
import type { AppEnv } from "../http/hono-env.ts";
import { homePage } from "../web/home-page.tsx";

// Placeholder: the dashboard replaces the home page.
export function dashboardPage(): Hono<AppEnv> {
  return homePage();
}
