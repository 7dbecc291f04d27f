import type { ContentContext } from "./context.ts";
import type { SectionDraft } from "./outline.ts";
import { countryInSentence, lowerFirst, placeholder, points } from "./text.ts";
import {
  moduleLabel,
  PROCESSOR_MODULE,
  type RestrictedTransfer,
  SCC_DECISION,
  SUBPROCESSOR_MODULE,
  sccModules,
} from "./transfer-facts.ts";

/**
 * The international transfers section, present only when some processing reaches a third country that no
 * adequacy decision covers (Chapter V GDPR). It incorporates the 2021 SCCs by reference (Art. 46(2)(c)) with the
 * modules the register implies and the options from the settings; an unset option stays a visible placeholder.
 */
export function transfersSection({ inputs, refs, transfers }: ContentContext): SectionDraft<"transfers"> {
  const { settings } = inputs;
  const scope = refs.clause("transfers", "scope");
  const modules = sccModules(transfers);
  const alsoOther = transfers.some((t) => t.mechanism === "bcr" || t.mechanism === "derogation");
  return {
    title: "International transfers",
    clauses: {
      scope: {
        title: "Restricted transfers",
        paragraphs: [
          'The following transfers of the personal data go to third countries where no adequacy decision under Art. 45 GDPR covers the recipient ("restricted transfers"):',
          ...points(transfers.map(describeTransfer)),
          "Transfers to recipients that an adequacy decision covers, including recipients in the United States certified under the EU-US Data Privacy Framework, are not restricted transfers.",
        ],
      },
      incorporation: {
        title: "Standard contractual clauses",
        paragraphs: [
          `The standard contractual clauses for the transfer of personal data to third countries annexed to ${SCC_DECISION} (the "SCCs") are incorporated into this agreement by reference for the restricted transfers, in the modules below, and apply as if they were set out here in full.`,
          ...modules.map((module) =>
            moduleParagraph(
              module,
              scope,
              refs.clause("transfers", "options"),
              modules.includes(PROCESSOR_MODULE),
            ),
          ),
          ...(alsoOther
            ? [
                "The SCCs apply to every restricted transfer, including those for which the register also records binding corporate rules or a derogation, so that the transfer stays covered if that other mechanism ceases to apply.",
              ]
            : []),
        ],
      },
      options: {
        title: "Options chosen in the SCCs",
        paragraphs: [
          "The parties make the following choices in the SCCs:",
          ...points([
            `Clause 7 (docking clause): ${settings.sccDocking ? "included; other entities may accede to the SCCs with the agreement of the parties" : "not included"};`,
            `Clause 9(a) (use of sub-processors): Option 2, general written authorisation, applies; the data importer must inform the data exporter in writing of any intended addition or replacement of a sub-processor at least ${settings.subprocessorNoticeDays} days in advance, and the data exporter may object within that period;`,
            `Clause 11(a) (redress): ${settings.sccIndependentRedress?.trim() ? `the optional provision applies; data subjects may also lodge a complaint, free of charge, with the independent dispute resolution body ${settings.sccIndependentRedress.trim()}` : "the optional provision on an independent dispute resolution body is not used"};`,
            `Clause 13 (supervision): the competent supervisory authority is ${settings.supervisoryAuthority?.trim() || placeholder("supervisory authority")}, as Annex I.C states;`,
            `Clause 17 (governing law): Option 1 applies; the SCCs are governed by the law of ${settings.governingLaw?.trim() || placeholder("governing law")}; and`,
            `Clause 18(b) (choice of forum and jurisdiction): disputes arising from the SCCs are resolved by the courts of ${settings.courts?.trim() || placeholder("courts")}.`,
          ]),
        ],
      },
      annexes: {
        title: "Annexes of the SCCs",
        paragraphs: [
          "Annex I of this agreement completes Annex I of the SCCs (A. list of parties, B. description of the transfer, C. competent supervisory authority). Annex II of this agreement completes Annex II of the SCCs (technical and organisational measures), and Annex III of this agreement completes Annex III of the SCCs (list of sub-processors).",
        ],
      },
      assessment: {
        title: "Transfer impact assessment",
        paragraphs: [
          "The parties confirm that they have assessed, as Clause 14 of the SCCs requires, the laws and practices of each destination country of the restricted transfers in the light of the specific circumstances of the transfers and of the measures in Annex II. The transfer impact assessment is documented and kept on file by the controller, and will be made available to the competent supervisory authority on request.",
          "The processor must tell the controller promptly if it has reason to believe that laws or practices in a destination country prevent it, or a sub-processor, from fulfilling its obligations under the SCCs; the controller may then suspend the transfer (Clause 14(e) and (f) of the SCCs).",
        ],
      },
      precedence: {
        title: "Precedence of the SCCs",
        paragraphs: [
          "Where this agreement conflicts with the SCCs, the SCCs prevail (Clause 5 of the SCCs). Nothing in this agreement limits the rights that the SCCs give data subjects as third-party beneficiaries.",
        ],
      },
      ...(inputs.ukData
        ? {
            uk: {
              title: "UK International Data Transfer Addendum",
              paragraphs: [
                "For restricted transfers of personal data of people in the United Kingdom, the International Data Transfer Addendum to the EU Commission Standard Contractual Clauses issued by the UK Information Commissioner under section 119A of the Data Protection Act 2018 (version B1.0, in force since 21 March 2022) is incorporated into this agreement by reference and applies to those transfers.",
                `Its Table 1 (parties) is completed by Annex I.A, Table 2 (selected SCCs, modules and clauses) by clauses ${refs.clause("transfers", "incorporation")} and ${refs.clause("transfers", "options")}, and Table 3 (appendix information) by Annexes I to III of this agreement. For Table 4, both the importer and the exporter may end the Addendum as its Section 19 allows.`,
                "For those transfers, the Mandatory Clauses of the Addendum adapt the SCCs to UK data protection law and prevail over this agreement.",
              ],
            },
          }
        : {}),
    },
  };
}

function describeTransfer(transfer: RestrictedTransfer, index: number, all: RestrictedTransfer[]): string {
  const country = countryInSentence(transfer.countryName);
  const recipient =
    transfer.recipient === "processor"
      ? `to the processor in ${country}, for ${transfer.context}`
      : `to the sub-processor ${transfer.recipientName} in ${country}, for ${lowerFirst(transfer.context)}`;
  const other =
    transfer.mechanism === "bcr"
      ? "; binding corporate rules (Art. 47 GDPR) are also recorded for it"
      : transfer.mechanism === "derogation"
        ? "; a derogation (Art. 49 GDPR) is also recorded for it"
        : "";
  const end = index === all.length - 1 ? "." : ";";
  return `${recipient}: SCCs ${moduleLabel(transfer.module)}${other}${end}`;
}

function moduleParagraph(module: number, scope: string, options: string, processorImports: boolean): string {
  if (module === PROCESSOR_MODULE) {
    return `${moduleLabel(module)} applies to the restricted transfers to the processor listed in clause ${scope}, with the controller as data exporter and the processor as data importer. By signing this agreement the parties conclude the SCCs under this module.`;
  }
  if (module === SUBPROCESSOR_MODULE) {
    return `${moduleLabel(module)} applies to the onward transfers to the sub-processors listed in clause ${scope}. Before any such transfer the processor, as data exporter, must conclude the SCCs under this module with the sub-processor, as data importer, with the options of clause ${options} and their annexes completed from Annexes I to III of this agreement, and must give the controller a copy on request.${processorImports ? " Where the processor itself receives the personal data under Module 2, its onward transfers must also meet Clause 8.8 of that module." : ""}`;
  }
  return `${moduleLabel(module)} applies to the restricted transfers marked with it in clause ${scope}, with the parties in the roles that module assigns to them.`;
}
