import type { Context } from "hono";
import { Hono } from "hono";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { serviceContext } from "../http/service-context.ts";
import { AppError, zodIssuesToFields } from "../shared/errors.ts";
import { listUsers } from "../users/user-queries.ts";
import { CsrfField, Layout, Notice } from "../web/layout.tsx";
import { CreateApiToken } from "./token-schemas.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "./token-service.ts";

async function renderTokens(
  c: Context<AppEnv>,
  opts: { created?: { name: string; token: string }; error?: string } = {},
  status: 200 | 201 | 400 = 200,
) {
  const principal = c.var.principal;
  const [tokens, users] = await Promise.all([listApiTokens(c.var.deps.db), listUsers(c.var.deps.db)]);
  return c.html(
    <Layout title="API tokens" principal={principal} currentPath="/admin/tokens">
      <h1>API tokens</h1>
      <p>
        A token acts with its user's role. VendorVet keeps only a hash: copy a new token when it is shown.
      </p>
      {opts.created ? (
        <article aria-labelledby="new-token-heading">
          <h2 id="new-token-heading">Token "{opts.created.name}" created</h2>
          <p>Copy it now; it will not be shown again.</p>
          <code class="secret" data-testid="new-token">
            {opts.created.token}
          </code>
        </article>
      ) : null}
      <Notice
        message={c.req.query("notice") === "revoked" ? "Token revoked; it no longer works." : undefined}
      />
      <Notice message={opts.error} kind="error" />
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">User</th>
            <th scope="col">Starts with</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr>
              <td>{t.name}</td>
              <td>{t.userEmail}</td>
              <td>
                <code>{t.prefix}…</code>
              </td>
              <td>{t.createdAt}</td>
              <td>{t.lastUsedAt ?? "never"}</td>
              <td>
                {t.revokedAt ? (
                  <span class="tag tag-bad">revoked</span>
                ) : t.expiresAt && t.expiresAt < c.var.deps.clock.now().toISOString() ? (
                  <span class="tag">expired</span>
                ) : (
                  <span class="tag tag-good">active</span>
                )}
              </td>
              <td>
                {t.revokedAt ? null : (
                  <form method="post" action={`/admin/tokens/${t.id}/revoke`}>
                    <CsrfField principal={principal} />
                    <button type="submit" class="contrast">
                      Revoke
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Create a token</h2>
      <form method="post" action="/admin/tokens">
        <CsrfField principal={principal} />
        <div class="grid">
          <div>
            <label for="token-name">Name (what it is for)</label>
            <input id="token-name" name="name" required maxlength={100} />
          </div>
          <div>
            <label for="token-user">Acts as</label>
            <select id="token-user" name="userId">
              {users
                .filter((u) => !u.disabled_at)
                .map((u) => (
                  <option value={u.id} selected={u.id === principal?.user.id}>
                    {u.email} ({u.role})
                  </option>
                ))}
            </select>
          </div>
          <div>
            <label for="token-expiry">Expires after (days, empty for never)</label>
            <input id="token-expiry" name="expiresInDays" type="number" min={1} max={3650} />
          </div>
        </div>
        <button type="submit">Create token</button>
      </form>
    </Layout>,
    status,
  );
}

/** Admin pages to create and revoke API tokens. */
export function tokenPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/admin/tokens", requireAccess("admin"));
  app.use("/admin/tokens/*", requireAccess("admin"));
  app.get("/admin/tokens", (c) => renderTokens(c));
  app.post("/admin/tokens", async (c) => {
    const body = await c.req.parseBody();
    const parsed = CreateApiToken.safeParse({
      name: body.name,
      userId: body.userId || undefined,
      expiresInDays: body.expiresInDays ? Number(body.expiresInDays) : undefined,
    });
    if (!parsed.success) {
      const issues = zodIssuesToFields(parsed.error.issues).map((i) => `${i.path}: ${i.message}`);
      return renderTokens(c, { error: `Check the form: ${issues.join("; ")}` }, 400);
    }
    try {
      const created = await createApiToken(serviceContext(c), parsed.data);
      return renderTokens(c, { created: { name: created.name, token: created.token } }, 201);
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return renderTokens(c, { error: err.message }, 400);
      throw err;
    }
  });
  app.post("/admin/tokens/:id/revoke", async (c) => {
    await revokeApiToken(serviceContext(c), c.req.param("id"));
    return c.redirect("/admin/tokens?notice=revoked", 303);
  });
  return app;
}
