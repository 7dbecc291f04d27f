import type { DpaBlock } from "../dpa-document.ts";
import type { DpaParty } from "../dpa-inputs.ts";
import type { ContentContext } from "./context.ts";
import { formatDate } from "./text.ts";

/** The signature blocks of both parties, after the clauses and before the annexes. */
export function signatureBlocks({ inputs }: ContentContext): DpaBlock[] {
  return [
    { kind: "heading", level: 2, text: "Signatures" },
    {
      kind: "paragraph",
      text: `Signed by the authorised representatives of the parties, with effect from ${formatDate(inputs.effectiveDate)}.`,
    },
    {
      kind: "signatures",
      parties: [signatory("Controller", inputs.controller), signatory("Processor", inputs.processor)],
    },
  ];
}

function signatory(role: string, party: DpaParty) {
  return {
    role,
    legalName: party.legalName,
    signatoryName: party.signatory?.name ?? null,
    signatoryTitle: party.signatory?.title ?? null,
  };
}
