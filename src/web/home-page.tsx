import { Hono } from "hono";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { Layout, NAV_ITEMS } from "./layout.tsx";

/** The staff home page: where each part of VendorVet starts. */
export function homePage(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", requireAccess("read"), (c) => {
    const principal = c.var.principal!;
    const items = NAV_ITEMS.filter(
      (i) => i.href !== "/" && (!i.roles || i.roles.includes(principal.user.role)),
    );
    return c.html(
      <Layout title="Home" principal={principal} currentPath="/">
        <h1>Welcome, {principal.user.name}</h1>
        <p>
          You are signed in as <strong>{principal.user.role}</strong>.
        </p>
        <div class="grid">
          {items.map((i) => (
            <article>
              <a href={i.href}>{i.label}</a>
            </article>
          ))}
        </div>
      </Layout>,
    );
  });
  return app;
}
