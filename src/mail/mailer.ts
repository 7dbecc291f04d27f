import type { Logger } from "../shared/logger.ts";

export interface MailMessage {
  to: { email: string; name?: string }[];
  subject: string;
  text: string;
  html?: string;
}

/** Delivers one message or throws; the outbox decides about retries. */
export interface Mailer {
  readonly kind: "smtp" | "log";
  send(message: MailMessage): Promise<void>;
}

/** With no mail server configured, messages go to the server log so nothing is silently dropped. */
export function createLogMailer(logger: Logger): Mailer {
  return {
    kind: "log",
    async send(message) {
      logger.info("mail not sent: no SMTP server configured", {
        to: message.to.map((t) => t.email),
        subject: message.subject,
        text: message.text,
      });
    },
  };
}
