import type { Principal } from "../http/hono-env.ts";
import { CsrfField, Layout, Notice } from "../web/layout.tsx";
import type { QuestionnaireVersionMeta } from "./questionnaire-schemas.ts";
import type { TemplateIssue } from "./questionnaire-service.ts";
import type { VsaqImportReport } from "./vsaq/vsaq-convert.ts";

// The publishing side of the questionnaire pages: the upload forms with their problems, and the VSAQ import report.

/** What went wrong with an upload, shown above the forms. */
export interface UploadFailure {
  form: "template" | "vsaq";
  message: string;
  problems?: readonly TemplateIssue[];
}

function ProblemList(props: { failure: UploadFailure | undefined; form: UploadFailure["form"] }) {
  const failure = props.failure;
  if (!failure || failure.form !== props.form) return null;
  const problems = failure.problems ?? [];
  return (
    <div class="error-summary" role="alert" aria-labelledby={`${props.form}-problems-title`} tabindex={-1}>
      <h3 id={`${props.form}-problems-title`}>{failure.message}</h3>
      {problems.length > 0 ? (
        <ul>
          {problems.map((p) => (
            <li>
              <code>
                {p.file ? `${p.file}${p.line === undefined ? "" : `:${p.line}`}: ` : ""}
                {p.path}
              </code>
              : {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function FileField(props: { id: string; name: string; label: string; hint: string; required?: boolean }) {
  return (
    <>
      <label for={props.id}>
        {props.label}
        {props.required ? <span class="required"> (required)</span> : null}
      </label>
      <input
        type="file"
        id={props.id}
        name={props.name}
        required={props.required}
        aria-describedby={`${props.id}-hint`}
      />
      <small class="hint" id={`${props.id}-hint`}>
        {props.hint}
      </small>
    </>
  );
}

export function UploadForms(props: {
  principal: Principal | undefined;
  failure?: UploadFailure | undefined;
  maxMb: number;
}) {
  const { principal, failure } = props;
  return (
    <section aria-labelledby="publish-title">
      <h2 id="publish-title">Publish a questionnaire</h2>
      <p>
        Publishing stores an unchangeable version. Content equal to the latest version publishes nothing;
        changed content becomes the next version, and assessments already sent keep the version they were sent
        with.
      </p>
      <form
        method="post"
        action="/questionnaires/upload"
        enctype="multipart/form-data"
        aria-labelledby="upload-title"
      >
        <h3 id="upload-title">A template file</h3>
        <ProblemList failure={failure} form="template" />
        <CsrfField principal={principal} />
        <FileField
          id="upload-file"
          name="file"
          label="Template (YAML or JSON)"
          hint={`The format is described in questionnaires/README.md and /api/v1/questionnaires/schema.json. At most ${props.maxMb} MB.`}
          required
        />
        <button type="submit">Check and publish</button>
      </form>
      <form
        method="post"
        action="/questionnaires/import-vsaq"
        enctype="multipart/form-data"
        aria-labelledby="vsaq-title"
      >
        <h3 id="vsaq-title">A VSAQ questionnaire</h3>
        <ProblemList failure={failure} form="vsaq" />
        <CsrfField principal={principal} />
        <FileField
          id="vsaq-file"
          name="file"
          label="VSAQ questionnaire file"
          hint="One of Google's VSAQ questionnaires, such as webapp.json, or one written in that format."
          required
        />
        <FileField
          id="vsaq-extension"
          name="extension"
          label="Template extension (optional)"
          hint="A VSAQ extension file whose items are inserted first."
        />
        <div class="grid">
          <div>
            <label for="vsaq-key">Key (optional)</label>
            <input id="vsaq-key" name="key" aria-describedby="vsaq-key-hint" />
            <small class="hint" id="vsaq-key-hint">
              Lower-case letters, digits and '-'; vsaq-&lt;title&gt; when left empty.
            </small>
          </div>
          <div>
            <label for="vsaq-title-field">Title (optional)</label>
            <input id="vsaq-title-field" name="title" />
          </div>
        </div>
        <button type="submit">Import and publish</button>
      </form>
    </section>
  );
}

export function VsaqImportResultPage(props: {
  principal: Principal | undefined;
  meta: QuestionnaireVersionMeta;
  created: boolean;
  report: VsaqImportReport;
}) {
  const { meta, report } = props;
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([name, n]) => `${n} ${name}`)
      .join(", ") || "none";
  return (
    <Layout title="VSAQ import" principal={props.principal} currentPath="/questionnaires">
      <h1>VSAQ import: {meta.title}</h1>
      <Notice
        message={
          props.created
            ? `Published as version ${meta.version} of ${meta.key}.`
            : `Nothing new: version ${meta.version} of ${meta.key} already holds this content.`
        }
      />
      <p>
        <a href={`/questionnaires/${meta.key}?version=${meta.version}`}>Open the questionnaire</a>{" "}
        <a href={`/questionnaires/${meta.key}/preview?version=${meta.version}`}>Preview it</a>
      </p>
      <h2>What the import kept</h2>
      <dl class="details">
        <dt>VSAQ items</dt>
        <dd>{counts(report.items)}</dd>
        <dt>Choices</dt>
        <dd>{report.choices}</dd>
        <dt>Sections</dt>
        <dd>
          {report.sections} ({report.continuedSections} continue a block after a nested one)
        </dd>
        <dt>Questions made</dt>
        <dd>{counts(report.questions)}</dd>
        <dt>Conditions kept</dt>
        <dd>{report.conditions}</dd>
        <dt>Warnings turned into findings</dt>
        <dd>{report.warningFindings}</dd>
        <dt>Spacers dropped</dt>
        <dd>{report.droppedSpacers}</dd>
        <dt>VSAQ properties without a counterpart</dt>
        <dd>{counts(report.ignoredProperties)}</dd>
      </dl>
      <h2>Notes</h2>
      {report.warnings.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {report.warnings.map((w) => (
            <li>{w}</li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
