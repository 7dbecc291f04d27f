import type { Principal } from "../../http/hono-env.ts";
import type { FieldIssue } from "../../shared/errors.ts";
import { ChoiceGroup, ErrorSummary, TextField } from "../../web/form-fields.tsx";
import { CsrfField } from "../../web/layout.tsx";
import type { VendorStatus } from "../vendor-schemas.ts";
import { STATUS_TRANSITIONS } from "../vendor-service.ts";

export const STATUS_LABELS: Record<VendorStatus, string> = {
  intake: "Intake",
  under_review: "Under review",
  approved: "Approved",
  rejected: "Rejected",
  offboarding: "Offboarding",
  offboarded: "Offboarded",
};

/** What the button says for moving to each status. */
const STATUS_ACTIONS: Record<VendorStatus, string> = {
  intake: "Return to intake",
  under_review: "Start review",
  approved: "Approve",
  rejected: "Reject",
  offboarding: "Start offboarding",
  offboarded: "Mark as offboarded",
};

export function StatusTag(props: { status: VendorStatus }) {
  return <span class={`tag status status-${props.status}`}>{STATUS_LABELS[props.status]}</span>;
}

export interface OffboardingValues {
  disposition: string;
  confirmedOn: string;
  evidence: string;
}

const OFFBOARD_LABELS = {
  "offboarding.disposition": "Returned or deleted",
  "offboarding.confirmedOn": "Date of confirmation",
  "offboarding.evidence": "Evidence",
};

/** GDPR Art. 28(3)(g): at the end of the service the processor returns or deletes the data; we keep proof. */
function OffboardForm(props: {
  principal: Principal | undefined;
  vendorId: string;
  values?: OffboardingValues | undefined;
  issues?: FieldIssue[] | undefined;
}) {
  const values = props.values ?? { disposition: "", confirmedOn: "", evidence: "" };
  return (
    <form method="post" action={`/vendors/${props.vendorId}/status`} id="offboard" novalidate>
      <h3>Mark as offboarded</h3>
      <p>
        Confirm that the vendor returned or deleted all personal data at the end of the service (GDPR Art.
        28(3)(g)).
      </p>
      <ErrorSummary issues={props.issues} labels={OFFBOARD_LABELS} />
      <CsrfField principal={props.principal} />
      <input type="hidden" name="status" value="offboarded" />
      <ChoiceGroup
        path="offboarding.disposition"
        legend="What the vendor did with the data"
        type="radio"
        options={[
          ["returned", "Returned it to us"],
          ["deleted", "Deleted it"],
        ]}
        selected={[values.disposition]}
        issues={props.issues}
        required
      />
      <div class="grid">
        <TextField
          path="offboarding.confirmedOn"
          label="Date the vendor confirmed it"
          type="date"
          value={values.confirmedOn}
          issues={props.issues}
          required
        />
        <TextField
          path="offboarding.evidence"
          label="Evidence"
          value={values.evidence}
          issues={props.issues}
          multiline
          required
          hint="e.g. deletion certificate of 3 March, filed in the contract folder"
        />
      </div>
      <button type="submit">Mark as offboarded</button>
    </form>
  );
}

/** The vendor's lifecycle status and, for those who may change it, the allowed next steps. */
export function StatusPanel(props: {
  principal: Principal | undefined;
  vendorId: string;
  status: VendorStatus;
  canChange: boolean;
  offboarding: { disposition: string; confirmedOn: string | null; evidence: string | null } | null;
  error?: string | undefined;
  offboardValues?: OffboardingValues | undefined;
  offboardIssues?: FieldIssue[] | undefined;
}) {
  const next = STATUS_TRANSITIONS[props.status];
  const buttons = next.filter((s) => s !== "offboarded");
  return (
    <section id="status" aria-labelledby="status-title">
      <h2 id="status-title">Status</h2>
      <p>
        Current status: <StatusTag status={props.status} />
      </p>
      {props.offboarding ? (
        <p>
          Data {props.offboarding.disposition} (GDPR Art. 28(3)(g)), confirmed on{" "}
          {props.offboarding.confirmedOn ?? "an unrecorded date"}: {props.offboarding.evidence ?? ""}
        </p>
      ) : null}
      {props.error ? (
        <p class="notice notice-error" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.canChange && buttons.length > 0 ? (
        <div class="actions">
          {buttons.map((s) => (
            <form method="post" action={`/vendors/${props.vendorId}/status`} class="inline-form">
              <CsrfField principal={props.principal} />
              <input type="hidden" name="status" value={s} />
              <button type="submit" class="secondary">
                {STATUS_ACTIONS[s]}
              </button>
            </form>
          ))}
        </div>
      ) : null}
      {props.canChange && next.includes("offboarded") ? (
        <OffboardForm
          principal={props.principal}
          vendorId={props.vendorId}
          values={props.offboardValues}
          issues={props.offboardIssues}
        />
      ) : null}
    </section>
  );
}
