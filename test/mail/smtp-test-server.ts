import { createServer, type Server, type Socket } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

/** A refusal the server answers with, e.g. { code: 550, text: "No such user" }. */
export interface Refusal {
  code: number;
  text: string;
}

export interface TestSmtp {
  port: number;
  url: string;
  /** Every message the server accepted, parsed, with the envelope recipients. */
  received: (ParsedMail & { envelopeTo: string[] })[];
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** Listen on this port (to bring a "dead" address to life); 0 lets the OS choose. */
  port?: number;
  /** Answer RCPT TO for this address with a refusal instead of accepting it. */
  refuseRecipient?: (address: string) => Refusal | undefined;
  /** Require a login; the server's refusal repeats the password, as careless servers do. */
  requireLogin?: boolean;
}

function refusal(r: Refusal): Error {
  return Object.assign(new Error(r.text), { responseCode: r.code });
}

/** A real SMTP server on 127.0.0.1 (plain text, no TLS) that keeps what it receives. */
export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const received: TestSmtp["received"] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: options.requireLogin ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !options.requireLogin,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      callback(new Error(`login refused for ${auth.username} with password ${auth.password ?? ""}`));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const refused = options.refuseRecipient?.(address.address);
      callback(refused ? refusal(refused) : null);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((r) => r.address) }));
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (it was free a moment ago), for "the mail server is down". */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const address = probe.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A server that accepts TCP connections and never says a word: the worst kind of dead mail server. */
export async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
