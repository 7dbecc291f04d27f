import { type AssessmentMailFacts, humanDate } from "../assessments/assessment-mail.tsx";
import type { Db } from "../db/connection.ts";
import { enqueueMail } from "../mail/outbox.ts";
import type { ServiceContext } from "../shared/service-context.ts";

export interface ClarificationMail {
  /** The invite the link belongs to; recorded on the queued message so revoking the invite can withdraw it. */
  inviteId: string;
  recipient: { name: string; email: string };
  link: string;
  expiresAt: string;
  /**
   * The questions asked about, with the reviewer's message for each, in questionnaire order; each with the
   * number the review page shows, so both sides can say "question 1.3".
   */
  asked: { number?: string | undefined; text: string; message: string }[];
}

/** "Question 1.3: Do you ...?", or the text alone when the number is unknown. */
const askedTitle = (a: ClarificationMail["asked"][number]) =>
  a.number ? `Question ${a.number}: ${a.text}` : a.text;

function wording(facts: AssessmentMailFacts, mail: ClarificationMail) {
  const { organisation: org, questionnaireTitle: title, vendorName: vendor } = facts;
  const n = mail.asked.length;
  return {
    subject: `${org} has ${n === 1 ? "a question" : "questions"} about your answers to "${title}"`,
    opening: `${org} has reviewed the answers ${vendor} submitted to "${title}" and asks you to clarify ${n === 1 ? "one answer" : `${n} answers`}.`,
    how: "Open the questionnaire with the link below. You can change only the answers listed here (and any follow-up questions they bring up); everything else stays as you submitted it. Then submit the questionnaire again.",
    closing: [
      `This link is personal to you and works until ${humanDate(mail.expiresAt)}. Please do not forward it.`,
      "Any earlier link you received from us keeps working too.",
    ],
  };
}

function MailBody(props: { mail: ClarificationMail; text: ReturnType<typeof wording> }) {
  const { mail, text } = props;
  return (
    <html lang="en">
      <body style="font-family: sans-serif; line-height: 1.5; color: #212121">
        <p>Hello {mail.recipient.name},</p>
        <p>{text.opening}</p>
        <ul>
          {mail.asked.map((a) => (
            <li>
              <strong>{askedTitle(a)}</strong>
              <br />
              <span style="white-space: pre-wrap">Our question: {a.message}</span>
            </li>
          ))}
        </ul>
        <p>{text.how}</p>
        <p>
          <a href={mail.link}>Open the questionnaire</a>
        </p>
        <p style="font-size: 0.9em; word-break: break-all">{mail.link}</p>
        {text.closing.map((l) => (
          <p style="font-size: 0.9em">{l}</p>
        ))}
      </body>
    </html>
  );
}

/** The subject, plain text and HTML of a request for clarification. */
export function renderClarificationMail(facts: AssessmentMailFacts, mail: ClarificationMail) {
  const text = wording(facts, mail);
  const body = [
    `Hello ${mail.recipient.name},`,
    "",
    text.opening,
    "",
    ...mail.asked.flatMap((a) => [`- ${askedTitle(a)}`, `  Our question: ${a.message}`, ""]),
    text.how,
    "",
    "Open the questionnaire:",
    mail.link,
    "",
    ...text.closing.flatMap((l) => [l, ""]),
  ].join("\n");
  const html = `<!DOCTYPE html>${(<MailBody mail={mail} text={text} />).toString()}`;
  return { subject: text.subject, text: body.trimEnd(), html };
}

/** Queues the request for clarification to one recipient in the caller's transaction. */
export async function queueClarificationMail(
  trx: Db,
  ctx: Pick<ServiceContext, "clock" | "newId">,
  facts: AssessmentMailFacts,
  mail: ClarificationMail,
): Promise<void> {
  await enqueueMail(trx, ctx, {
    kind: "assessment.clarification",
    to: mail.recipient,
    assessmentId: facts.assessmentId,
    inviteId: mail.inviteId,
    ...renderClarificationMail(facts, mail),
  });
}
