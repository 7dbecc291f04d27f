import type { ContentContext } from "./context.ts";
import type { SectionDraft } from "./outline.ts";
import { points } from "./text.ts";

/**
 * Section 6: notifying the controller of a personal data breach. Art. 33(2) GDPR asks for "without undue delay";
 * the agreement adds the hour limit from the settings so that the controller can meet its own 72 hours (Art.
 * 33(1)). The content is the list of Art. 33(3), delivered in phases where Art. 33(4) allows.
 */
export function breachSection({ inputs, refs }: ContentContext): SectionDraft<"breach"> {
  const hours = inputs.settings.breachNotificationHours;
  return {
    title: "Personal data breaches",
    clauses: {
      notice: {
        title: "Notification to the controller",
        paragraphs: [
          `The processor must notify the controller of any personal data breach affecting the personal data without undue delay after becoming aware of it, and in any event within ${hours} hours of becoming aware of it (Art. 33(2) GDPR). The same applies to a breach at a sub-processor, counted from when the processor becomes aware of it.`,
          "The processor sends the notification in writing to the controller's contacts named in Annex I.A.",
        ],
      },
      content: {
        title: "Content of the notification (Art. 33(3) GDPR)",
        paragraphs: [
          "The notification must contain at least:",
          ...points([
            "a description of the nature of the personal data breach, including where possible the categories and approximate number of data subjects concerned and the categories and approximate number of personal data records concerned;",
            "the name and contact details of the processor's data protection officer or of another contact point where more information can be obtained;",
            "a description of the likely consequences of the personal data breach; and",
            "a description of the measures taken or proposed to be taken by the processor to address the personal data breach, including, where appropriate, measures to mitigate its possible adverse effects.",
          ]),
        ],
      },
      phases: {
        title: "Information in phases (Art. 33(4) GDPR)",
        paragraphs: [
          "Where, and in so far as, it is not possible to provide all the information at the same time, the processor must provide what it knows within the period of clause " +
            `${refs.clause("breach", "notice")} and the rest in phases without undue further delay, and keep the controller informed as its investigation progresses.`,
        ],
      },
      handling: {
        title: "Handling the breach",
        paragraphs: [
          "The processor must without delay take the measures reasonably available to it to contain the breach and mitigate its possible adverse effects, and coordinate them with the controller.",
          "The processor must record the facts relating to the breach, its effects and the remedial action taken, and give the controller what it needs to document the breach under Art. 33(5) GDPR and to notify the supervisory authority and communicate with the data subjects (Art. 33 and 34 GDPR).",
          "The processor must not notify a supervisory authority or data subjects of a breach affecting the personal data on the controller's behalf unless the controller instructs it to in writing or the law requires it.",
        ],
      },
    },
  };
}
