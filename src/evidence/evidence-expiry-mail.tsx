import { humanDate } from "../assessments/assessment-mail.tsx";
import { EVIDENCE_KIND_LABELS } from "../questionnaires/questionnaire-preview.tsx";
import type { EvidenceKind } from "../questionnaires/template-schema.ts";

/** What one expiry reminder is about, gathered once per file. */
export interface ExpiryFacts {
  organisation: string;
  vendorName: string;
  questionnaireTitle: string;
  /** The question the file answers, in the version the vendor answered; null when it cannot be found. */
  questionText: string | null;
  fileName: string;
  kind: string | null;
  expiresOn: string;
  assessmentUrl: string;
  /** The staff member who sent the questionnaire; the vendor sends the renewed document to them. */
  sender: { name: string; email: string } | null;
}

export interface ExpiryRecipient {
  name: string;
  email: string;
  audience: "staff" | "vendor";
}

/** What a vendor should send to replace each kind of evidence. */
const WHAT_TO_SEND: Record<EvidenceKind, string> = {
  soc2_report:
    "the latest SOC 2 Type II report, covering a period that ended within the last 12 months, or a bridge letter that covers the time until the next report",
  iso27001_certificate:
    "the renewed ISO/IEC 27001 certificate, with the current statement of applicability if the scope changed",
  pentest_report: "the summary of your most recent penetration test, with the status of its findings",
  policy_document: "the current, reviewed version of this policy",
  other: "a current version of this document",
};

function kindOf(kind: string | null): EvidenceKind {
  return kind !== null && Object.hasOwn(WHAT_TO_SEND, kind) ? (kind as EvidenceKind) : "other";
}

/** The document in words: `SOC 2 report "soc2-2025.pdf"`. */
function documentName(facts: ExpiryFacts): string {
  const kind = kindOf(facts.kind);
  return kind === "other" ? `"${facts.fileName}"` : `${EVIDENCE_KIND_LABELS[kind]} "${facts.fileName}"`;
}

interface Composed {
  subject: string;
  paragraphs: string[];
  link: { label: string; href: string } | null;
}

function compose(facts: ExpiryFacts, to: ExpiryRecipient): Composed {
  const when = humanDate(facts.expiresOn);
  const doc = documentName(facts);
  const send = WHAT_TO_SEND[kindOf(facts.kind)];
  const question = facts.questionText ? ` in answer to "${facts.questionText}"` : "";
  if (to.audience === "staff") {
    return {
      subject: `Evidence from ${facts.vendorName} lapses on ${when}`,
      paragraphs: [
        `The ${doc} that ${facts.vendorName} provided${question} for the questionnaire "${facts.questionnaireTitle}" lapses on ${when}.`,
        `Ask ${facts.vendorName} for ${send}. We have also written to the vendor's security contacts, if it has any on record.`,
      ],
      link: { label: "Open the assessment", href: facts.assessmentUrl },
    };
  }
  const sendTo = facts.sender
    ? `${facts.sender.name} (${facts.sender.email})`
    : `your contact at ${facts.organisation}`;
  return {
    subject: `${facts.organisation}: your ${kindOf(facts.kind) === "other" ? "evidence" : EVIDENCE_KIND_LABELS[kindOf(facts.kind)]} lapses on ${when}`,
    paragraphs: [
      `The ${doc} that ${facts.vendorName} gave ${facts.organisation}${question} as part of the questionnaire "${facts.questionnaireTitle}" lapses on ${when}.`,
      `Before then, please send ${send} to ${sendTo}.`,
      `You receive this because you are listed as a security contact of ${facts.vendorName}. If someone else should receive these reminders, please tell ${facts.organisation}.`,
    ],
    link: null,
  };
}

/** The subject, plain text and HTML of one expiry reminder to one person. */
export function renderExpiryMail(facts: ExpiryFacts, to: ExpiryRecipient) {
  const composed = compose(facts, to);
  const text = [
    `Hello ${to.name},`,
    "",
    ...composed.paragraphs.flatMap((p) => [p, ""]),
    ...(composed.link ? [`${composed.link.label}:`, composed.link.href] : []),
  ]
    .join("\n")
    .trimEnd();
  const body = (
    <html lang="en">
      <body style="font-family: sans-serif; line-height: 1.5; color: #212121">
        <p>Hello {to.name},</p>
        {composed.paragraphs.map((p) => (
          <p>{p}</p>
        ))}
        {composed.link ? (
          <p>
            <a href={composed.link.href}>{composed.link.label}</a>
          </p>
        ) : null}
      </body>
    </html>
  );
  return { subject: composed.subject, text, html: `<!DOCTYPE html>${body.toString()}` };
}
