import type { Principal } from "../../http/hono-env.ts";
import { CsrfField } from "../../web/layout.tsx";
import { countryName, isEea } from "../countries.ts";
import {
  type Access,
  type Art9Condition,
  accessLabels,
  art9ConditionInfo,
  type DataCategory,
  dataCategoryInfo,
  dataSubjectLabel,
  type Frequency,
  frequencyLabels,
  type LegalBasis,
  legalBasisInfo,
  type SccModule,
  sccModuleInfo,
  type TransferMechanism,
  transferMechanismInfo,
} from "../register-vocabulary.ts";
import type { VendorDetail } from "../vendor-read.ts";

type Record = VendorDetail["processing"][number];
type Sub = VendorDetail["subprocessors"][number];

function Mechanism(props: { mechanism: string; sccModule?: number | undefined }) {
  const info = transferMechanismInfo[props.mechanism as TransferMechanism];
  const module = props.sccModule ? sccModuleInfo[props.sccModule as SccModule] : undefined;
  return (
    <>
      {info ? info.label : props.mechanism}
      {info?.article ? ` (${info.article})` : ""}
      {module ? `, ${module.label}` : ""}
    </>
  );
}

function Place(props: { country: string }) {
  return (
    <>
      {countryName(props.country)} ({props.country}){isEea(props.country) ? ", EEA" : ""}
    </>
  );
}

function Categories(props: { categories: string[] }) {
  return (
    <ul class="plain-list">
      {props.categories.map((c) => {
        const info = dataCategoryInfo[c as DataCategory];
        return (
          <li>
            {info?.label ?? c}
            {info?.special ? <span class="tag tag-special">GDPR Art. 9</span> : null}
            {info?.criminal ? <span class="tag tag-special">GDPR Art. 10</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

function RecordCard(props: {
  principal: Principal | undefined;
  vendorId: string;
  record: Record;
  index: number;
  canEdit: boolean;
}) {
  const { record: r } = props;
  const basis = legalBasisInfo[r.legalBasis as LegalBasis];
  const base = `/vendors/${props.vendorId}/processing/${r.id}`;
  const title = r.purpose || `Record ${props.index + 1} (no purpose recorded)`;
  return (
    <article id={`record-${r.id}`} aria-labelledby={`record-${r.id}-title`}>
      <h3 id={`record-${r.id}-title`}>{title}</h3>
      <dl class="details">
        <dt>Legal basis</dt>
        <dd>{basis ? `Art. 6(1)(${basis.letter}) ${basis.label}` : r.legalBasis}</dd>
        <dt>Categories of personal data</dt>
        <dd>
          <Categories categories={r.dataCategories} />
        </dd>
        {r.art9Condition ? (
          <>
            <dt>Art. 9(2) condition</dt>
            <dd>
              ({art9ConditionInfo[r.art9Condition as Art9Condition]?.letter}){" "}
              {art9ConditionInfo[r.art9Condition as Art9Condition]?.label ?? r.art9Condition}
            </dd>
          </>
        ) : null}
        {r.art10Basis ? (
          <>
            <dt>Art. 10 basis</dt>
            <dd>{r.art10Basis}</dd>
          </>
        ) : null}
        <dt>Data subjects</dt>
        <dd>{r.dataSubjects.map(dataSubjectLabel).join(", ")}</dd>
        <dt>Number of data subjects</dt>
        <dd>about {r.subjectCount.toLocaleString("en-US")}</dd>
        <dt>Retention</dt>
        <dd>{r.retention ?? <span class="muted">not recorded</span>}</dd>
        <dt>Frequency</dt>
        <dd>{frequencyLabels[r.frequency as Frequency] ?? r.frequency}</dd>
        <dt>Vendor's access</dt>
        <dd>{accessLabels[r.access as Access] ?? r.access}</dd>
        <dt>Processing locations</dt>
        <dd>
          <ul class="plain-list">
            {r.locations.map((l) => (
              <li>
                <Place country={l.country} />: <Mechanism mechanism={l.mechanism} sccModule={l.sccModule} />
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {props.canEdit ? (
        <div class="actions">
          <a href={`${base}/edit`} class="button-link secondary">
            Edit <span class="visually-hidden">record “{title}”</span>
          </a>
          <form method="post" action={`${base}/delete`} class="inline-form">
            <CsrfField principal={props.principal} />
            <button type="submit" class="secondary outline">
              Delete <span class="visually-hidden">record “{title}”</span>
            </button>
          </form>
        </div>
      ) : null}
    </article>
  );
}

export function ProcessingSection(props: {
  principal: Principal | undefined;
  vendor: VendorDetail;
  canEdit: boolean;
}) {
  const { vendor } = props;
  return (
    <section id="processing" aria-labelledby="processing-title">
      <h2 id="processing-title">Data-sharing records</h2>
      {props.canEdit ? (
        <p>
          <a href={`/vendors/${vendor.id}/processing/new`} class="button-link">
            Add a data-sharing record
          </a>
        </p>
      ) : null}
      {vendor.processing.length === 0 ? <p>No personal data recorded as shared with this vendor.</p> : null}
      {vendor.processing.map((record, index) => (
        <RecordCard
          principal={props.principal}
          vendorId={vendor.id}
          record={record}
          index={index}
          canEdit={props.canEdit}
        />
      ))}
    </section>
  );
}

export function SubprocessorSection(props: {
  principal: Principal | undefined;
  vendor: VendorDetail;
  canEdit: boolean;
}) {
  const { vendor } = props;
  const purposes = new Map(vendor.processing.map((r, i) => [r.id, r.purpose || `Record ${i + 1}`]));
  return (
    <section id="subprocessors" aria-labelledby="subprocessors-title">
      <h2 id="subprocessors-title">Sub-processors</h2>
      {props.canEdit ? (
        <p>
          <a href={`/vendors/${vendor.id}/subprocessors/new`} class="button-link">
            Add a sub-processor
          </a>
        </p>
      ) : null}
      {vendor.subprocessors.length === 0 ? (
        <p>No sub-processors recorded.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">Sub-processors of {vendor.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Service</th>
                <th scope="col">Location and safeguard</th>
                <th scope="col">Records it handles</th>
                <th scope="col">Added</th>
                {props.canEdit ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {vendor.subprocessors.map((s: Sub) => (
                <tr>
                  <td>
                    {s.name}
                    {s.dpfCertified ? <span class="tag">DPF</span> : null}
                  </td>
                  <td>{s.service}</td>
                  <td>
                    <Place country={s.country} />:{" "}
                    <Mechanism mechanism={s.mechanism} sccModule={s.sccModule} />
                  </td>
                  <td>{s.processingIds.map((id) => purposes.get(id) ?? id).join("; ") || "none"}</td>
                  <td>{s.addedOn ?? ""}</td>
                  {props.canEdit ? (
                    <td>
                      <form method="post" action={`/vendors/${vendor.id}/subprocessors/${s.id}/delete`}>
                        <CsrfField principal={props.principal} />
                        <button type="submit" class="secondary outline">
                          Remove <span class="visually-hidden">sub-processor {s.name}</span>
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
