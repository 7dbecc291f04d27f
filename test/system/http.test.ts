import { describe, expect, it } from "vitest";
import { Role } from "../../src/auth/roles.ts";
import { buildTestApp, cookieHeader, form, TEST_PASSWORD } from "../support/test-app.ts";

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}
interface JsonSchema {
  $ref?: string;
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: string[];
  minLength?: number;
  additionalProperties?: boolean;
}
interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<string, { summary?: string; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
  >;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
}

const FOUNDATION_PATHS = [
  "/api/v1/users",
  "/api/v1/users/{id}",
  "/api/v1/me",
  "/api/v1/tokens",
  "/api/v1/tokens/{id}",
  "/api/v1/audit",
  "/api/v1/audit/verify",
];

async function openApi(t: Awaited<ReturnType<typeof buildTestApp>>): Promise<OpenApiDoc> {
  const res = await t.app.request("/openapi.json");
  expect(res.status).toBe(200);
  return (await res.json()) as OpenApiDoc;
}

describe("the service over HTTP", () => {
  it("GET /healthz answers ok without credentials", async () => {
    const t = await buildTestApp();
    const res = await t.app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/openapi.json is OpenAPI 3.1 with the API's paths, schemas and both ways to authenticate", async () => {
    const t = await buildTestApp();
    const doc = await openApi(t);
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBe("VendorVet API");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(FOUNDATION_PATHS));
    expect(Object.keys(doc.paths["/api/v1/users/{id}"] ?? {}).sort()).toEqual(["get", "patch"]);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["User", "CreateUser", "UpdateUser", "ApiToken", "Error"]),
    );
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["bearerAuth", "cookieAuth"]);
  });

  it("the documented request body of POST /api/v1/users is the schema that validates it", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const doc = await openApi(t);
    const ref = doc.paths["/api/v1/users"]?.post?.requestBody?.content["application/json"]?.schema.$ref ?? "";
    const schema = doc.components.schemas[ref.replace("#/components/schemas/", "")];
    expect(schema?.properties?.role?.enum).toEqual(Role.options);
    const post = (body: Record<string, unknown>) =>
      t.app.request("/api/v1/users", {
        method: "POST",
        headers: { ...admin, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const pathsOf = async (res: Response) =>
      ((await res.json()) as ErrorBody).error.details?.map((d) => d.path);

    let n = 0;
    const valid = () => ({ email: `u${++n}@example.test`, name: "Someone", role: "viewer" });
    for (const role of schema?.properties?.role?.enum ?? [])
      expect((await post({ ...valid(), role })).status).toBe(201);
    expect(await pathsOf(await post({ ...valid(), role: "superuser" }))).toEqual(["role"]);
    for (const field of schema?.required ?? []) {
      const { [field]: _dropped, ...rest } = valid() as Record<string, unknown>;
      expect(await pathsOf(await post(rest))).toEqual([field]);
    }
    const min = schema?.properties?.password?.minLength ?? 0;
    expect(min).toBeGreaterThanOrEqual(12);
    expect(await pathsOf(await post({ ...valid(), password: "x".repeat(min - 1) }))).toEqual(["password"]);
    expect((await post({ ...valid(), password: "x".repeat(min) })).status).toBe(201);
    expect(schema?.additionalProperties).toBe(false);
    expect((await post({ ...valid(), admin: true })).status).toBe(400);
  });

  it("/docs is a page listing every documented operation", async () => {
    const t = await buildTestApp();
    const doc = await openApi(t);
    const res = await t.app.request("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        expect(html).toContain(`<span class="op">${method}</span> <code>${path}</code>`);
        if (op.summary) expect(html).toContain(op.summary.replaceAll("'", "&#39;"));
      }
    }
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });

  it("pages are gzipped for clients that accept it; JSON is sent as it is", async () => {
    const t = await buildTestApp();
    const page = await t.app.request("/docs", { headers: { "accept-encoding": "gzip" } });
    expect(page.headers.get("content-encoding")).toBe("gzip");
    expect(page.headers.get("vary")).toMatch(/accept-encoding/i);
    const { gunzipSync } = await import("node:zlib");
    expect(gunzipSync(Buffer.from(await page.arrayBuffer())).toString()).toContain("VendorVet API");
    const plain = await t.app.request("/docs");
    expect(plain.headers.get("content-encoding")).toBeNull();
    const json = await t.app.request("/openapi.json", { headers: { "accept-encoding": "gzip" } });
    expect(json.headers.get("content-encoding")).toBeNull();
  });

  it("an unknown API path is a JSON 404 in the envelope; an unknown page is an HTML 404", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const api = await t.app.request("/api/v1/no-such-thing", { headers: admin });
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await api.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    const page = await t.app.request("/no-such-page", { headers: { accept: "text/html" } });
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toContain("<html");
  });

  it("a malformed JSON body is a 400 in the envelope, not a 500", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const res = await t.app.request("/api/v1/users", {
      method: "POST",
      headers: { ...admin, "content-type": "application/json" },
      body: '{"email": "a@b.test",',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(["bad_request", "validation_failed"]).toContain(body.error.code);
  });

  it("a body over 1 MiB is refused with 413 and changes nothing", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const huge = JSON.stringify({ email: "big@example.test", name: "x".repeat(1024 * 1024), role: "viewer" });
    const res = await t.app.request("/api/v1/users", {
      method: "POST",
      headers: { ...admin, "content-type": "application/json" },
      body: huge,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe("payload_too_large");
    expect(
      t.sqlite.prepare("select count(*) as n from users where email = 'big@example.test'").get(),
    ).toEqual({ n: 0 });
  });

  it("every response carries the secure headers", async () => {
    const t = await buildTestApp();
    for (const path of ["/login", "/healthz", "/api/v1/me", "/no-such-page"]) {
      const res = await t.app.request(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? /default-src ([^;]+)/.exec(csp)?.[1];
      expect(scriptSrc, `${path} has a script policy`).toBeDefined();
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toMatch(
        /^(no-referrer|same-origin|strict-origin(-when-cross-origin)?)$/,
      );
    }
  });

  it("echoes a well-formed X-Request-Id and makes one up otherwise", async () => {
    const t = await buildTestApp();
    expect(
      (await t.app.request("/healthz", { headers: { "x-request-id": "trace-42.a" } })).headers.get(
        "x-request-id",
      ),
    ).toBe("trace-42.a");
    const fresh = (await t.app.request("/healthz")).headers.get("x-request-id");
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    const forged = (
      await t.app.request("/healthz", { headers: { "x-request-id": "not a valid <id> with spaces" } })
    ).headers.get("x-request-id");
    expect(forged).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("an unexpected error is a generic 500 without internals, and is logged with the request id", async () => {
    const t = await buildTestApp();
    t.app.get("/api/v1/boom", () => {
      throw new Error("secret internal detail at /srv/vendorvet/src/x.ts:12");
    });
    const res = await t.app.request("/api/v1/boom", { headers: { "x-request-id": "boom-1" } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: expect.any(String) } });
    expect(text).not.toContain("secret internal detail");
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    expect(t.logger.lines).toContainEqual(
      expect.objectContaining({
        level: "error",
        requestId: "boom-1",
        error: expect.stringContaining("secret internal detail"),
      }),
    );
  });

  it("a database that fails mid-request answers 500 with the envelope, for the API and for pages", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const user = await t.addUser("viewer");
    const { cookie } = await t.signIn(user.email);
    t.sqlite.close();
    const api = await t.app.request("/api/v1/users", { headers: admin });
    expect(api.status).toBe(500);
    const body = await api.text();
    expect(JSON.parse(body)).toEqual({ error: { code: "internal", message: expect.any(String) } });
    expect(body).not.toMatch(/database|sqlite|stack/i);
    const page = await t.app.request("/", { headers: { cookie } });
    expect(page.status).toBe(500);
    expect(await page.text()).not.toMatch(/sqlite|at .*\.ts/i);
  });

  it("logs one line per request with method, path, status, duration and id, and never a secret", async () => {
    const t = await buildTestApp();
    const admin = await t.bearer("admin");
    const token = admin.Authorization?.replace("Bearer ", "") ?? "";
    const user = await t.addUser("viewer");
    const loginPage = await t.app.request("/login");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await loginPage.text())?.[1] ?? "";
    const login = form({ email: user.email, password: TEST_PASSWORD, _csrf: csrf });
    await t.app.request("/login", {
      method: "POST",
      headers: { ...login.headers, cookie: cookieHeader(loginPage) },
      body: login.body,
    });
    await t.app.request("/api/v1/users?token=hidden-query-value", {
      headers: { ...admin, "x-request-id": "req-7" },
    });
    await t.app.request("/setup/one-time-setup-secret");

    const requests = t.logger.lines.filter((l) => l.msg === "request");
    expect(requests).toHaveLength(4);
    for (const line of requests) {
      expect(line).toMatchObject({
        method: expect.any(String),
        path: expect.any(String),
        status: expect.any(Number),
        durationMs: expect.any(Number),
        requestId: expect.any(String),
      });
    }
    expect(requests).toContainEqual(
      expect.objectContaining({
        method: "GET",
        path: "/api/v1/users",
        status: 200,
        requestId: "req-7",
        via: "token",
      }),
    );
    expect(requests).toContainEqual(expect.objectContaining({ method: "POST", path: "/login", status: 303 }));
    expect(requests).toContainEqual(expect.objectContaining({ path: "/setup/[redacted]", status: 410 }));
    const all = JSON.stringify(t.logger.lines);
    for (const secret of [token, TEST_PASSWORD, csrf, "hidden-query-value", "one-time-setup-secret"])
      expect(all).not.toContain(secret);
  });
});
