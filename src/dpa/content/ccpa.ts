import { type ContentContext, registerPurposes } from "./context.ts";
import type { SectionDraft } from "./outline.ts";
import { enumerate, placeholder, points } from "./text.ts";

/**
 * The CCPA service provider terms, present only where the register marks US consumers or CCPA applicability.
 * They are the contract terms Cal. Civ. Code 1798.100(d) requires and 11 CCR 7051 spells out for a service
 * provider (Cal. Civ. Code 1798.140(ag)).
 */
export function ccpaSection({ inputs, refs }: ContentContext): SectionDraft<"ccpa"> {
  const purposes = registerPurposes(inputs);
  const clause = refs.clause;
  return {
    title: "California Consumer Privacy Act",
    clauses: {
      role: {
        title: "Service provider",
        paragraphs: [
          'Where the personal data includes personal information of California consumers ("personal information"), the controller acts as a business and the processor as its service provider within the meaning of Cal. Civ. Code 1798.140(ag).',
          "This clause contains the terms that Cal. Civ. Code 1798.100(d) and 11 CCR 7051 (California Code of Regulations, Title 11, section 7051) require in a contract with a service provider. It applies in addition to the rest of this agreement.",
        ],
      },
      purposes: {
        title: "Specified business purposes",
        paragraphs: [
          `The controller discloses the personal information to the processor only for the following limited and specified business purposes, which are the purposes of clause ${clause("processing", "purposes")}:`,
          ...enumerate(
            purposes.length > 0
              ? purposes
              : [placeholder("business purposes (the register records no processing)")],
          ),
        ],
      },
      selling: {
        title: "No selling or sharing",
        paragraphs: [
          "The processor must not sell or share the personal information, as the CCPA defines selling and sharing; sharing includes making personal information available for cross-context behavioral advertising.",
        ],
      },
      use: {
        title: "No other retention, use or disclosure",
        paragraphs: [
          "The processor must not retain, use or disclose the personal information:",
          ...points([
            `for any purpose, including a commercial purpose, other than the business purposes specified in clause ${clause("ccpa", "purposes")}, except as the CCPA and its regulations otherwise permit a service provider to; or`,
            "outside the direct business relationship between the processor and the controller.",
          ]),
        ],
      },
      combining: {
        title: "No combining",
        paragraphs: [
          "The processor must not combine the personal information with personal information it receives from or on behalf of another person, or collects from its own interaction with the consumer, except as the CCPA regulations permit a service provider to.",
        ],
      },
      protection: {
        title: "Same level of privacy protection",
        paragraphs: [
          "The processor must comply with the obligations that apply to it under the CCPA and provide the same level of privacy protection as the CCPA requires of businesses, including reasonable security procedures and practices appropriate to the nature of the personal information (Annex II).",
        ],
      },
      notice: {
        title: "Notice of inability to comply",
        paragraphs: [
          "The processor must notify the controller in writing without undue delay if it determines that it can no longer meet its obligations under the CCPA.",
        ],
      },
      remediation: {
        title: "Right to stop and remediate unauthorised use",
        paragraphs: [
          "Upon notice to the processor, the controller may take reasonable and appropriate steps to stop and remediate any unauthorised use of the personal information, including requiring the processor to stop the processing concerned and to delete or return the personal information.",
          `The controller may also take reasonable and appropriate steps to ensure that the processor uses the personal information in a manner consistent with the controller's obligations under the CCPA, including the information and audits of clause ${clause("processor", "audits")}.`,
        ],
      },
      requests: {
        title: "Consumer requests",
        paragraphs: [
          `The processor must assist the controller, by appropriate technical and organisational measures, in responding to requests that consumers make under the CCPA, including requests to know, to delete and to correct personal information, in the same way as clause ${clause("processor", "requests")} provides for data subject requests. Where the controller instructs it to delete or correct personal information, the processor must do so and pass the instruction on to its subcontractors.`,
        ],
      },
      subcontractors: {
        title: "Subcontractors",
        paragraphs: [
          `The processor may engage a subcontractor to process the personal information only as clause ${clause("processor", "subprocessors")} allows and under a written contract that binds the subcontractor to the same obligations as this clause.`,
        ],
      },
    },
  };
}
