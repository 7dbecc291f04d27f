import type { Context } from "hono";
import { Hono } from "hono";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { serviceContext } from "../http/service-context.ts";
import { AppError, NotFoundError } from "../shared/errors.ts";
import { CsrfField, Layout, Notice } from "../web/layout.tsx";
import { findLinks } from "./delivery-policy.ts";
import { findOutboxMessage, listOutboxKinds, listOutboxMessages } from "./outbox-queries.ts";
import {
  type OutboxMessage,
  OutboxStatus,
  toOutboxMessage,
  toOutboxMessageDetail,
} from "./outbox-schemas.ts";
import { retryMail } from "./outbox-service.ts";
import { isWithdrawn } from "./outbox-withdraw.ts";

const PAGE = 100;

const STATUS_TAG: Record<OutboxStatus, string> = {
  pending: "tag tag-warn",
  sent: "tag tag-good",
  logged: "tag",
  failed: "tag tag-bad",
};

function StatusTag(props: { status: OutboxStatus }) {
  return <span class={STATUS_TAG[props.status]}>{props.status}</span>;
}

function canRetry(m: OutboxMessage): boolean {
  return (
    (m.status === "failed" || m.status === "pending") &&
    !isWithdrawn({ status: m.status, last_error: m.lastError })
  );
}

function RetryForm(props: { c: Context<AppEnv>; id: string; label?: string }) {
  return (
    <form method="post" action={`/admin/outbox/${props.id}/retry`} class="inline-form">
      <CsrfField principal={props.c.var.principal} />
      <button type="submit" class="secondary">
        {props.label ?? "Retry now"}
      </button>
    </form>
  );
}

async function renderList(c: Context<AppEnv>) {
  const db = c.var.deps.db;
  const parsedStatus = OutboxStatus.safeParse(c.req.query("status"));
  const status = parsedStatus.success ? parsedStatus.data : undefined;
  const kind = c.req.query("kind") || undefined;
  const after = c.req.query("cursor") || undefined;
  const rows = await listOutboxMessages(db, { status, kind, after, limit: PAGE + 1 });
  const messages = rows.slice(0, PAGE).map(toOutboxMessage);
  const next = rows.length > PAGE ? messages.at(-1)?.id : undefined;
  const kinds = await listOutboxKinds(db);
  const smtp = c.var.deps.mailer.kind === "smtp";
  const qs = new URLSearchParams({ ...(status ? { status } : {}), ...(kind ? { kind } : {}) });
  return c.html(
    <Layout title="Outbox" principal={c.var.principal} currentPath="/admin/outbox">
      <h1>Outbox</h1>
      {smtp ? (
        <p>
          Mail goes out through the configured SMTP server; failed messages are retried with growing pauses.
        </p>
      ) : (
        <p class="notice notice-warn" role="status">
          No SMTP server is configured (SMTP_URL), so messages are not sent: they are kept here, marked{" "}
          <em>logged</em>, and written to the server log. Open a message to copy its text and links to the
          recipient.
        </p>
      )}
      <form method="get" action="/admin/outbox" class="grid">
        <div>
          <label for="f-status">Status</label>
          <select id="f-status" name="status">
            <option value="">any</option>
            {OutboxStatus.options.map((s) => (
              <option value={s} selected={s === status}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-kind">Kind</label>
          <select id="f-kind" name="kind">
            <option value="">any</option>
            {kinds.map((k) => (
              <option value={k} selected={k === kind}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-submit" class="visually-hidden">
            Filter
          </label>
          <button id="f-submit" type="submit">
            Filter
          </button>
        </div>
      </form>
      {messages.length === 0 ? (
        <p>No messages{status || kind ? " match this filter" : " yet"}.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Created (UTC)</th>
                <th scope="col">Kind</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
                <th scope="col">Sent (UTC)</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr>
                  <td>{m.createdAt}</td>
                  <td>
                    <code>{m.kind}</code>
                  </td>
                  <td>{m.to.name ? `${m.to.name} <${m.to.email}>` : m.to.email}</td>
                  <td>
                    <a href={`/admin/outbox/${m.id}`}>{m.subject}</a>
                  </td>
                  <td>
                    <StatusTag status={m.status} />
                    {m.nextAttemptAt && m.attempts > 0 ? (
                      <small class="block muted">next try {m.nextAttemptAt}</small>
                    ) : null}
                  </td>
                  <td class="numeric">{m.attempts}</td>
                  <td>{m.lastError ?? ""}</td>
                  <td>{m.sentAt ?? ""}</td>
                  <td>{canRetry(m) ? <RetryForm c={c} id={m.id} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? (
        <a href={`/admin/outbox?${new URLSearchParams({ ...Object.fromEntries(qs), cursor: next })}`}>
          Older messages
        </a>
      ) : null}
    </Layout>,
  );
}

const NOTICES: Record<string, string> = {
  retried: "Queued: the delivery worker tries this message again on its next pass.",
};

async function renderMessage(c: Context<AppEnv>, error?: string, status: 200 | 409 = 200) {
  const row = await findOutboxMessage(c.var.deps.db, c.req.param("id") ?? "");
  if (!row) throw new NotFoundError("Message");
  const m = toOutboxMessageDetail(row);
  const links = findLinks(m.text);
  return c.html(
    <Layout title={`Message: ${m.subject}`} principal={c.var.principal} currentPath="/admin/outbox">
      <p>
        <a href="/admin/outbox">← Outbox</a>
      </p>
      <h1>{m.subject}</h1>
      <Notice message={NOTICES[c.req.query("notice") ?? ""]} />
      <Notice message={error} kind="error" />
      <dl class="details">
        <dt>To</dt>
        <dd>{m.to.name ? `${m.to.name} <${m.to.email}>` : m.to.email}</dd>
        <dt>Kind</dt>
        <dd>
          <code>{m.kind}</code>
        </dd>
        <dt>Status</dt>
        <dd>
          <StatusTag status={m.status} /> after {m.attempts} {m.attempts === 1 ? "attempt" : "attempts"}
          {m.nextAttemptAt ? `; next try at ${m.nextAttemptAt}` : ""}
        </dd>
        {m.lastError ? (
          <>
            <dt>Last error</dt>
            <dd>{m.lastError}</dd>
          </>
        ) : null}
        <dt>Created (UTC)</dt>
        <dd>{m.createdAt}</dd>
        <dt>Sent (UTC)</dt>
        <dd>{m.sentAt ?? "not yet"}</dd>
      </dl>
      {canRetry(m) ? <RetryForm c={c} id={m.id} /> : null}
      {m.status === "sent" ? (
        <p class="muted">Link secrets were removed from the stored text once the mail server accepted it.</p>
      ) : null}
      {links.length > 0 ? (
        <section aria-labelledby="links-heading">
          <h2 id="links-heading">Links in this message</h2>
          <ul class="plain-list">
            {links.map((l) => (
              <li>
                <code class="secret">{l}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="text-heading">
        <h2 id="text-heading">Text</h2>
        <pre class="pre-line">{m.text}</pre>
        {m.hasHtml ? <p class="muted">An HTML version with the same content goes with it.</p> : null}
      </section>
    </Layout>,
    status,
  );
}

/** Admin pages: the outbox list and each message, so that without SMTP the admin can forward the links. */
export function outboxPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/admin/outbox", requireAccess("admin"));
  app.use("/admin/outbox/*", requireAccess("admin"));

  app.get("/admin/outbox", (c) => renderList(c));
  app.get("/admin/outbox/:id", (c) => renderMessage(c));
  app.post("/admin/outbox/:id/retry", async (c) => {
    const id = c.req.param("id");
    try {
      await retryMail(serviceContext(c), id);
    } catch (err) {
      if (err instanceof AppError && err.code === "conflict") return renderMessage(c, err.message, 409);
      throw err;
    }
    return c.redirect(`/admin/outbox/${id}?notice=retried`, 303);
  });
  return app;
}
