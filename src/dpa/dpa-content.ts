import { annexOneBlocks } from "./content/annex-1.ts";
import { annexTwoBlocks } from "./content/annex-2.ts";
import { annexThreeBlocks } from "./content/annex-3.ts";
import { breachSection } from "./content/breach.ts";
import { ccpaSection } from "./content/ccpa.ts";
import type { ContentContext } from "./content/context.ts";
import { generalSection } from "./content/general.ts";
import { outlineBlocks, outlineRefs, planOutline, type SectionDrafts } from "./content/outline.ts";
import { definitionsSection, partiesSection } from "./content/parties.ts";
import { controllerSection, processingSection } from "./content/processing.ts";
import { processorSection } from "./content/processor-obligations.ts";
import { signatureBlocks } from "./content/signatures.ts";
import { formatDate, partyName } from "./content/text.ts";
import { restrictedTransfers } from "./content/transfer-facts.ts";
import { transfersSection } from "./content/transfers.ts";
import type { DpaBlock, DpaDocument } from "./dpa-document.ts";
import type { DpaInputs } from "./dpa-inputs.ts";

export interface DpaMeta {
  documentId: string;
  version: number;
  /** SHA-256 (hex) of the canonical inputs. */
  fingerprint: string;
}

/**
 * The wording of the data processing agreement for these inputs: the clauses of GDPR Art. 28(3), the transfer and
 * CCPA terms where the register calls for them, signature blocks and Annexes I to III. Pure and deterministic.
 */
export function buildDpaDocument(inputs: DpaInputs, meta: DpaMeta): DpaDocument {
  const transfers = restrictedTransfers(inputs);
  const outline = planOutline({
    transfers: transfers.length > 0,
    ccpa: inputs.ccpa,
    ukAddendum: inputs.ukData,
  });
  const ctx: ContentContext = { inputs, refs: outlineRefs(outline), transfers };
  const drafts: SectionDrafts = {
    parties: partiesSection(ctx),
    definitions: definitionsSection(ctx),
    processing: processingSection(ctx),
    controller: controllerSection(ctx),
    processor: processorSection(ctx),
    breach: breachSection(ctx),
    general: generalSection(ctx),
  };
  if (ctx.refs.has("transfers")) drafts.transfers = transfersSection(ctx);
  if (ctx.refs.has("ccpa")) drafts.ccpa = ccpaSection(ctx);

  const blocks: DpaBlock[] = [
    ...titleBlocks(inputs, meta),
    ...outlineBlocks(outline, drafts),
    ...signatureBlocks(ctx),
    { kind: "pageBreak" },
    ...annexOneBlocks(ctx),
    { kind: "pageBreak" },
    ...annexTwoBlocks(ctx),
    { kind: "pageBreak" },
    ...annexThreeBlocks(ctx),
  ];
  const { controller, processor } = inputs;
  return {
    title: `Data Processing Agreement between ${controller.legalName} and ${processor.legalName}`,
    subject: `Data processing agreement under Art. 28 GDPR for the processing of personal data by ${processor.legalName} on behalf of ${controller.legalName}`,
    author: controller.legalName,
    keywords: [
      "data processing agreement",
      "GDPR Art. 28",
      controller.legalName,
      processor.legalName,
      ...(transfers.length > 0 ? ["standard contractual clauses", "Decision (EU) 2021/914"] : []),
      ...(transfers.length > 0 && inputs.ukData ? ["UK International Data Transfer Addendum"] : []),
      ...(inputs.ccpa ? ["CCPA service provider"] : []),
    ],
    effectiveDate: inputs.effectiveDate,
    documentId: meta.documentId,
    version: meta.version,
    fingerprint: meta.fingerprint,
    paperSize: inputs.settings.paperSize,
    blocks,
  };
}

function titleBlocks(inputs: DpaInputs, meta: DpaMeta): DpaBlock[] {
  return [
    { kind: "heading", level: 1, text: "Data Processing Agreement" },
    {
      kind: "paragraph",
      style: "emphasis",
      text: `between ${partyName(inputs.controller)} as controller and ${partyName(inputs.processor)} as processor, under Art. 28 of the General Data Protection Regulation`,
    },
    {
      kind: "fields",
      rows: [
        ["Controller", inputs.controller.legalName],
        ["Processor", inputs.processor.legalName],
        ["Effective date", formatDate(inputs.effectiveDate)],
        ["Document", `${meta.documentId}, version ${meta.version}`],
      ],
    },
  ];
}
