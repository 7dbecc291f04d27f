import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { Role } from "../auth/roles.ts";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { serviceContext } from "../http/service-context.ts";
import { AppError, type FieldIssue, zodIssuesToFields } from "../shared/errors.ts";
import { CsrfField, Layout, Notice } from "../web/layout.tsx";
import { listUsers } from "./user-queries.ts";
import { CreateUser, toUser, type User } from "./user-schemas.ts";
import { createUser, updateUser } from "./user-service.ts";

const NOTICES: Record<string, string> = {
  created: "User added.",
  updated: "User updated.",
  disabled: "User disabled; their sessions ended.",
  enabled: "User enabled.",
};

async function renderUsers(
  c: Context<AppEnv>,
  opts: { values?: Record<string, string>; issues?: FieldIssue[]; error?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const principal = c.var.principal;
  const users = (await listUsers(c.var.deps.db)).map(toUser);
  const fieldError = (path: string) => opts.issues?.find((i) => i.path === path)?.message;
  const notice = NOTICES[c.req.query("notice") ?? ""];
  return c.html(
    <Layout title="Users" principal={principal} currentPath="/admin/users">
      <h1>Users</h1>
      <Notice message={notice} />
      <Notice message={opts.error} kind="error" />
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u: User) => (
            <tr>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{u.role}</td>
              <td>
                {u.disabled ? (
                  <span class="tag tag-bad">disabled</span>
                ) : (
                  <span class="tag tag-good">active</span>
                )}
              </td>
              <td>{u.lastLoginAt ?? "never"}</td>
              <td>
                <div class="actions">
                  <form method="post" action={`/admin/users/${u.id}/role`} class="actions">
                    <CsrfField principal={principal} />
                    <label class="visually-hidden" for={`role-${u.id}`}>
                      Role for {u.email}
                    </label>
                    <select id={`role-${u.id}`} name="role">
                      {Role.options.map((r) => (
                        <option value={r} selected={r === u.role}>
                          {r}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="secondary">
                      Change role
                    </button>
                  </form>
                  <form method="post" action={`/admin/users/${u.id}/${u.disabled ? "enable" : "disable"}`}>
                    <CsrfField principal={principal} />
                    <button type="submit" class={u.disabled ? "secondary" : "contrast"}>
                      {u.disabled ? "Enable" : "Disable"}
                    </button>
                  </form>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <form method="post" action="/admin/users">
        <CsrfField principal={principal} />
        <div class="grid">
          <div>
            <label for="new-name">Name</label>
            <input
              id="new-name"
              name="name"
              required
              value={opts.values?.name ?? ""}
              aria-describedby="new-name-error"
            />
            <small class="field-error" id="new-name-error">
              {fieldError("name")}
            </small>
          </div>
          <div>
            <label for="new-email">Email</label>
            <input
              id="new-email"
              name="email"
              type="email"
              required
              value={opts.values?.email ?? ""}
              aria-describedby="new-email-error"
            />
            <small class="field-error" id="new-email-error">
              {fieldError("email")}
            </small>
          </div>
        </div>
        <div class="grid">
          <div>
            <label for="new-role">Role</label>
            <select id="new-role" name="role">
              {Role.options.map((r) => (
                <option value={r} selected={r === (opts.values?.role ?? "viewer")}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="new-password">Initial password (at least 12 characters)</label>
            <input
              id="new-password"
              name="password"
              type="password"
              autocomplete="new-password"
              aria-describedby="new-password-error"
            />
            <small class="field-error" id="new-password-error">
              {fieldError("password")}
            </small>
          </div>
        </div>
        <button type="submit">Add user</button>
      </form>
    </Layout>,
    status,
  );
}

const RoleForm = z.object({ role: Role });

/** Admin pages to add users, change their role and disable them. */
export function userPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/admin/users/*", requireAccess("admin"));
  app.use("/admin/users", requireAccess("admin"));

  app.get("/admin/users", (c) => renderUsers(c));

  app.post("/admin/users", async (c) => {
    const body = await c.req.parseBody();
    const values = {
      name: String(body.name ?? ""),
      email: String(body.email ?? ""),
      role: String(body.role ?? ""),
    };
    const parsed = CreateUser.safeParse({
      ...values,
      password: body.password ? String(body.password) : undefined,
    });
    if (!parsed.success)
      return renderUsers(
        c,
        { values, issues: zodIssuesToFields(parsed.error.issues), error: "Check the highlighted fields." },
        400,
      );
    try {
      await createUser(serviceContext(c), parsed.data);
    } catch (err) {
      if (err instanceof AppError && err.code === "conflict")
        return renderUsers(c, { values, error: err.message }, 409);
      throw err;
    }
    return c.redirect("/admin/users?notice=created", 303);
  });

  app.post("/admin/users/:id/role", async (c) => {
    const parsed = RoleForm.safeParse(await c.req.parseBody());
    if (!parsed.success) return renderUsers(c, { error: "Choose a valid role." }, 400);
    try {
      await updateUser(serviceContext(c), c.req.param("id"), { role: parsed.data.role });
    } catch (err) {
      if (err instanceof AppError && err.code === "conflict")
        return renderUsers(c, { error: err.message }, 409);
      throw err;
    }
    return c.redirect("/admin/users?notice=updated", 303);
  });

  for (const verb of ["disable", "enable"] as const) {
    app.post(`/admin/users/:id/${verb}`, async (c) => {
      try {
        await updateUser(serviceContext(c), c.req.param("id"), { disabled: verb === "disable" });
      } catch (err) {
        if (err instanceof AppError && err.code === "conflict")
          return renderUsers(c, { error: err.message }, 409);
        throw err;
      }
      return c.redirect(`/admin/users?notice=${verb}d`, 303);
    });
  }
  return app;
}
