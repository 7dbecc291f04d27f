import type { Child } from "hono/jsx";
import type { Principal } from "../../http/hono-env.ts";
import type { FieldIssue } from "../../shared/errors.ts";
import { Layout, Notice } from "../../web/layout.tsx";
import { countryName } from "../countries.ts";
import { type ContactRole, contactRoleLabels } from "../register-vocabulary.ts";
import type { VendorDetail } from "../vendor-read.ts";
import { ProcessingSection, SubprocessorSection } from "./register-sections.tsx";
import { RiskPanel, TierTag } from "./risk-panel.tsx";
import { type OffboardingValues, StatusPanel, StatusTag } from "./status-panel.tsx";

/** A form on the vendor page that came back with problems, so it is shown again with what was typed. */
export type DetailFormState =
  | { form: "override"; values: { tier: string; reason: string }; issues?: FieldIssue[] }
  | { form: "status"; error?: string; values?: OffboardingValues; issues?: FieldIssue[] };

const yesNo = (b: boolean) => (b ? "Yes" : "No");

function Details(props: { vendor: VendorDetail }) {
  const v = props.vendor;
  const missing = <span class="muted">not recorded</span>;
  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      <dl class="details">
        <dt>Legal entity name</dt>
        <dd>{v.legalName ?? missing}</dd>
        <dt>Registered address</dt>
        <dd class="pre-line">{v.registeredAddress ?? missing}</dd>
        <dt>Country</dt>
        <dd>
          {countryName(v.country)} ({v.country})
        </dd>
        <dt>Website</dt>
        <dd>{v.website ? <a href={v.website}>{v.website}</a> : missing}</dd>
        <dt>Service</dt>
        <dd class="pre-line">{v.serviceDescription ?? missing}</dd>
        <dt>Business owner</dt>
        <dd>{v.businessOwner ?? missing}</dd>
        <dt>Business criticality</dt>
        <dd>{v.businessCriticality}</dd>
        <dt>EU-US Data Privacy Framework</dt>
        <dd>{yesNo(v.dpfCertified)}</dd>
        <dt>Canadian commercial organisation</dt>
        <dd>{yesNo(v.canadaCommercial)}</dd>
        <dt>CCPA service provider</dt>
        <dd>{yesNo(v.ccpaServiceProvider)}</dd>
      </dl>
      <DpaParties vendor={v} />
    </section>
  );
}

/** What the processor's side of the DPA names; unset ones are left as lines to fill in on the document. */
function DpaParties(props: { vendor: VendorDetail }) {
  const v = props.vendor;
  const missing = <span class="muted">not recorded; left blank in the DPA</span>;
  const dpo = [v.dpoName, v.dpoEmail].filter((part) => part !== null);
  const signatory = [v.signatoryName, v.signatoryTitle].filter((part) => part !== null);
  return (
    <>
      <h3 id="dpa-parties-title">For the data processing agreement</h3>
      <dl class="details" aria-labelledby="dpa-parties-title">
        <dt>Data protection officer</dt>
        <dd>
          {v.dpoName ?? (v.dpoEmail ? null : missing)}
          {v.dpoEmail ? (
            <>
              {dpo.length > 1 ? ", " : null}
              <a href={`mailto:${v.dpoEmail}`}>{v.dpoEmail}</a>
            </>
          ) : null}
        </dd>
        <dt>EU representative (Art. 27)</dt>
        <dd class="pre-line">{v.euRepresentative ?? missing}</dd>
        <dt>Signatory</dt>
        <dd>{signatory.length > 0 ? signatory.join(", ") : missing}</dd>
      </dl>
    </>
  );
}

function Contacts(props: { vendor: VendorDetail; canEdit: boolean }) {
  const { vendor } = props;
  return (
    <section aria-labelledby="vendor-contacts-title">
      <h2 id="vendor-contacts-title">Contacts</h2>
      {vendor.contacts.length === 0 ? (
        <p>No contacts recorded.</p>
      ) : (
        <ul class="plain-list">
          {vendor.contacts.map((c) => (
            <li>
              {c.name} (<a href={`mailto:${c.email}`}>{c.email}</a>),{" "}
              {contactRoleLabels[c.role as ContactRole] ?? c.role}
            </li>
          ))}
        </ul>
      )}
      {props.canEdit ? (
        <p>
          <a href={`/vendors/${vendor.id}/edit#contacts`}>Add or remove contacts</a>
        </p>
      ) : null}
    </section>
  );
}

/** Everything the register holds on one vendor, with the actions the signed-in role may take. */
export function VendorDetailPage(props: {
  principal: Principal | undefined;
  vendor: VendorDetail;
  canEdit: boolean;
  canOverride: boolean;
  notice?: string | undefined;
  state?: DetailFormState | undefined;
  /** The vendor's questionnaires, rendered by the assessments feature. */
  assessments?: Child;
  /** The vendor's DPA versions and actions, rendered by the DPA feature (vendorDpaPanel in src/dpa/dpa-pages.tsx). */
  dpa?: Child;
}) {
  const { vendor, principal, state } = props;
  return (
    <Layout title={vendor.name} principal={principal} currentPath="/vendors">
      <nav aria-label="breadcrumb">
        <ul>
          <li>
            <a href="/vendors">Vendors</a>
          </li>
          <li aria-current="page">{vendor.name}</li>
        </ul>
      </nav>
      <h1>{vendor.name}</h1>
      <p>
        <StatusTag status={vendor.status} /> <TierTag tier={vendor.tier} /> tier
        {vendor.needsReassessment ? <span class="tag tag-warn">Needs reassessment</span> : null}
      </p>
      <Notice message={props.notice} />
      {props.canEdit ? (
        <p class="actions">
          <a href={`/vendors/${vendor.id}/edit`} class="button-link secondary">
            Edit details
          </a>
        </p>
      ) : null}
      {props.assessments}
      <nav aria-label="On this page">
        <ul class="toc">
          <li>
            <a href="#status">Status</a>
          </li>
          <li>
            <a href="#processing">Data-sharing records</a>
          </li>
          <li>
            <a href="#subprocessors">Sub-processors</a>
          </li>
          <li>
            <a href="#residual">Residual risk</a>
          </li>
          <li>
            <a href="#risk">Inherent risk</a>
          </li>
          <li>
            <a href="#checks">Register checks</a>
          </li>
          {props.dpa ? (
            <li>
              <a href="#dpa">DPA</a>
            </li>
          ) : null}
        </ul>
      </nav>
      <Details vendor={vendor} />
      <StatusPanel
        principal={principal}
        vendorId={vendor.id}
        status={vendor.status}
        canChange={props.canEdit}
        offboarding={vendor.offboarding}
        error={state?.form === "status" ? state.error : undefined}
        offboardValues={state?.form === "status" ? state.values : undefined}
        offboardIssues={state?.form === "status" ? state.issues : undefined}
      />
      <Contacts vendor={vendor} canEdit={props.canEdit} />
      <ProcessingSection principal={principal} vendor={vendor} canEdit={props.canEdit} />
      <SubprocessorSection principal={principal} vendor={vendor} canEdit={props.canEdit} />
      <RiskPanel
        principal={principal}
        vendorId={vendor.id}
        risk={vendor.risk}
        canOverride={props.canOverride}
        overrideValues={state?.form === "override" ? state.values : undefined}
        overrideIssues={state?.form === "override" ? state.issues : undefined}
      />
      {props.dpa}
    </Layout>
  );
}
