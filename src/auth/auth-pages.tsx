import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { checkCsrf, SESSION_COOKIE } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { serviceContext } from "../http/service-context.ts";
import { AppError, ForbiddenError } from "../shared/errors.ts";
import { randomSecret } from "../shared/runtime.ts";
import { Password } from "../users/user-schemas.ts";
import { Layout, Notice } from "../web/layout.tsx";
import { checkLogin } from "./login-service.ts";
import { createSession, endSession } from "./session-service.ts";
import { completeSetup, isSetupTokenValid } from "./setup-service.ts";

const LOGIN_CSRF_COOKIE = "vv_login_csrf";

/** Only local paths, so a crafted `next` cannot send people elsewhere after sign-in. */
function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : "/";
}

function LoginPage(props: { csrf: string; next: string; email?: string; error?: string }) {
  return (
    <Layout title="Sign in">
      <article class="narrow">
        <h1>Sign in to VendorVet</h1>
        <Notice message={props.error} kind="error" />
        <form method="post" action="/login">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <input type="hidden" name="next" value={props.next} />
          <label for="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={props.email ?? ""}
            autofocus
          />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit">Sign in</button>
        </form>
      </article>
    </Layout>
  );
}

function cookieOptions(c: Context<AppEnv>, maxAgeSeconds: number) {
  return {
    httpOnly: true,
    sameSite: "Lax" as const,
    secure: c.var.deps.config.secureCookies,
    path: "/",
    maxAge: maxAgeSeconds,
  };
}

function renderLogin(
  c: Context<AppEnv>,
  props: { next: string; email?: string; error?: string },
  status: 200 | 401 | 403 | 429 = 200,
) {
  // Login CSRF: a double-submit token, since there is no session to hold one yet.
  const csrf = randomSecret(24);
  setCookie(c, LOGIN_CSRF_COOKIE, csrf, cookieOptions(c, 3600));
  return c.html(<LoginPage csrf={csrf} {...props} />, status);
}

const LoginForm = z.object({
  email: z.string().max(254),
  password: z.string().max(1024),
  next: z.string().optional(),
  _csrf: z.string(),
});

const SetupForm = z.object({
  email: z.email("must be an email address").transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, "required").max(200),
  password: Password,
});

function SetupPage(props: {
  token: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const err = (k: string) =>
    props.errors?.[k] ? (
      <small class="field-error" id={`${k}-error`}>
        {props.errors[k]}
      </small>
    ) : null;
  return (
    <Layout title="Create the first admin">
      <article class="narrow">
        <h1>Create the first admin</h1>
        <p>This one-time link creates the first administrator account. It stops working once used.</p>
        <form method="post" action={`/setup/${props.token}`}>
          <label for="name">Your name</label>
          <input id="name" name="name" required value={props.values?.name ?? ""} />
          {err("name")}
          <label for="email">Email</label>
          <input id="email" name="email" type="email" required value={props.values?.email ?? ""} />
          {err("email")}
          <label for="password">Password (at least 12 characters)</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="new-password"
            required
            minlength={12}
          />
          {err("password")}
          <button type="submit">Create admin account</button>
        </form>
      </article>
    </Layout>
  );
}

/** Sign-in, sign-out and the first-admin setup page. */
export function authPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/login", (c) => {
    if (c.var.principal) return c.redirect(safeNext(c.req.query("next")), 303);
    return renderLogin(c, { next: safeNext(c.req.query("next")) });
  });

  app.post("/login", async (c) => {
    const parsed = LoginForm.safeParse(await c.req.parseBody());
    if (!parsed.success) return renderLogin(c, { next: "/", error: "Enter your email and password." }, 401);
    const { email, password, next, _csrf } = parsed.data;
    const cookie = getCookie(c, LOGIN_CSRF_COOKIE);
    if (!cookie || cookie !== _csrf) {
      return renderLogin(
        c,
        { next: safeNext(next), email, error: "The sign-in form expired. Please try again." },
        403,
      );
    }
    const ctx = serviceContext(c);
    try {
      const user = await checkLogin(ctx, email, password, c.var.clientIp);
      const { secret } = await createSession(ctx, user, {
        ip: c.var.clientIp,
        userAgent: c.req.header("user-agent") ?? null,
      });
      deleteCookie(c, LOGIN_CSRF_COOKIE, { path: "/" });
      setCookie(c, SESSION_COOKIE, secret, cookieOptions(c, c.var.deps.config.session.maxHours * 3600));
      return c.redirect(safeNext(next), 303);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 429)) {
        return renderLogin(c, { next: safeNext(next), email, error: err.message }, err.status);
      }
      throw err;
    }
  });

  app.post("/logout", async (c) => {
    const secret = getCookie(c, SESSION_COOKIE);
    if (c.var.principal && secret) {
      await checkCsrf(c);
      await endSession(serviceContext(c), secret);
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/login", 303);
  });

  app.get("/setup/:token", async (c) => {
    c.header("Referrer-Policy", "no-referrer");
    if (!(await isSetupTokenValid(c.var.deps.db, c.req.param("token"), c.var.deps.clock.now()))) {
      throw new AppError(
        "gone",
        "This setup link is no longer valid. Restart VendorVet to print a new one, or use `vendorvet user add`.",
      );
    }
    return c.html(<SetupPage token={c.req.param("token")} />);
  });

  app.post("/setup/:token", async (c) => {
    const body = await c.req.parseBody();
    const origin = c.req.header("origin");
    // Under this page's no-referrer policy browsers send "Origin: null" from our own form, and the secret in the
    // path already proves the request; only another site's origin is refused (PUBLIC_URL counts as ours behind a proxy).
    const ours = [new URL(c.req.url).origin, c.var.deps.config.publicUrl, "null"];
    if (origin && !ours.includes(origin)) throw new ForbiddenError("Cross-site request refused");
    const parsed = SetupForm.safeParse(body);
    const values = { name: String(body.name ?? ""), email: String(body.email ?? "") };
    if (!parsed.success) {
      const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
      return c.html(<SetupPage token={c.req.param("token")} values={values} errors={errors} />, 400);
    }
    await completeSetup(serviceContext(c), c.req.param("token"), parsed.data);
    return c.redirect("/login", 303);
  });

  return app;
}
