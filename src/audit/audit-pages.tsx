import { Hono } from "hono";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { Layout } from "../web/layout.tsx";
import { listAuditEvents } from "./audit-queries.ts";
import { toAuditEvent } from "./audit-schemas.ts";
import { verifyAuditChain } from "./audit-verify.ts";

const PAGE = 100;

/** The audit trail for people: newest first, filter by action or record, and the chain check. */
export function auditPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/audit", requireAccess("audit"), async (c) => {
    const action = c.req.query("action") || undefined;
    const entityId = c.req.query("entityId") || undefined;
    const before = Number(c.req.query("cursor")) || undefined;
    const rows = await listAuditEvents(c.var.deps.db, { action, entityId, before, limit: PAGE + 1 });
    const events = rows.slice(0, PAGE).map(toAuditEvent);
    const verification = await verifyAuditChain(c.var.deps.db);
    const next = rows.length > PAGE ? events.at(-1)?.seq : undefined;
    const qs = (extra: Record<string, string>) =>
      new URLSearchParams({
        ...(action ? { action } : {}),
        ...(entityId ? { entityId } : {}),
        ...extra,
      }).toString();
    return c.html(
      <Layout title="Audit trail" principal={c.var.principal} currentPath="/audit">
        <h1>Audit trail</h1>
        {verification.ok ? (
          <p class="notice notice-ok" role="status">
            Chain intact: {verification.checked} events verified.
          </p>
        ) : (
          <p class="notice notice-error" role="alert">
            Chain broken
            {verification.brokenAt
              ? ` at event ${verification.brokenAt.seq} (${verification.brokenAt.action})`
              : ""}
            : {verification.reason}.
          </p>
        )}
        <form method="get" action="/audit" class="grid">
          <div>
            <label for="f-action">Action (e.g. user.create or user.*)</label>
            <input id="f-action" name="action" value={action ?? ""} />
          </div>
          <div>
            <label for="f-entity">Record id</label>
            <input id="f-entity" name="entityId" value={entityId ?? ""} />
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
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Record</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr>
                <td>{e.seq}</td>
                <td>{e.at}</td>
                <td>{e.actor.label}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.entity.type} <code>{e.entity.id ?? ""}</code>
                </td>
                <td>
                  {Object.entries(e.changes).map(([field, ch]) => (
                    <div>
                      <strong>{field}</strong>: {JSON.stringify(ch.before ?? null)} →{" "}
                      {JSON.stringify(ch.after ?? null)}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {next ? <a href={`/audit?${qs({ cursor: String(next) })}`}>Older events</a> : null}
      </Layout>,
    );
  });
  return app;
}
