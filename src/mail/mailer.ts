import { createTransport } from "nodemailer";
import type { Config } from "../config.ts";
import type { Logger } from "../shared/logger.ts";

export interface MailMessage {
  to: { email: string; name?: string | undefined }[];
  subject: string;
  text: string;
  html?: string | undefined;
}

/** Delivers one message or throws; the outbox decides about retries. */
export interface Mailer {
  readonly kind: "smtp" | "log";
  send(message: MailMessage): Promise<void>;
}

/** A failed delivery, described without secrets; `permanent` when trying again cannot help. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
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

export interface SmtpOptions {
  /** How long to wait for the TCP connection, the greeting and each reply; a dead server fails this fast. */
  timeoutMs?: number;
}

interface NodemailerError {
  code?: unknown;
  command?: unknown;
  responseCode?: unknown;
  message?: unknown;
}

/** The URL's user name and password must never reach the outbox or the log. */
function credentialsOf(smtpUrl: string): string[] {
  try {
    const url = new URL(smtpUrl);
    return [
      url.password,
      decodeURIComponent(url.password),
      url.username,
      decodeURIComponent(url.username),
    ].filter((s) => s.length >= 3);
  } catch {
    return [];
  }
}

function describeFailure(err: unknown, secrets: string[]): MailSendError {
  const e: NodemailerError = typeof err === "object" && err !== null ? err : { message: String(err) };
  const code = typeof e.code === "string" ? e.code : undefined;
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : undefined;
  let text = typeof e.message === "string" ? e.message : "unknown error";
  for (const secret of secrets) text = text.split(secret).join("[hidden]");
  text = text.replace(/\s+/g, " ").trim().slice(0, 500);
  // A recipient or message the server refuses outright (5xx, or an address nodemailer cannot use) will be
  // refused again; a refused sender, a login failure or a network problem is configuration an admin can fix.
  const permanent =
    code === "EENVELOPE" && e.command !== "MAIL FROM" && (responseCode === undefined || responseCode >= 500);
  return new MailSendError(code ? `${code}: ${text}` : text, permanent);
}

/** Sends through an SMTP server given as a URL (smtp://user:pass@host:587 or smtps://...). */
export function createSmtpMailer(smtpUrl: string, from: string, options: SmtpOptions = {}): Mailer {
  const timeout = options.timeoutMs ?? 10_000;
  const transport = createTransport({
    url: smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 3,
    dnsTimeout: timeout,
    // Messages are plain text we write ourselves; nothing may make nodemailer read files or fetch URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const secrets = credentialsOf(smtpUrl);
  return {
    kind: "smtp",
    async send(message) {
      try {
        await transport.sendMail({
          from,
          to: message.to.map((t) => (t.name ? { name: t.name, address: t.email } : t.email)),
          subject: message.subject,
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
        });
      } catch (err) {
        throw describeFailure(err, secrets);
      }
    },
  };
}

/** SMTP when SMTP_URL is set; otherwise messages are kept in the outbox and written to the log. */
export function createMailer(config: Pick<Config, "mail">, logger: Logger): Mailer {
  return config.mail.smtpUrl
    ? createSmtpMailer(config.mail.smtpUrl, config.mail.from)
    : createLogMailer(logger);
}
