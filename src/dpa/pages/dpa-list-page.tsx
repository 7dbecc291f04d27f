import type { DpaStatus } from "../../db/schema.ts";
import type { Principal } from "../../http/hono-env.ts";
import { Layout, Notice } from "../../web/layout.tsx";
import { DpaStatusTag } from "./dpa-panel.tsx";

export interface ApprovedVendorDpa {
  vendorId: string;
  vendorName: string;
  documentId: string | null;
  version: number | null;
  status: DpaStatus | null;
  signedOn: string | null;
  createdAt: string | null;
}

/** The DPAs of all approved vendors at a glance, with the export of every current one. */
export function DpaListPage(props: {
  principal: Principal | undefined;
  rows: ApprovedVendorDpa[];
  canExport: boolean;
}) {
  const withDpa = props.rows.filter((r) => r.documentId !== null);
  const signed = withDpa.filter((r) => r.status === "signed").length;
  return (
    <Layout title="DPAs" principal={props.principal} currentPath="/dpa">
      <h1>Data processing agreements</h1>
      <p>
        {props.rows.length} approved vendor{props.rows.length === 1 ? "" : "s"}: {signed} with a signed DPA in
        force, {withDpa.length - signed} with a DPA not signed yet, {props.rows.length - withDpa.length}{" "}
        without a DPA.
      </p>
      {props.canExport ? (
        <p class="actions">
          <a href="/api/v1/dpa/export.zip" class="button-link" download>
            Export all current DPAs (ZIP)
          </a>
        </p>
      ) : null}
      <Notice
        message={
          props.canExport
            ? "The ZIP holds each vendor's signed copy where there is one, else its latest generated version."
            : undefined
        }
      />
      {props.rows.length === 0 ? (
        <p>No vendor is approved yet.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">Approved vendors and their current DPA</caption>
            <thead>
              <tr>
                <th scope="col">Vendor</th>
                <th scope="col">Current DPA</th>
                <th scope="col">Status</th>
                <th scope="col">Date</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/vendors/${r.vendorId}#dpa`}>{r.vendorName}</a>
                  </th>
                  <td>
                    {r.documentId ? (
                      <a
                        href={`/api/v1/dpa/${r.documentId}${r.status === "signed" ? "/signed" : ""}`}
                        download
                      >
                        Version {r.version}
                      </a>
                    ) : (
                      <span class="muted">None yet</span>
                    )}
                  </td>
                  <td>
                    {r.status ? <DpaStatusTag status={r.status} inForce={r.status === "signed"} /> : null}
                  </td>
                  <td>
                    {r.status === "signed" ? `signed ${r.signedOn}` : (r.createdAt?.slice(0, 10) ?? "")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
