import type { Db } from "../db/connection.ts";
import type { AssessmentRow } from "../db/schema.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { organisationName } from "../settings/settings-service.ts";
import type { ServiceContext } from "../shared/service-context.ts";

/** Everything an invitation or reminder says, gathered once per assessment. */
export interface AssessmentMailFacts {
  assessmentId: string;
  organisation: string;
  vendorName: string;
  questionnaireTitle: string;
  dueDate: string;
  estimatedMinutes: number | null;
  message: string | null;
}

export interface InviteMail {
  kind: "assessment.invite" | "assessment.reminder";
  /** The invite the link belongs to; recorded on the queued message so revoking the invite can withdraw it. */
  inviteId: string;
  recipient: { name: string; email: string };
  link: string;
  expiresAt: string;
  /** Reminders only: whether the due date has passed. */
  overdue?: boolean;
}

export async function loadMailFacts(trx: Db, assessment: AssessmentRow): Promise<AssessmentMailFacts> {
  const vendor = await trx
    .selectFrom("vendors")
    .select("name")
    .where("id", "=", assessment.vendor_id)
    .executeTakeFirstOrThrow();
  const version = await trx
    .selectFrom("questionnaire_versions")
    .select(["title", "content"])
    .where("id", "=", assessment.questionnaire_version_id)
    .executeTakeFirstOrThrow();
  const minutes: unknown = (JSON.parse(version.content) as { estimatedMinutes?: unknown }).estimatedMinutes;
  return {
    assessmentId: assessment.id,
    organisation: await organisationName(trx),
    vendorName: vendor.name,
    questionnaireTitle: version.title,
    dueDate: assessment.due_date,
    estimatedMinutes: typeof minutes === "number" ? minutes : null,
    message: assessment.message,
  };
}

/** A date as people read it in an email, e.g. "15 April 2026". */
export function humanDate(dayOrInstant: string): string {
  const at = dayOrInstant.length === 10 ? `${dayOrInstant}T12:00:00.000Z` : dayOrInstant;
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(at));
}

interface Composed {
  subject: string;
  opening: string;
  lines: string[];
  closing: string[];
}

function compose(facts: AssessmentMailFacts, mail: InviteMail): Composed {
  const { organisation: org, questionnaireTitle: title, vendorName: vendor } = facts;
  const reminder = mail.kind === "assessment.reminder";
  const subject = reminder
    ? `${mail.overdue ? "Overdue" : "Reminder"}: "${title}" for ${vendor}, due ${humanDate(facts.dueDate)}`
    : `${org} asks you to complete "${title}" for ${vendor}`;
  const opening = reminder
    ? mail.overdue
      ? `The questionnaire "${title}" that ${org} asked ${vendor} to complete was due on ${humanDate(facts.dueDate)} and has not been submitted yet. Please finish it as soon as you can.`
      : `This is a reminder that ${org} asked ${vendor} to complete the questionnaire "${title}" by ${humanDate(facts.dueDate)}. Answers you have already saved are kept.`
    : `${org} reviews how its suppliers protect the data and systems they handle, and asks you to answer the questionnaire "${title}" on behalf of ${vendor}.`;
  const lines = [
    `Due date: ${humanDate(facts.dueDate)}`,
    ...(facts.estimatedMinutes ? [`Time needed: about ${facts.estimatedMinutes} minutes`] : []),
  ];
  const closing = [
    `You can save your answers and return through this link as often as you need until ${humanDate(mail.expiresAt)}.`,
    `This link is personal to you: please do not forward it. If a colleague should help, ask ${org} to send them a link of their own.`,
    ...(reminder ? ["Any earlier link you received from us keeps working too."] : []),
    "If you did not expect this email, you can ignore it.",
  ];
  return { subject, opening, lines, closing };
}

function MailBody(props: { facts: AssessmentMailFacts; mail: InviteMail; composed: Composed }) {
  const { facts, mail, composed } = props;
  return (
    <html lang="en">
      <body style="font-family: sans-serif; line-height: 1.5; color: #212121">
        <p>Hello {mail.recipient.name},</p>
        <p>{composed.opening}</p>
        <ul>
          {composed.lines.map((l) => (
            <li>{l}</li>
          ))}
        </ul>
        {facts.message ? (
          <>
            <p>Message from {facts.organisation}:</p>
            <blockquote style="border-left: 3px solid #90a4ae; margin: 0 0 1em; padding-left: 1em; white-space: pre-wrap">
              {facts.message}
            </blockquote>
          </>
        ) : null}
        <p>
          <a href={mail.link}>Open the questionnaire</a>
        </p>
        <p style="font-size: 0.9em; word-break: break-all">{mail.link}</p>
        {composed.closing.map((l) => (
          <p style="font-size: 0.9em">{l}</p>
        ))}
      </body>
    </html>
  );
}

/** The subject, plain text and HTML of an invitation or reminder. */
export function renderInviteMail(facts: AssessmentMailFacts, mail: InviteMail) {
  const composed = compose(facts, mail);
  const text = [
    `Hello ${mail.recipient.name},`,
    "",
    composed.opening,
    "",
    ...composed.lines,
    ...(facts.message ? ["", `Message from ${facts.organisation}:`, facts.message] : []),
    "",
    "Open the questionnaire:",
    mail.link,
    "",
    ...composed.closing.flatMap((l) => [l, ""]),
  ].join("\n");
  const html = `<!DOCTYPE html>${(<MailBody facts={facts} mail={mail} composed={composed} />).toString()}`;
  return { subject: composed.subject, text: text.trimEnd(), html };
}

/** Queues an invitation or reminder in the caller's transaction. */
export async function queueInviteMail(
  trx: Db,
  ctx: Pick<ServiceContext, "clock" | "newId">,
  facts: AssessmentMailFacts,
  mail: InviteMail,
): Promise<void> {
  const rendered = renderInviteMail(facts, mail);
  await enqueueMail(trx, ctx, {
    kind: mail.kind,
    to: mail.recipient,
    assessmentId: facts.assessmentId,
    inviteId: mail.inviteId,
    ...rendered,
  });
}
