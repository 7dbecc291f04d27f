import type { Context } from "hono";
import { Hono } from "hono";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { serviceContext } from "../http/service-context.ts";
import { CsrfField, Layout, Notice } from "../web/layout.tsx";
import { ImportRejectedError, type ImportReport, importRegisterCsv } from "./import-service.ts";
import { MAX_IMPORT_BYTES } from "./register-csv-layout.ts";

export const IMPORT_PAGE_PATH = "/vendors/import";

function ReportView(props: { report: ImportReport; rejected: boolean }) {
  const { report } = props;
  const tally = (t: ImportReport["vendors"]) =>
    `${t.created} created, ${t.updated} updated, ${t.unchanged} unchanged`;
  return (
    <section aria-labelledby="report-title">
      <h2 id="report-title">
        {props.rejected
          ? "Nothing was imported"
          : report.dryRun
            ? "Dry run: nothing was written"
            : "Import finished"}
      </h2>
      <p>
        {report.fileName}: {report.rows.total} rows, {report.rows.imported}{" "}
        {report.dryRun ? "would be imported" : "imported"}, {report.rows.rejected} rejected.
      </p>
      {props.rejected ? null : (
        <dl>
          <dt>Vendors</dt>
          <dd>{tally(report.vendors)}</dd>
          <dt>Data-sharing records</dt>
          <dd>{tally(report.records)}</dd>
          <dt>Contacts</dt>
          <dd>{tally(report.contacts)}</dd>
        </dl>
      )}
      {report.errors.length > 0 ? (
        <table>
          <caption>
            {report.errors.length} problem{report.errors.length === 1 ? "" : "s"}, by spreadsheet row (the
            header is row 1)
          </caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e) => (
              <tr>
                <td>{e.row}</td>
                <td>{e.column ? <code>{e.column}</code> : "(whole row)"}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function ImportPage(props: {
  c: Context<AppEnv>;
  report?: ImportReport;
  rejected?: boolean;
  error?: string;
}) {
  const { c } = props;
  return (
    <Layout title="Import vendors from CSV" principal={c.var.principal} currentPath="/vendors">
      <nav aria-label="breadcrumb">
        <ul>
          <li>
            <a href="/vendors">Vendors</a>
          </li>
          <li aria-current="page">Import from CSV</li>
        </ul>
      </nav>
      <h1>Import vendors from CSV</h1>
      <p>
        One row per data-sharing record; a vendor with several records takes several rows. Start from the{" "}
        <a href="/api/v1/vendors/import/template.csv" download>
          template
        </a>{" "}
        (or an export of the register). Every row is checked first; importing the same file again changes
        nothing.
      </p>
      <Notice message={props.error} kind="error" />
      {props.report ? <ReportView report={props.report} rejected={props.rejected ?? false} /> : null}
      <form method="post" action={IMPORT_PAGE_PATH} enctype="multipart/form-data">
        <CsrfField principal={c.var.principal} />
        <label for="import-file">CSV file (up to {MAX_IMPORT_BYTES / 1024 / 1024} MB)</label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv" required />
        <fieldset>
          <legend>How to import</legend>
          <label>
            <input type="checkbox" name="validOnly" value="on" /> Import the valid rows even if some rows have
            errors (otherwise nothing is written unless every row is valid)
          </label>
          <label>
            <input type="checkbox" name="dryRun" value="on" /> Dry run: check the file and show what would
            change, write nothing
          </label>
        </fieldset>
        <button type="submit">Import</button>
      </form>
    </Layout>
  );
}

/** The web page for the CSV import; the same service as the API and the CLI. */
export function registerIoPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(IMPORT_PAGE_PATH, requireAccess("procure"), (c) => c.html(<ImportPage c={c} />));
  app.post(IMPORT_PAGE_PATH, requireAccess("procure"), async (c) => {
    const length = Number(c.req.header("content-length") ?? 0);
    if (length > MAX_IMPORT_BYTES + 64 * 1024) {
      return c.html(
        <ImportPage c={c} error={`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`} />,
        413,
      );
    }
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) {
      return c.html(<ImportPage c={c} error="Choose a CSV file to import." />, 400);
    }
    if (file.size > MAX_IMPORT_BYTES) {
      return c.html(
        <ImportPage c={c} error={`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`} />,
        413,
      );
    }
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return c.html(
        <ImportPage c={c} error="The file is not UTF-8 text. Save it as CSV UTF-8 and try again." />,
        400,
      );
    }
    try {
      const report = await importRegisterCsv(serviceContext(c), {
        text,
        fileName: file.name || "upload.csv",
        mode: body.validOnly === "on" ? "valid-only" : "all",
        dryRun: body.dryRun === "on",
      });
      return c.html(<ImportPage c={c} report={report} />);
    } catch (err) {
      if (err instanceof ImportRejectedError)
        return c.html(<ImportPage c={c} report={err.report} rejected />, 400);
      throw err;
    }
  });
  return app;
}
