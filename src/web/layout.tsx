import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { Role } from "../auth/roles.ts";
import type { Principal } from "../http/hono-env.ts";

interface NavItem {
  href: string;
  label: string;
  roles?: readonly Role[];
  /** Administration pages sit in one menu, so the bar fits one line on a laptop screen. */
  admin?: true;
}

/** The staff navigation; features add their entry here as they arrive. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Dashboard" },
  { href: "/vendors", label: "Vendors" },
  { href: "/register/checks", label: "Register checks" },
  { href: "/questionnaires", label: "Questionnaires" },
  { href: "/assessments", label: "Assessments" },
  { href: "/findings", label: "Findings" },
  { href: "/dpa", label: "DPAs" },
  { href: "/admin/users", label: "Users", roles: ["admin"], admin: true },
  { href: "/admin/tokens", label: "API tokens", roles: ["admin"], admin: true },
  { href: "/admin/outbox", label: "Outbox", roles: ["admin"], admin: true },
  { href: "/admin/settings", label: "Settings", roles: ["admin"], admin: true },
  { href: "/audit", label: "Audit trail", roles: ["admin", "privacy"], admin: true },
  { href: "/docs", label: "API docs", admin: true },
];

export function Layout(props: {
  title: string;
  principal?: Principal | undefined;
  currentPath?: string;
  children?: Child;
}) {
  const { principal } = props;
  const items = NAV_ITEMS.filter((i) => !i.roles || (principal && i.roles.includes(principal.user.role)));
  const link = (i: NavItem) => (
    <a href={i.href} aria-current={props.currentPath === i.href ? "page" : undefined}>
      {i.label}
    </a>
  );
  const adminItems = items.filter((i) => i.admin);
  const inAdmin = adminItems.some((i) => i.href === props.currentPath);
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="en" data-theme="light">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · VendorVet`}</title>
          <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/static/pico.min.css" />
          <link rel="stylesheet" href="/static/app.css" />
        </head>
        <body>
          <a class="skip-link" href="#main">
            Skip to content
          </a>
          <header class="container">
            <nav aria-label="Main">
              <ul>
                <li>
                  <a href="/" class="brand">
                    <strong>VendorVet</strong>
                  </a>
                </li>
              </ul>
              {principal ? (
                <ul>
                  {items
                    .filter((i) => !i.admin)
                    .map((i) => (
                      <li>{link(i)}</li>
                    ))}
                  <li>
                    <details class="dropdown">
                      <summary aria-current={inAdmin ? "true" : undefined}>
                        {principal.user.role === "admin" ? "Admin" : "More"}
                      </summary>
                      <ul dir="rtl">
                        {adminItems.map((i) => (
                          <li dir="ltr">{link(i)}</li>
                        ))}
                      </ul>
                    </details>
                  </li>
                  <li>
                    <form method="post" action="/logout" class="inline-form">
                      <input type="hidden" name="_csrf" value={principal.csrfToken ?? ""} />
                      <button type="submit" class="secondary outline">
                        Sign out
                      </button>
                    </form>
                  </li>
                </ul>
              ) : null}
            </nav>
          </header>
          <main id="main" class="container">
            {props.children}
          </main>
          <footer class="container">
            <small>
              {principal
                ? `Signed in as ${principal.user.email} (${principal.user.role})`
                : "VendorVet vendor risk management"}
            </small>
          </footer>
        </body>
      </html>
    </>
  );
}

/** The hidden field every state-changing form carries. */
export function CsrfField(props: { principal: Principal | undefined }) {
  return <input type="hidden" name="_csrf" value={props.principal?.csrfToken ?? ""} />;
}

export function Notice(props: { message?: string | undefined; kind?: "ok" | "error" }) {
  if (!props.message) return null;
  return (
    <p role={props.kind === "error" ? "alert" : "status"} class={`notice notice-${props.kind ?? "ok"}`}>
      {props.message}
    </p>
  );
}
