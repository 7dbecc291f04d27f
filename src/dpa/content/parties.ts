import type { DpaParty } from "../dpa-inputs.ts";
import { type ContentContext, servicesText } from "./context.ts";
import type { SectionDraft } from "./outline.ts";
import { describePerson, formatDate, partyAddress, partyName, sentence } from "./text.ts";

/** Section 1: who the parties are, their roles under Art. 4(7) and (8), the services and the term. */
export function partiesSection({ inputs, refs }: ContentContext): SectionDraft<"parties"> {
  const { controller, processor } = inputs;
  const transfers = refs.has("transfers");
  return {
    title: "Parties, roles and term",
    clauses: {
      parties: {
        title: "Parties",
        paragraphs: [
          'This data processing agreement ("this agreement") is made between:',
          `(a) ${partyName(controller)}, ${partyAddress(controller)}, acting as controller (the "controller"); and`,
          `(b) ${partyName(processor)}, ${partyAddress(processor)}, acting as processor (the "processor"),`,
          'each a "party". Annex I.A names the contact persons of each party.',
          ...dataProtectionContacts("controller", controller),
          ...dataProtectionContacts("processor", processor),
        ],
      },
      roles: {
        title: "Roles",
        paragraphs: [
          "For the processing described in this agreement, the controller decides the purposes and means of the processing and is a controller within the meaning of Art. 4(7) GDPR. The processor processes the personal data on the controller's behalf and is a processor within the meaning of Art. 4(8) GDPR.",
          "This agreement is the contract, binding on the processor with regard to the controller, that Art. 28(3) GDPR requires.",
        ],
      },
      services: {
        title: "Services",
        paragraphs: [
          `The processor provides the controller with the following services (the "services"): ${sentence(servicesText(inputs))}`,
          'The terms on which the processor provides the services, in whatever contract, order or terms of service they are recorded, are referred to as the "services agreement".',
        ],
      },
      term: {
        title: "Effective date and term",
        paragraphs: [
          `This agreement takes effect on ${formatDate(inputs.effectiveDate)} (the "effective date").`,
          `It remains in force for as long as the processor provides the services, and after that for as long as the processor or any sub-processor still holds any of the personal data, until deletion or return under clause ${refs.clause("processor", "deletion")} is complete. It then ends without notice. While the services continue, neither party may terminate this agreement on its own.`,
        ],
      },
      precedence: {
        title: "Order of precedence",
        paragraphs: [
          `This agreement forms part of the services agreement. Where the two conflict on any matter concerning personal data, this agreement prevails.${transfers ? ` Where the standard contractual clauses apply under clause ${refs.section("transfers")}, they prevail over both.` : ""}`,
        ],
      },
    },
  };
}

function dataProtectionContacts(role: "controller" | "processor", party: DpaParty): string[] {
  const lines: string[] = [];
  if (party.dpo) lines.push(`The ${role}'s data protection officer is ${describePerson(party.dpo)}.`);
  if (party.euRepresentative?.trim()) {
    lines.push(
      `The ${role}'s representative in the Union under Art. 27 GDPR is ${sentence(party.euRepresentative.trim())}`,
    );
  }
  return lines;
}

/** Section 2: the terms the agreement uses. */
export function definitionsSection({ inputs, refs }: ContentContext): SectionDraft<"definitions"> {
  const laws = [
    "the GDPR and any other law of the European Union or of its Member States on the protection of personal data that applies to the processing",
  ];
  if (inputs.ukData) {
    laws.push(
      "for personal data of people in the United Kingdom, the UK GDPR and the Data Protection Act 2018",
    );
  }
  if (refs.has("ccpa")) {
    laws.push(
      `for personal information of California consumers, the California Consumer Privacy Act of 2018 as amended (Cal. Civ. Code 1798.100 and following) and its regulations in Title 11 of the California Code of Regulations ("CCPA")`,
    );
  }
  return {
    title: "Definitions and interpretation",
    clauses: {
      terms: {
        title: "Definitions",
        paragraphs: [
          '"GDPR" means Regulation (EU) 2016/679 (General Data Protection Regulation). A reference to an article ("Art.") is to the GDPR unless another law is named.',
          '"Personal data", "processing", "controller", "processor", "data subject", "personal data breach" and "supervisory authority" have the meanings given in Art. 4 GDPR. "EEA" means the European Economic Area, and a "third country" is a country outside it.',
          '"The personal data" means the personal data that the processor processes on behalf of the controller under this agreement, as described in Annex I.B.',
          '"Sub-processor" means another processor that the processor engages to carry out specific processing activities on behalf of the controller (Art. 28(4)).',
          `"Data protection law" means ${laws.join("; and, ")}.`,
          '"In writing" includes email.',
        ],
      },
      interpretation: {
        title: "Annexes and interpretation",
        paragraphs: [
          "The annexes form part of this agreement: Annex I (list of parties and description of the processing), Annex II (technical and organisational measures) and Annex III (authorised sub-processors).",
          'Headings are for reference only. Words such as "including" and "for example" introduce examples and do not limit the words before them.',
        ],
      },
    },
  };
}
