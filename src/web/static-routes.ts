import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";
import type { AppEnv } from "../http/hono-env.ts";

const require = createRequire(import.meta.url);

/** Stylesheets, read once at start and served with a long cache lifetime. */
export function staticRoutes(): Hono<AppEnv> {
  const files: Record<string, { body: string; type: string }> = {
    "pico.min.css": {
      body: readFileSync(require.resolve("@picocss/pico/css/pico.min.css"), "utf8"),
      type: "text/css",
    },
    "app.css": { body: readFileSync(new URL("./static/app.css", import.meta.url), "utf8"), type: "text/css" },
    "portal.css": {
      body: readFileSync(new URL("./static/portal.css", import.meta.url), "utf8"),
      type: "text/css",
    },
    "portal.js": {
      body: readFileSync(new URL("./static/portal.js", import.meta.url), "utf8"),
      type: "text/javascript",
    },
    "favicon.svg": {
      body: readFileSync(new URL("./static/favicon.svg", import.meta.url), "utf8"),
      type: "image/svg+xml",
    },
  };
  const app = new Hono<AppEnv>();
  // Browsers ask for /favicon.ico whatever the page says.
  app.get("/favicon.ico", (c) => c.redirect("/static/favicon.svg", 301));
  app.get("/static/:file", (c) => {
    const file = files[c.req.param("file")];
    if (!file) return c.notFound();
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(file.body, 200, { "Content-Type": `${file.type}; charset=utf-8` });
  });
  return app;
}
