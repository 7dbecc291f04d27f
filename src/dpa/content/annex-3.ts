import type { DpaBlock } from "../dpa-document.ts";
import type { ContentContext } from "./context.ts";
import { joinList } from "./text.ts";
import { SUBPROCESSOR_MODULE, transferMechanismLabel } from "./transfer-facts.ts";

/** Annex III: the sub-processors the controller authorises (Art. 28(2) GDPR), with where and how data reaches them. */
export function annexThreeBlocks({ inputs, refs }: ContentContext): DpaBlock[] {
  const heading: DpaBlock = { kind: "heading", level: 1, text: "Annex III: Authorised sub-processors" };
  const clause = refs.clause("processor", "subprocessors");
  if (inputs.subprocessors.length === 0) {
    return [
      heading,
      {
        kind: "paragraph",
        text: `No sub-processor is authorised at the effective date. The processor may engage one only as clause ${clause} allows.`,
      },
    ];
  }
  return [
    heading,
    {
      kind: "paragraph",
      text: `The controller authorises the following sub-processors under clause ${clause}. "All processing" means every processing described in Annex I.B.`,
    },
    {
      kind: "table",
      columns: [
        { header: "Sub-processor", width: 0.18 },
        { header: "Service", width: 0.22 },
        { header: "Processing", width: 0.2 },
        { header: "Country", width: 0.13 },
        { header: "Transfer mechanism", width: 0.27 },
      ],
      rows: inputs.subprocessors.map((sub) => [
        sub.name,
        sub.service,
        sub.purposes.length > 0 ? joinList(sub.purposes) : "All processing",
        sub.location.countryName,
        transferMechanismLabel(sub.location, SUBPROCESSOR_MODULE),
      ]),
    },
  ];
}
