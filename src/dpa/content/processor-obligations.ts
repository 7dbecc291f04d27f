import type { ContentContext } from "./context.ts";
import type { ClauseKey, SectionDraft } from "./outline.ts";
import { points } from "./text.ts";

/**
 * Section 5: each processor obligation of Art. 28(3)(a)-(h) GDPR in a clause of its own, then the duty to flag an
 * infringing instruction (Art. 28(3), second subparagraph) and the processor's own duties under Art. 30(2), 31, 27
 * and 37. Section 6 (breach.ts) details the breach notification that point (f) refers to.
 */
export function processorSection({ inputs, refs }: ContentContext): SectionDraft<"processor"> {
  const clause = (key: ClauseKey<"processor">) => refs.clause("processor", key);
  const days = inputs.settings.subprocessorNoticeDays;
  const special = inputs.records.some((record) =>
    record.dataCategories.some((category) => category.special || category.criminal),
  );
  return {
    title: "Obligations of the processor",
    clauses: {
      instructions: {
        title: "Documented instructions (Art. 28(3)(a) GDPR)",
        paragraphs: [
          `The processor must process the personal data only on the controller's documented instructions (clause ${refs.clause("controller", "instructions")}).`,
          "This includes transfers of the personal data to a third country or an international organisation: the processor may make only the transfers that Annex I.B and Annex III describe or that the controller later instructs in writing, and only in compliance with Chapter V GDPR.",
          "Where Union or Member State law to which the processor is subject requires it to process the personal data otherwise than instructed, the processor must inform the controller of that legal requirement before the processing, unless that law forbids such information on important grounds of public interest.",
          "Where a public authority or court asks the processor to disclose the personal data, the processor must inform the controller without undue delay, unless the law forbids it, and must disclose no more than the request strictly requires.",
          `The processor must not process the personal data for any purpose of its own. A processor that determines the purposes and means of processing in breach of this agreement is a controller for that processing (Art. 28(10) GDPR). Clause ${clause("infringement")} applies where the processor considers that an instruction infringes data protection law.`,
        ],
      },
      confidentiality: {
        title: "Confidentiality (Art. 28(3)(b) GDPR)",
        paragraphs: [
          "The processor must ensure that every person it authorises to process the personal data, including employees, temporary staff and contractors, has committed to confidentiality in writing or is under an appropriate statutory obligation of confidentiality, and that this duty continues after the person's engagement ends.",
          "The processor must give access to the personal data only to persons who need it to provide the services, only to the extent they need it, and must ensure they process it only on the controller's instructions (Art. 29 GDPR).",
        ],
      },
      security: {
        title: "Security of processing (Art. 28(3)(c) and Art. 32 GDPR)",
        paragraphs: [
          `The processor must take all the measures that Art. 32 GDPR requires. Taking into account the state of the art, the costs of implementation, the nature, scope, context and purposes of the processing and the risks of varying likelihood and severity for the rights and freedoms of natural persons${special ? ", in particular for the special categories and criminal offence data listed in Annex I.B," : ""} it must implement appropriate technical and organisational measures to ensure a level of security appropriate to the risk, including as appropriate:`,
          ...points([
            "pseudonymising and encrypting the personal data;",
            "keeping its processing systems and services confidential, intact, available and resilient over time;",
            "being able to restore the availability of and access to the personal data promptly after a physical or technical incident; and",
            "testing, assessing and evaluating regularly whether its technical and organisational measures are effective.",
          ]),
          "Annex II describes the measures agreed at the effective date. The processor must keep them in place for the term of this agreement. It may replace a measure only with one that gives at least the same protection, and must not reduce the overall level of security.",
          "The processor must carry out the agreed remediation listed in Annex II by the dates stated there and tell the controller in writing when each item is complete.",
        ],
      },
      subprocessors: {
        title: "Sub-processors (Art. 28(2), 28(3)(d) and 28(4) GDPR)",
        paragraphs: [
          "(a) General written authorisation. The controller gives the processor its general written authorisation under Art. 28(2) GDPR to engage sub-processors in accordance with this clause. The sub-processors listed in Annex III are authorised at the effective date.",
          `(b) Advance notice. The processor must inform the controller in writing of any intended addition or replacement of a sub-processor at least ${days} days before the new sub-processor starts processing the personal data. The notice must name the sub-processor and state the service it provides, the personal data and purposes concerned, where it will process the personal data and the transfer mechanism relied on for any transfer to a third country.`,
          `(c) Objection. Within those ${days} days the controller may object to the change in writing on reasonable grounds relating to data protection. While an objection stands, the processor must not let the new sub-processor process the personal data. The parties will look in good faith for an alternative; if they find none, the controller may terminate the affected services without penalty.`,
          "(d) Same obligations. The processor may engage a sub-processor only under a written contract that imposes on the sub-processor the same data protection obligations as this agreement imposes on the processor, in particular sufficient guarantees to implement appropriate technical and organisational measures so that the processing meets the requirements of the GDPR (Art. 28(4) GDPR). On request, the processor must give the controller a copy of the data protection terms of that contract; it may first remove commercial terms.",
          "(e) Liability. Where a sub-processor fails to fulfil its data protection obligations, the processor remains fully liable to the controller for the performance of that sub-processor's obligations (Art. 28(4) GDPR).",
          "(f) List. The processor must keep the list in Annex III current and give the controller the current list on request.",
        ],
      },
      requests: {
        title: "Data subject requests (Art. 28(3)(e) GDPR)",
        paragraphs: [
          "Taking into account the nature of the processing, the processor must assist the controller by appropriate technical and organisational measures, insofar as this is possible, in fulfilling the controller's obligation to respond to requests of data subjects exercising their rights under Chapter III GDPR (Art. 12 to 22), including the rights of access, rectification, erasure, restriction, data portability and objection and the rights concerning automated individual decisions.",
          ...requestDeadlines(inputs.settings.dsrAssistanceDays),
        ],
      },
      assistance: {
        title: "Assistance with Art. 32 to 36 GDPR (Art. 28(3)(f) GDPR)",
        paragraphs: [
          "Taking into account the nature of the processing and the information available to it, the processor must assist the controller in ensuring compliance with the controller's obligations under:",
          ...points([
            "Art. 32 GDPR, security of processing;",
            `Art. 33 and 34 GDPR, notification of a personal data breach to the supervisory authority and its communication to the data subjects, as clause ${refs.section("breach")} sets out;`,
            "Art. 35 GDPR, data protection impact assessments; and",
            "Art. 36 GDPR, prior consultation of the supervisory authority.",
          ]),
        ],
      },
      deletion: {
        title: "Deletion or return at the end of the services (Art. 28(3)(g) GDPR)",
        paragraphs: [
          "When the provision of the services relating to the processing ends, the processor must, at the choice of the controller, delete all the personal data or return it to the controller, and delete all existing copies, including copies held by sub-processors and in backups, unless Union or Member State law requires storage of the personal data.",
          "The controller states its choice in writing. Until it does, the processor must keep the personal data secure and process it only to store it. The processor returns personal data in a structured, commonly used and machine-readable format.",
          ...deletionDeadline(inputs.settings.deletionDays),
          "Where Union or Member State law requires the processor to keep any of the personal data, the processor must tell the controller which data and which law, keep the data confidential, process it only for the purpose that law requires and delete it as soon as the obligation ends; this agreement continues to apply to that data.",
        ],
      },
      audits: {
        title: "Information and audits (Art. 28(3)(h) GDPR)",
        paragraphs: [
          "The processor must make available to the controller all information necessary to demonstrate compliance with the obligations laid down in Art. 28 GDPR and in this agreement.",
          "The processor must allow for and contribute to audits, including inspections of its premises, systems and records, conducted by the controller or by another auditor mandated by the controller. The controller gives reasonable notice of an audit and ensures that any auditor it mandates is bound to confidentiality.",
          "The processor may offer current certifications or reports of independent auditors. The controller takes them into account but may still carry out an audit or inspection where they do not answer its questions.",
          "The processor must give the same information and access to the competent supervisory authority on request.",
        ],
      },
      infringement: {
        title: "Infringing instructions (Art. 28(3), second subparagraph, GDPR)",
        paragraphs: [
          "The processor must immediately inform the controller if, in its opinion, an instruction infringes the GDPR or other Union or Member State data protection provisions, and explain why.",
          "The processor may suspend carrying out that instruction until the controller confirms, changes or withdraws it in writing.",
        ],
      },
      records: {
        title: "Records, cooperation and representatives (Art. 27, 30(2), 31 and 37 GDPR)",
        paragraphs: [
          "The processor must keep a record of the processing it carries out on behalf of the controller as Art. 30(2) GDPR requires, and make it available to the supervisory authority on request.",
          "The processor must cooperate, on request, with the supervisory authority in the performance of its tasks (Art. 31 GDPR).",
          "Where Art. 37 GDPR requires it, the processor must designate a data protection officer and, where Art. 27 GDPR requires it, a representative in the Union; Annex I.A gives their contact details, and the processor must tell the controller of any change.",
        ],
      },
    },
  };
}

const dayCount = (days: number) => `${days} ${days === 1 ? "day" : "days"}`;

/** Art. 28(3)(e): how soon a request is passed on and help given; versions stored before the setting named no days. */
function requestDeadlines(days: number | undefined): string[] {
  if (days === undefined)
    return [
      "If a data subject's request reaches the processor directly, the processor must pass it to the controller without undue delay and must not answer it unless the controller authorises it to. The processor must give its assistance in time for the controller to respond within the periods of Art. 12(3) GDPR.",
    ];
  return [
    `If a data subject's request reaches the processor directly, the processor must pass it to the controller without undue delay and in any event within ${dayCount(days)} of receiving it, and must not answer it unless the controller authorises it to.`,
    `When the controller asks for the processor's help with a request, the processor must give it within ${dayCount(days)} of being asked, and in any case in time for the controller to respond within the periods of Art. 12(3) GDPR.`,
  ];
}

/** Art. 28(3)(g): the time allowed for deletion or return and its written confirmation. */
function deletionDeadline(days: number | undefined): string[] {
  if (days === undefined)
    return [
      "Once deletion is complete, the processor must confirm to the controller in writing that all the personal data and all copies have been deleted.",
    ];
  const period = dayCount(days);
  return [
    `The processor must complete the deletion or return, including at its sub-processors, within ${period} after the services end or, where the controller states its choice later, within ${period} after it does.`,
    `Once deletion is complete, and at the latest by the end of that period, the processor must confirm to the controller in writing that all the personal data and all copies have been deleted.`,
  ];
}
