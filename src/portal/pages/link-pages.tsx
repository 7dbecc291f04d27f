import type { ClosedReason } from "../portal-session.ts";
import { formatDay, PortalLayout } from "./portal-layout.tsx";

/** Who the vendor should turn to: the organisation, and the person who sent the questionnaire if known. */
export interface PortalContact {
  organisation: string;
  senderName?: string | undefined;
  senderEmail?: string | undefined;
  expiresAt?: string | undefined;
}

function ContactLine(props: { contact: PortalContact; ask: string }) {
  const { contact } = props;
  return (
    <p>
      {props.ask} contact {contact.organisation}
      {contact.senderName ? (
        <>
          {" "}
          — the questionnaire was sent by {contact.senderName}
          {contact.senderEmail ? (
            <>
              {" "}
              (<a href={`mailto:${contact.senderEmail}`}>{contact.senderEmail}</a>)
            </>
          ) : null}
        </>
      ) : null}
      .
    </p>
  );
}

export function InvalidLinkPage() {
  return (
    <PortalLayout title="This link is not valid">
      <h1>This link is not valid</h1>
      <p>We could not find a questionnaire for this link.</p>
      <ul>
        <li>
          Check that you opened the whole link from the email; some mail programs split long links over two
          lines.
        </li>
        <li>If the email is old, a newer reminder email may carry a newer link.</li>
      </ul>
      <p>If it still does not work, ask the person who sent you the questionnaire for a new link.</p>
    </PortalLayout>
  );
}

const CLOSED_TEXT: Record<ClosedReason, { title: string; body: (c: PortalContact) => string; ask: string }> =
  {
    revoked: {
      title: "This link has been withdrawn",
      body: (c) => `${c.organisation} has withdrawn this link, so it no longer opens the questionnaire.`,
      ask: "If you still need to answer, ask for a new link:",
    },
    expired: {
      title: "This link has expired",
      body: (c) =>
        `This link stopped working${c.expiresAt ? ` on ${formatDay(c.expiresAt)}` : ""}. Links expire some time after the questionnaire's due date to keep your answers safe.`,
      ask: "If you still need to answer, ask for a new link:",
    },
    cancelled: {
      title: "This questionnaire was cancelled",
      body: (c) =>
        `${c.organisation} no longer needs answers to this questionnaire. There is nothing more for you to do.`,
      ask: "If you think this is a mistake,",
    },
    assessment_expired: {
      title: "This questionnaire has closed",
      body: () => "The time for answering this questionnaire has run out, so it can no longer be opened.",
      ask: "If you still want to answer,",
    },
  };

export function ClosedPage(props: { reason: ClosedReason; contact: PortalContact }) {
  const text = CLOSED_TEXT[props.reason];
  return (
    <PortalLayout title={text.title} organisation={props.contact.organisation}>
      <h1>{text.title}</h1>
      <p>{text.body(props.contact)}</p>
      <ContactLine contact={props.contact} ask={text.ask} />
    </PortalLayout>
  );
}

export function SessionEndedPage() {
  return (
    <PortalLayout title="Please open your link again">
      <h1>Please open your link again</h1>
      <p>
        For your security, this visit has ended (or this browser has not opened the questionnaire yet).
        Everything you saved is kept.
      </p>
      <p>
        To continue, open the link in the email you received. Any reminder email about the questionnaire works
        too.
      </p>
    </PortalLayout>
  );
}

export function LeftPage(props: { organisation: string }) {
  return (
    <PortalLayout title="Your answers are saved" organisation={props.organisation}>
      <h1>Your answers are saved</h1>
      <p role="status">
        You have left the questionnaire on this device. Nothing has been sent yet unless you submitted.
      </p>
      <p>To come back, open the link in the email you received, from this or any other browser.</p>
    </PortalLayout>
  );
}

/** Portal errors (not found, too many requests, read-only) in the portal's own frame, never a stack trace. */
export function PortalMessagePage(props: {
  title: string;
  message: string;
  organisation?: string | undefined;
  back?: boolean;
}) {
  return (
    <PortalLayout title={props.title} organisation={props.organisation}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.back ? (
        <p>
          <a href="/portal/assessment">Back to the questionnaire overview</a>
        </p>
      ) : null}
    </PortalLayout>
  );
}
