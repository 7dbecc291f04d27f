import { raw } from "hono/html";
import type { Child } from "hono/jsx";

/** The vendor-facing frame: the asking organisation up front, no staff navigation, no referrer ever sent. */
export function PortalLayout(props: {
  title: string;
  organisation?: string | undefined;
  /** The portal session's CSRF token; when set, the page offers "Leave" and scripts can read the token. */
  csrfToken?: string | undefined;
  script?: boolean;
  children?: Child;
}) {
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <meta name="robots" content="noindex, nofollow" />
          {props.csrfToken ? <meta name="csrf-token" content={props.csrfToken} /> : null}
          <title>{`${props.title} · ${props.organisation ?? "Vendor portal"}`}</title>
          <link rel="stylesheet" href="/static/pico.min.css" />
          <link rel="stylesheet" href="/static/app.css" />
          <link rel="stylesheet" href="/static/portal.css" />
          {props.script ? <script type="module" src="/static/portal.js" /> : null}
        </head>
        <body class="portal">
          <a class="skip-link" href="#main">
            Skip to content
          </a>
          <header class="container portal-header">
            <p class="portal-brand">
              <strong>{props.organisation ?? "Vendor portal"}</strong>
              <span class="muted"> · security questionnaire</span>
            </p>
            {props.csrfToken ? (
              <form method="post" action="/portal/leave" class="inline-form">
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <button type="submit" class="secondary outline">
                  Leave for now
                </button>
              </form>
            ) : null}
          </header>
          <main id="main" class="container" tabindex={-1}>
            {props.children}
          </main>
          <footer class="container">
            <small class="muted">
              Answers are saved as you go and sent to {props.organisation ?? "the organisation that asked"}{" "}
              only when you submit. Run with VendorVet.
            </small>
          </footer>
        </body>
      </html>
    </>
  );
}

const DAY = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const DAY_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

/** "Friday 3 April 2026" for a YYYY-MM-DD date or an ISO time. */
export function formatDay(dateOrIso: string): string {
  const d = new Date(dateOrIso.length === 10 ? `${dateOrIso}T00:00:00Z` : dateOrIso);
  return Number.isNaN(d.getTime()) ? dateOrIso : DAY.format(d);
}

/** "3 April 2026 at 14:05 UTC" for an ISO time. */
export function formatMoment(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DAY_TIME.format(d);
}

/** The list of problems at the top of a form, focused on load so screen reader users hear it first. */
export function ErrorSummary(props: { problems: { href: string; message: string }[] }) {
  if (props.problems.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {props.problems.map((p) => (
          <li>
            <a href={p.href}>{p.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
