import type { PrefillReport } from "../vsaq-prefill.ts";
import { PortalLayout } from "./portal-layout.tsx";

/** The offer on the overview of a questionnaire imported from VSAQ. */
export function PrefillForm(props: { csrfToken: string; error?: string | undefined }) {
  return (
    <section aria-labelledby="prefill-title">
      <h2 id="prefill-title">Pre-fill from a VSAQ answers file</h2>
      <p>
        This questionnaire comes from Google's VSAQ format. If you have answered it before in VSAQ, you can
        load that answers file here. It fills only the questions you have not answered yet, as a draft: you
        can still change everything, and nothing is submitted.
      </p>
      <form method="post" action="/portal/assessment/prefill" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <label for="prefill-file">VSAQ answers file (JSON)</label>
        <input
          id="prefill-file"
          type="file"
          name="file"
          accept=".json,application/json"
          required
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={props.error ? "prefill-file-error" : undefined}
        />
        {props.error ? (
          <small class="field-error" id="prefill-file-error">
            <span class="visually-hidden">Error: </span>
            {props.error}
          </small>
        ) : null}
        <button type="submit" class="secondary">
          Pre-fill my answers
        </button>
      </form>
    </section>
  );
}

export function PrefillResultPage(props: { organisation: string; csrfToken: string; report: PrefillReport }) {
  const { report } = props;
  return (
    <PortalLayout title="Pre-fill result" organisation={props.organisation} csrfToken={props.csrfToken}>
      <h1>Answers pre-filled from your VSAQ file</h1>
      <p class="notice notice-ok" role="status">
        {report.filled} answer{report.filled === 1 ? " was" : "s were"} filled in as a draft. Nothing has been
        submitted.
      </p>
      {report.skipped.length > 0 ? (
        <>
          <h2>Not used ({report.skipped.length})</h2>
          <p>These entries of the file were left out:</p>
          <table>
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {report.skipped.map((s) => (
                <tr>
                  <td>
                    <code>{s.id}</code>
                  </td>
                  <td>{s.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <p>
        <a href="/portal/assessment" class="button-link">
          Check the answers
        </a>
      </p>
    </PortalLayout>
  );
}
