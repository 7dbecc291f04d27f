import type { ContentContext } from "./context.ts";
import type { SectionDraft } from "./outline.ts";
import { placeholder } from "./text.ts";

/** The last section: how the agreement ends, what happens on non-compliance, liability and boilerplate. */
export function generalSection({ inputs, refs }: ContentContext): SectionDraft<"general"> {
  const { governingLaw, courts } = inputs.settings;
  const transfers = refs.has("transfers")
    ? ` Clause ${refs.clause("transfers", "options")} governs the SCCs.`
    : "";
  return {
    title: "Term, termination and general provisions",
    clauses: {
      end: {
        title: "End of the agreement",
        paragraphs: [
          `This agreement ends as clause ${refs.clause("parties", "term")} states. The obligations that by their nature continue, in particular confidentiality, deletion or return and its confirmation, and liability, survive its end for as long as the processor or a sub-processor holds any of the personal data.`,
        ],
      },
      noncompliance: {
        title: "Non-compliance",
        paragraphs: [
          "If the processor cannot comply with this agreement or with data protection law for any reason, it must inform the controller promptly.",
          "Where the processor is in breach of this agreement or data protection law, the controller may instruct it to suspend the processing, including any transfer, until compliance is restored, and may terminate the affected services, and the services agreement in so far as it concerns them, if compliance is not restored within a reasonable time.",
        ],
      },
      liability: {
        title: "Liability",
        paragraphs: [
          `Liability between the parties under this agreement follows the services agreement. Nothing in this agreement limits either party's liability to data subjects under Art. 82 GDPR, or the processor's liability for its sub-processors under clause ${refs.clause("processor", "subprocessors")}.`,
        ],
      },
      changes: {
        title: "Changes",
        paragraphs: [
          `Changes to this agreement, including its annexes, must be made in writing and signed by both parties, except the replacement of a measure under clause ${refs.clause("processor", "security")} and changes of sub-processors made under clause ${refs.clause("processor", "subprocessors")}. Where data protection law changes, the parties will amend this agreement to the extent needed to comply with it.`,
        ],
      },
      notices: {
        title: "Notices",
        paragraphs: [
          "Notices under this agreement must be given in writing to the contacts named in Annex I.A, or to other contacts a party names in writing.",
        ],
      },
      law: {
        title: "Governing law and jurisdiction",
        paragraphs: [
          `This agreement is governed by the law of ${governingLaw?.trim() || placeholder("governing law")}. The courts of ${courts?.trim() || placeholder("courts")} have jurisdiction over any dispute arising from it.${transfers}`,
        ],
      },
      severability: {
        title: "Severability",
        paragraphs: [
          "If a provision of this agreement is invalid or unenforceable, the rest of it remains in force, and the parties will replace that provision with a valid one that comes as close as possible to its purpose and that meets Art. 28 GDPR.",
        ],
      },
    },
  };
}
