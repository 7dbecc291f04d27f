import type { DpaStatus } from "../../db/schema.ts";
import type { Principal } from "../../http/hono-env.ts";
import type { FieldIssue } from "../../shared/errors.ts";
import { ErrorSummary, TextField } from "../../web/form-fields.tsx";
import { CsrfField, Notice } from "../../web/layout.tsx";
import type { DpaVersionView, VendorDpaStatus } from "../dpa-status.ts";

export const DPA_STATUS_LABELS: Record<DpaStatus, string> = {
  generated: "Generated",
  sent_for_signature: "Sent for signature",
  signed: "Signed",
  superseded: "Superseded",
};

const STATUS_CLASSES: Record<DpaStatus, string> = {
  generated: "tag",
  sent_for_signature: "tag tag-warn",
  signed: "tag tag-good",
  superseded: "tag muted",
};

export function DpaStatusTag(props: { status: DpaStatus; inForce?: boolean }) {
  return (
    <span class={STATUS_CLASSES[props.status]}>
      {DPA_STATUS_LABELS[props.status]}
      {props.inForce ? " (in force)" : ""}
    </span>
  );
}

/** The state of a form of the panel that came back with a problem. */
export interface DpaPanelState {
  error?: string | undefined;
  issues?: FieldIssue[] | undefined;
  effectiveDate?: string | undefined;
  signedOn?: string | undefined;
}

const LABELS = { effectiveDate: "Effective date", signedOn: "Date signed", file: "Countersigned PDF" };

function ChangeList(props: { items: string[]; empty?: string }) {
  if (props.items.length === 0) return props.empty ? <span class="muted">{props.empty}</span> : null;
  return (
    <ul class="changes">
      {props.items.map((item) => (
        <li>{item}</li>
      ))}
    </ul>
  );
}

function VersionRow(props: { v: DpaVersionView; inForce: boolean; first: boolean }) {
  const { v } = props;
  return (
    <tr>
      <th scope="row">v{v.version}</th>
      <td>
        <DpaStatusTag status={v.status} inForce={props.inForce} />
        {v.signed ? <div class="muted">signed {v.signed.signedOn}</div> : null}
        {v.sentAt ? <div class="muted">sent {v.sentAt.slice(0, 10)}</div> : null}
      </td>
      <td>{v.effectiveDate}</td>
      <td>
        {v.createdAt.slice(0, 10)}
        <div class="muted">{v.createdBy}</div>
      </td>
      <td>
        {v.pages} pages
        <div class="muted">
          <code title={v.sha256}>{v.sha256.slice(0, 12)}</code>
        </div>
      </td>
      <td>
        <ChangeList items={v.changes} empty={props.first ? "First version" : "No recorded change"} />
      </td>
      <td>
        <a href={`/api/v1/dpa/${v.documentId}`} download>
          Download PDF
        </a>
        {v.signed ? (
          <div>
            <a href={`/api/v1/dpa/${v.documentId}/signed`} download>
              Countersigned copy
            </a>
          </div>
        ) : null}
      </td>
    </tr>
  );
}

function Actions(props: {
  principal: Principal | undefined;
  status: VendorDpaStatus;
  state: DpaPanelState;
  today: string;
}) {
  const { status, principal, state } = props;
  const open = status.versions.find((v) => v.status === "generated" || v.status === "sent_for_signature");
  const vendorId = status.vendorId;
  return (
    <div class="dpa-actions">
      <ErrorSummary issues={state.issues} labels={LABELS} message={state.error} />
      {status.ready ? (
        <form method="post" action={`/vendors/${vendorId}/dpa/generate`} class="grid">
          <CsrfField principal={principal} />
          <TextField
            path="effectiveDate"
            label="Effective date"
            type="date"
            value={state.effectiveDate ?? props.today}
            issues={state.issues}
            hint="The same register gives back the latest version instead of a new one."
          />
          <div>
            <button type="submit">Generate DPA</button>
          </div>
        </form>
      ) : null}
      {open?.status === "generated" ? (
        <form method="post" action={`/dpa/${open.documentId}/sent`} class="inline-form">
          <CsrfField principal={principal} />
          <button type="submit" class="secondary">
            Mark version {open.version} as sent for signature
          </button>
        </form>
      ) : null}
      {open ? (
        <form method="post" action={`/dpa/${open.documentId}/signed`} enctype="multipart/form-data">
          <h3>Upload the countersigned version {open.version}</h3>
          <CsrfField principal={principal} />
          <div class="grid">
            <div class="field">
              <label for="f-file">Countersigned PDF (at most 20 MB)</label>
              <input id="f-file" type="file" name="file" accept=".pdf,application/pdf" required />
            </div>
            <TextField
              path="signedOn"
              label="Date signed"
              type="date"
              value={state.signedOn ?? ""}
              issues={state.issues}
              required
            />
          </div>
          <button type="submit">Upload signed copy</button>
        </form>
      ) : null}
    </div>
  );
}

/** The DPA section of a vendor page: versions, what changed, the version in force, and the actions. */
export function DpaPanel(props: {
  principal: Principal | undefined;
  status: VendorDpaStatus;
  canManage: boolean;
  today: string;
  notice?: string | undefined;
  state?: DpaPanelState | undefined;
}) {
  const { status } = props;
  const inForce = status.inForce;
  const latest = status.versions[0];
  return (
    <section id="dpa" aria-labelledby="dpa-title">
      <h2 id="dpa-title">Data processing agreement</h2>
      <Notice message={props.notice} />
      <p>
        {inForce
          ? `Version ${inForce.version} is in force, signed on ${inForce.signedOn}.`
          : "No signed DPA is in force yet."}
      </p>
      {status.outOfDate ? (
        <div class="notice notice-error" role="alert">
          <p>
            <strong>Out of date:</strong> the register, settings or assessment changed since version{" "}
            {inForce?.version} was signed. Generate a new version and have it signed.
          </p>
          <ChangeList items={status.changesSinceSigned} />
        </div>
      ) : null}
      {!status.ready ? (
        <div class="notice notice-error">
          <p>A DPA cannot be generated yet:</p>
          <ul>
            {status.problems.map((p) => (
              <li>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : latest && status.changesSinceLatest.length > 0 ? (
        <div>
          <p>A new version would carry these changes since version {latest.version}:</p>
          <ChangeList items={status.changesSinceLatest} />
        </div>
      ) : null}
      {status.versions.length === 0 ? (
        <p>No DPA has been generated for this vendor yet.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">DPA versions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Effective</th>
                <th scope="col">Generated</th>
                <th scope="col">File</th>
                <th scope="col">What changed</th>
                <th scope="col">Download</th>
              </tr>
            </thead>
            <tbody>
              {status.versions.map((v, i) => (
                <VersionRow
                  v={v}
                  inForce={inForce?.documentId === v.documentId}
                  first={i === status.versions.length - 1}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canManage ? (
        <Actions principal={props.principal} status={status} state={props.state ?? {}} today={props.today} />
      ) : null}
    </section>
  );
}
