import type { FieldIssue } from "../../shared/errors.ts";
import { TextField } from "../../web/form-fields.tsx";
import type { VendorFormValues } from "../form-parsing.ts";

type DpaPartyField = "dpoName" | "dpoEmail" | "euRepresentative" | "signatoryName" | "signatoryTitle";

/** Labels of the DPA party fields, shared with the vendor form's error summary. */
export const DPA_PARTY_LABELS: Record<DpaPartyField, string> = {
  dpoName: "Data protection officer (name)",
  dpoEmail: "Data protection officer (email)",
  euRepresentative: "EU representative",
  signatoryName: "Signatory name",
  signatoryTitle: "Signatory title",
};

/** The vendor's own DPO, EU representative and signatory, in rows: the processor's side of its DPA names them. */
const DPA_PARTY_ROWS: { path: DpaPartyField; hint?: string; type?: "email"; multiline?: true }[][] = [
  [{ path: "dpoName" }, { path: "dpoEmail", type: "email", hint: "Only if it has one (GDPR Art. 37)" }],
  [
    {
      path: "euRepresentative",
      multiline: true,
      hint: "Name and address of the vendor's Art. 27 representative, if it is established outside the EU",
    },
  ],
  [
    { path: "signatoryName", hint: "Who signs the DPA for the vendor" },
    { path: "signatoryTitle", hint: "Their position, e.g. “Managing Director”" },
  ],
];

/** The fieldset "For the data processing agreement" of the vendor form; every field optional. */
export function DpaPartyFieldset(props: { values: VendorFormValues; issues?: FieldIssue[] | undefined }) {
  return (
    <fieldset id="f-dpa-parties">
      <legend>For the data processing agreement</legend>
      <small class="hint">Optional. The DPA leaves lines to fill in by hand for what is not recorded.</small>
      {DPA_PARTY_ROWS.map((row) => (
        <div class="grid">
          {row.map((f) => (
            <TextField
              {...f}
              label={DPA_PARTY_LABELS[f.path]}
              value={props.values[f.path]}
              issues={props.issues}
            />
          ))}
        </div>
      ))}
    </fieldset>
  );
}
