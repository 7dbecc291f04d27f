import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../http/hono-env.ts";
import { Layout } from "./layout.tsx";

const TITLES: Partial<Record<number, string>> = {
  400: "That request did not work",
  401: "Please sign in",
  403: "Not allowed",
  404: "Page not found",
  410: "This link has expired",
  413: "Too large",
  429: "Slow down",
  500: "Something went wrong",
};

export function renderErrorPage(c: Context<AppEnv>, status: ContentfulStatusCode, message: string): Response {
  const title = TITLES[status] ?? "Error";
  const page = (
    <Layout title={title} principal={c.var.principal}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </Layout>
  );
  // Rendering a page with no async components is synchronous; onError must return a Response.
  return new Response(page.toString(), { status, headers: { "Content-Type": "text/html; charset=UTF-8" } });
}
