import type { DpaInputs } from "../dpa-inputs.ts";
import { type ContentContext, registerPurposes } from "./context.ts";
import type { ClauseKey, SectionDraft } from "./outline.ts";
import { contractWording, enumerate, joinList, lowerFirst, placeholder, points, unique } from "./text.ts";

/**
 * Section 3: what Art. 28(3) GDPR says the contract must set out (subject matter, duration, nature and purpose,
 * type of personal data, categories of data subjects), taken from the register. The purposes are quoted as the
 * register states them, never replaced by a generic "to provide the services".
 */
export function processingSection({ inputs, refs }: ContentContext): SectionDraft<"processing"> {
  const noRecords = inputs.records.length === 0;
  const missing = placeholder("the processing of personal data (the register records none for this vendor)");
  return {
    title: "Subject matter and details of the processing",
    clauses: {
      subject: {
        title: "Subject matter",
        paragraphs: [
          `The subject matter of the processing is the personal data that the processor processes on behalf of the controller in providing the services described in clause ${refs.clause("parties", "services")}.`,
        ],
      },
      duration: {
        title: "Duration",
        paragraphs: [
          `The processing lasts for the term of this agreement (clause ${refs.clause("parties", "term")}). Within that term the processor keeps the personal data of each processing no longer than the retention period Annex I.B states for it, unless the controller instructs otherwise in writing, and at the end it deletes or returns all of it under clause ${refs.clause("processor", "deletion")}.`,
        ],
      },
      nature: {
        title: "Nature of the processing",
        paragraphs: noRecords
          ? [missing]
          : [
              "The processing consists of the following, as recorded in the controller's register of processing:",
              ...enumerate(
                inputs.records.map(
                  (record) =>
                    `for "${record.purpose}": ${lowerFirst(contractWording(record.access))}, ${lowerFirst(record.frequency)} processing`,
                ),
              ),
            ],
      },
      purposes: {
        title: "Purposes of the processing",
        paragraphs: noRecords
          ? [missing]
          : [
              "The processor may process the personal data only for the following purposes, as the controller's register of processing states them, and for no other purpose:",
              ...enumerate(registerPurposes(inputs)),
            ],
      },
      data: {
        title: "Types of personal data",
        paragraphs: noRecords ? [missing] : dataTypeParagraphs(inputs),
      },
      subjects: {
        title: "Categories of data subjects",
        paragraphs: noRecords
          ? [missing]
          : [
              `The personal data relates to the following categories of data subjects: ${joinList(unique(inputs.records.flatMap((record) => record.dataSubjects)))}. Annex I.B states the approximate number of data subjects of each processing.`,
            ],
      },
      description: {
        title: "Detailed description",
        paragraphs: [
          "Annex I.B describes each processing in detail: its data subjects, personal data, special categories and their safeguards, frequency, nature, purpose, retention and the sub-processors that take part in it.",
        ],
      },
    },
  };
}

function dataTypeParagraphs(inputs: DpaInputs): string[] {
  const categories = inputs.records.flatMap((record) => record.dataCategories);
  const labels = (filter: (category: (typeof categories)[number]) => boolean): string[] =>
    unique(categories.filter(filter).map((category) => category.label));
  const special = labels((category) => category.special);
  const criminal = labels((category) => category.criminal);
  const paragraphs = [
    `The personal data consists of the following categories: ${labels(() => true).join("; ")}.`,
  ];
  if (special.length > 0) {
    paragraphs.push(
      `These include special categories of personal data under Art. 9(1) GDPR: ${special.join("; ")}. Annex I.B states, for each processing, the condition of Art. 9(2) GDPR that applies and the safeguards applied to these data.`,
    );
  }
  if (criminal.length > 0) {
    paragraphs.push(
      `These include personal data relating to criminal convictions and offences (Art. 10 GDPR): ${criminal.join("; ")}. Annex I.B states the basis under Art. 10 GDPR for each processing.`,
    );
  }
  if (special.length === 0 && criminal.length === 0) {
    paragraphs.push(
      "They include no special categories of personal data (Art. 9 GDPR) and no personal data relating to criminal convictions and offences (Art. 10 GDPR).",
    );
  }
  return paragraphs;
}

/** Section 4: the controller's side of Art. 28(3) ("the obligations and rights of the controller"). */
export function controllerSection({ refs }: ContentContext): SectionDraft<"controller"> {
  const clause = (key: ClauseKey<"processor">) => refs.clause("processor", key);
  return {
    title: "Obligations and rights of the controller",
    clauses: {
      lawfulness: {
        title: "Lawfulness of the processing",
        paragraphs: [
          "The controller is responsible for the lawfulness of the processing it instructs. It must have a legal basis under Art. 6(1) GDPR for each processing (Annex I.B states it) and, where special categories of personal data or personal data relating to criminal convictions and offences are processed, a condition under Art. 9(2) GDPR or a basis under Art. 10 GDPR.",
          "The controller must give the data subjects the information that Art. 13 and 14 GDPR require.",
        ],
      },
      instructions: {
        title: "Instructions",
        paragraphs: [
          "The controller gives its instructions to the processor in writing. At the effective date its documented instructions are this agreement, the services agreement and the controller's own use and configuration of the services.",
          "The controller may give further instructions in writing at any time. An instruction that would change the scope of the services may be made subject to a change to the services agreement agreed between the parties.",
        ],
      },
      rights: {
        title: "Rights of the controller",
        paragraphs: [
          "In addition to its rights under data protection law, the controller may:",
          ...points([
            `give, change or withdraw instructions (clause ${refs.clause("controller", "instructions")});`,
            `obtain information and carry out audits, including inspections (clause ${clause("audits")});`,
            `object to a new or replacement sub-processor (clause ${clause("subprocessors")});`,
            `require the processor's assistance with data subject requests, with its obligations under Art. 32 to 36 GDPR and with personal data breaches (clauses ${clause("requests")}, ${clause("assistance")} and ${refs.section("breach")});`,
            `choose between deletion and return of the personal data when the services end (clause ${clause("deletion")}); and`,
            `suspend the processing, or terminate the affected services, where the processor does not comply with this agreement (clause ${refs.clause("general", "noncompliance")}).`,
          ]),
        ],
      },
      cooperation: {
        title: "Cooperation",
        paragraphs: [
          "The controller must tell the processor without undue delay if it finds that personal data it has given the processor is inaccurate or may no longer be processed, so that the processor can act on its instructions.",
          "The controller must keep the contacts named in Annex I.A current; the processor sends its notices under this agreement, including notifications of personal data breaches, to them.",
        ],
      },
    },
  };
}
