import type { Hono } from "hono";
import type { AppEnv } from "../http/hono-env.ts";
import { Layout } from "../web/layout.tsx";

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}
type Paths = Record<string, Record<string, Operation>>;

/** A readable page built from the same OpenAPI document, with no script and nothing loaded from elsewhere. */
export function DocsPage(props: {
  doc: {
    info?: { title?: string; version?: string };
    paths?: Paths;
    components?: { schemas?: Record<string, unknown> };
  };
  principal: AppEnv["Variables"]["principal"];
}) {
  const paths = props.doc.paths ?? {};
  const ops = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(ops.map((o) => o.op.tags?.[0] ?? "Other"))];
  return (
    <Layout title="API documentation" principal={props.principal} currentPath="/docs">
      <h1>VendorVet API</h1>
      <p>
        Version {props.doc.info?.version}. Machine-readable description:{" "}
        <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Authenticate with{" "}
        <code>Authorization: Bearer &lt;token&gt;</code> (an admin creates tokens) or the web session. Errors
        look like <code>{'{ "error": { "code", "message", "details" } }'}</code>.
      </p>
      <nav aria-label="API sections">
        <ul>
          {tags.map((t) => (
            <li>
              <a href={`#tag-${t.replace(/\W+/g, "-")}`}>{t}</a>
            </li>
          ))}
        </ul>
      </nav>
      {tags.map((tag) => (
        <section id={`tag-${tag.replace(/\W+/g, "-")}`}>
          <h2>{tag}</h2>
          {ops
            .filter((o) => (o.op.tags?.[0] ?? "Other") === tag)
            .map(({ path, method, op }) => (
              <article>
                <h3>
                  <span class="op">{method}</span> <code>{path}</code>
                </h3>
                <p>{op.summary}</p>
                {op.description ? <p class="muted">{op.description}</p> : null}
                {op.parameters?.length ? (
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Parameter</th>
                        <th scope="col">In</th>
                        <th scope="col">Required</th>
                        <th scope="col">Description</th>
                      </tr>
                    </thead>
                    <tbody>
                      {op.parameters.map((p) => (
                        <tr>
                          <td>
                            <code>{p.name}</code>
                          </td>
                          <td>{p.in}</td>
                          <td>{p.required ? "yes" : "no"}</td>
                          <td>{p.description ?? ""}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
                {op.requestBody?.content?.["application/json"] ? (
                  <details>
                    <summary>Request body</summary>
                    <pre class="schema">
                      {JSON.stringify(op.requestBody.content["application/json"].schema, null, 2)}
                    </pre>
                  </details>
                ) : null}
                <p>
                  Responses:{" "}
                  {Object.entries(op.responses ?? {}).map(([code, r]) => (
                    <span class="tag" title={r.description}>
                      {code}
                    </span>
                  ))}
                </p>
              </article>
            ))}
        </section>
      ))}
      <h2>Schemas</h2>
      {Object.entries(props.doc.components?.schemas ?? {}).map(([name, schema]) => (
        <details>
          <summary>{name}</summary>
          <pre class="schema">{JSON.stringify(schema, null, 2)}</pre>
        </details>
      ))}
    </Layout>
  );
}

export function mountDocs(app: Hono<AppEnv>, getDocument: () => unknown): void {
  app.get("/docs", (c) =>
    c.html(
      <DocsPage doc={getDocument() as Parameters<typeof DocsPage>[0]["doc"]} principal={c.var.principal} />,
    ),
  );
}
