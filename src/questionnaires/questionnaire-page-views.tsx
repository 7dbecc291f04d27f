import type { Principal } from "../http/hono-env.ts";
import { Layout, Notice } from "../web/layout.tsx";
import { countShownQuestions, QuestionnaireForm } from "./questionnaire-preview.tsx";
import type {
  QuestionnaireSummary,
  QuestionnaireVersionEntry,
  QuestionnaireVersionMeta,
} from "./questionnaire-schemas.ts";
import { type UploadFailure, UploadForms } from "./questionnaire-upload-views.tsx";
import type { Answers, Template } from "./template-schema.ts";

export const SOURCE_LABELS = {
  shipped: "shipped with VendorVet",
  upload: "uploaded",
  vsaq: "VSAQ import",
} as const;

export function QuestionnaireListPage(props: {
  principal: Principal | undefined;
  questionnaires: readonly QuestionnaireSummary[];
  canPublish: boolean;
  failure?: UploadFailure | undefined;
  maxMb: number;
}) {
  return (
    <Layout title="Questionnaires" principal={props.principal} currentPath="/questionnaires">
      <h1>Questionnaires</h1>
      {props.questionnaires.length === 0 ? (
        <p>No questionnaire is published yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Questionnaire</th>
              <th scope="col">For tiers</th>
              <th scope="col">Latest version</th>
              <th scope="col">Questions</th>
              <th scope="col">Versions</th>
            </tr>
          </thead>
          <tbody>
            {props.questionnaires.map((q) => (
              <tr>
                <td>
                  <a href={`/questionnaires/${q.key}`}>{q.title}</a>
                  <br />
                  <small class="muted">{q.key}</small>
                </td>
                <td>{q.tiers.join(", ")}</td>
                <td>{q.latestVersion}</td>
                <td>{q.questionCount}</td>
                <td>
                  {q.versions.map((v, i) => (
                    <>
                      {i > 0 ? ", " : ""}
                      <a href={`/questionnaires/${q.key}?version=${v.version}`}>
                        v{v.version} ({v.questionCount} questions)
                      </a>
                    </>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canPublish ? (
        <UploadForms principal={props.principal} failure={props.failure} maxMb={props.maxMb} />
      ) : null}
    </Layout>
  );
}

function VersionTable(props: {
  keyName: string;
  versions: readonly QuestionnaireVersionEntry[];
  current: number;
}) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Published</th>
          <th scope="col">By</th>
          <th scope="col">Source</th>
          <th scope="col">Questions</th>
          <th scope="col">Content hash</th>
        </tr>
      </thead>
      <tbody>
        {props.versions.map((v) => (
          <tr>
            <td>
              <a
                href={`/questionnaires/${props.keyName}?version=${v.version}`}
                aria-current={v.version === props.current ? "page" : undefined}
              >
                Version {v.version}
              </a>
            </td>
            <td>{v.publishedAt}</td>
            <td>{v.publishedBy}</td>
            <td>
              {SOURCE_LABELS[v.source]}
              {v.sourceName ? ` (${v.sourceName})` : ""}
            </td>
            <td>{v.questionCount}</td>
            <td>
              <code title={v.contentHash}>{v.contentHash.slice(0, 12)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function tagCounts(template: Template): [string, number][] {
  const counts = new Map<string, number>();
  for (const section of template.sections)
    for (const question of section.questions)
      for (const tag of question.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }));
}

export function QuestionnaireDetailPage(props: {
  principal: Principal | undefined;
  meta: QuestionnaireVersionMeta;
  template: Template;
  versions: readonly QuestionnaireVersionEntry[];
  notice?: string | undefined;
}) {
  const { meta, template } = props;
  const tags = tagCounts(template);
  const answerable = (s: Template["sections"][number]) => s.questions.filter((q) => q.type !== "notice");
  return (
    <Layout title={meta.title} principal={props.principal} currentPath="/questionnaires">
      <p>
        <a href="/questionnaires">Questionnaires</a>
      </p>
      <h1>{meta.title}</h1>
      <Notice message={props.notice} />
      {meta.description ? <p>{meta.description}</p> : null}
      <p>
        <a href={`/questionnaires/${meta.key}/preview?version=${meta.version}`}>
          Preview as the vendor sees it
        </a>{" "}
        <a href={`/api/v1/questionnaires/${meta.key}?version=${meta.version}`}>Template as JSON</a>
      </p>
      <dl class="details">
        <dt>Key</dt>
        <dd>
          <code>{meta.key}</code>
        </dd>
        <dt>Published version</dt>
        <dd>
          {meta.version} (the template calls itself version {template.version})
        </dd>
        <dt>For tiers</dt>
        <dd>{meta.tiers.join(", ")}</dd>
        <dt>Questions</dt>
        <dd>
          {meta.questionCount}, of which{" "}
          {template.sections.flatMap(answerable).filter((q) => q.critical).length} critical (knock-out)
        </dd>
        <dt>Estimated time</dt>
        <dd>{template.estimatedMinutes ? `${template.estimatedMinutes} minutes` : "not stated"}</dd>
        <dt>"Not applicable" answers</dt>
        <dd>
          {template.scoring.notApplicable === "exclude" ? "leave the score's denominator" : "count as passed"}
        </dd>
        <dt>Published</dt>
        <dd>
          {meta.publishedAt} by {meta.publishedBy}, {SOURCE_LABELS[meta.source]}
          {meta.sourceName ? ` (${meta.sourceName})` : ""}
        </dd>
        <dt>Content hash (SHA-256)</dt>
        <dd>
          <code>{meta.contentHash}</code>
        </dd>
      </dl>
      <h2>Sections</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col">Weight</th>
            <th scope="col">Questions</th>
            <th scope="col">Conditional</th>
          </tr>
        </thead>
        <tbody>
          {template.sections.map((s) => (
            <tr>
              <td>{s.title}</td>
              <td>{s.weight}</td>
              <td>{answerable(s).length}</td>
              <td>
                {s.showIf ? "whole section" : `${answerable(s).filter((q) => q.showIf).length} questions`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Framework tags</h2>
      {tags.length === 0 ? (
        <p>No question carries a framework tag.</p>
      ) : (
        <ul class="actions" aria-label="Tags with the number of questions carrying each">
          {tags.map(([tag, n]) => (
            <li class="tag">
              {tag} ({n})
            </li>
          ))}
        </ul>
      )}
      <h2>Versions</h2>
      <VersionTable keyName={meta.key} versions={props.versions} current={meta.version} />
    </Layout>
  );
}

export function QuestionnairePreviewPage(props: {
  principal: Principal | undefined;
  meta: QuestionnaireVersionMeta;
  template: Template;
  answers: Answers;
  errors: Readonly<Record<string, string>>;
}) {
  const { meta, template } = props;
  const counts = countShownQuestions(template, props.answers);
  const action = `/questionnaires/${meta.key}/preview`;
  return (
    <Layout title={`Preview: ${meta.title}`} principal={props.principal} currentPath="/questionnaires">
      <p>
        <a href={`/questionnaires/${meta.key}?version=${meta.version}`}>
          {meta.title}, version {meta.version}
        </a>
      </p>
      <h1>{template.title}</h1>
      <p role="status" class="notice">
        A preview of version {meta.version} exactly as a vendor will see it. Nothing here is saved. Showing{" "}
        {counts.shown} of {counts.shown + counts.hidden} questions; choose answers and press "Update preview"
        to see the questions that depend on them.
      </p>
      {template.description ? <p>{template.description}</p> : null}
      {template.estimatedMinutes ? <p class="muted">About {template.estimatedMinutes} minutes.</p> : null}
      <form method="get" action={action} novalidate aria-label="Questionnaire preview">
        <input type="hidden" name="version" value={String(meta.version)} />
        <QuestionnaireForm template={template} answers={props.answers} errors={props.errors} />
        <div class="actions">
          <button type="submit">Update preview</button>
          <a href={`${action}?version=${meta.version}`}>Clear the answers</a>
        </div>
      </form>
    </Layout>
  );
}
