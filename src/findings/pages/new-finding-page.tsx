import type { Principal } from "../../http/hono-env.ts";
import { Layout } from "../../web/layout.tsx";
import { NewFindingForm, type NewFindingFormProps } from "./new-finding-form.tsx";

/** The new-finding form on a page of its own: reached directly, or when an embedded form comes back with errors. */
export function NewFindingPage(
  props: NewFindingFormProps & {
    principal: Principal | undefined;
    vendorName: string;
    question?: string | undefined;
    /** Where "Back" leads: the page the reviewer came from. */
    backTo: string;
  },
) {
  const { vendorName, question, backTo, ...form } = props;
  return (
    <Layout title="Add a finding" principal={props.principal} currentPath="/findings">
      <p>
        <a href={backTo}>Back</a>
      </p>
      <h1>Add a finding for {vendorName}</h1>
      {question ? (
        <p>
          About the question: <q>{question}</q>
        </p>
      ) : null}
      <NewFindingForm {...form} />
    </Layout>
  );
}
