import type { Principal } from "../../http/hono-env.ts";
import { Layout, Notice } from "../../web/layout.tsx";
import type { Finding } from "../finding-schemas.ts";
import { FindingStatusTag, SeverityTag } from "./finding-tags.tsx";
import { NewFindingForm, type NewFindingFormProps } from "./new-finding-form.tsx";

/** The question's findings still waiting for work, each opening with the way back the reviewer came by. */
function OpenFindings(props: { findings: Finding[]; returnTo: string | undefined }) {
  if (props.findings.length === 0) return null;
  const query = props.returnTo ? `?${new URLSearchParams({ returnTo: props.returnTo })}` : "";
  const one = props.findings.length === 1;
  return (
    <section aria-labelledby="open-findings-title" id="open-findings">
      <h2 id="open-findings-title">
        {one ? "An open finding" : `${props.findings.length} open findings`} about this question already
      </h2>
      <ul class="plain-list">
        {props.findings.map((f) => (
          <li>
            <SeverityTag severity={f.severity} /> <a href={`/findings/${f.id}${query}`}>{f.title}</a>{" "}
            <FindingStatusTag status={f.status} overdue={f.overdue} />
          </li>
        ))}
      </ul>
      <p>Add another only when it is a different problem; a finding with the same title is refused.</p>
    </section>
  );
}

/** The new-finding form on a page of its own: reached directly, or when an embedded form comes back with errors. */
export function NewFindingPage(
  props: NewFindingFormProps & {
    principal: Principal | undefined;
    vendorName: string;
    question?: string | undefined;
    /** Findings still waiting for work about the same question. */
    openFindings?: Finding[] | undefined;
    /** Why the service refused the finding (a copy of an open one). */
    error?: string | undefined;
    /** Where "Back" leads: the page the reviewer came from. */
    backTo: string;
  },
) {
  const { vendorName, question, backTo, openFindings = [], error, ...form } = props;
  return (
    <Layout title="Add a finding" principal={props.principal} currentPath="/findings">
      <p>
        <a href={backTo}>Back</a>
      </p>
      <h1>Add a finding for {vendorName}</h1>
      <Notice message={error} kind="error" />
      {question ? (
        <p>
          About the question: <q>{question}</q>
        </p>
      ) : null}
      <OpenFindings findings={openFindings} returnTo={form.returnTo} />
      <NewFindingForm {...form} />
    </Layout>
  );
}
