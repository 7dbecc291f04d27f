/** Minutes to wait after the nth failed attempt (index 0 = after the first). */
export const RETRY_DELAYS_MINUTES = [1, 5, 15, 60, 240, 480, 720] as const;

/** After this many attempts a message is `failed` and waits for an admin; with the delays above, about a day. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/**
 * How long a pass holds a message it is sending. Longer than the slowest send (three SMTP timeouts), so a
 * second pass never picks it up meanwhile; if the process dies mid-send the message is tried again after it.
 */
export const CLAIM_MINUTES = 5;

const MINUTE = 60_000;

export type AttemptOutcome =
  | { status: "sent" | "logged" }
  | { status: "pending"; nextAttemptAt: Date }
  | { status: "failed" };

/** What becomes of a message after an attempt: `attempts` counts this one; `permanent` failures stop at once. */
export function decideAfterFailure(attempts: number, now: Date, permanent: boolean): AttemptOutcome {
  if (permanent || attempts >= MAX_ATTEMPTS) return { status: "failed" };
  const delay = RETRY_DELAYS_MINUTES[Math.max(0, attempts - 1)] ?? RETRY_DELAYS_MINUTES.at(-1) ?? 60;
  return { status: "pending", nextAttemptAt: new Date(now.getTime() + delay * MINUTE) };
}

export function claimUntil(now: Date): Date {
  return new Date(now.getTime() + CLAIM_MINUTES * MINUTE);
}

/** Matches `/portal/<secret>`; secrets are base64url, at least 128 bits (22 characters). */
const PORTAL_SECRET = /\/portal\/[A-Za-z0-9_-]{22,}/g;

export const SCRUBBED_PORTAL_PATH = "/portal/[sent]";
/**
 * What replaces the link of a message withdrawn before it was sent: the link was revoked or re-issued, or its
 * assessment was cancelled or expired.
 */
export const WITHDRAWN_PORTAL_PATH = "/portal/[withdrawn]";

/**
 * Once the mail server has a message, the database need not keep a working link to an assessment; the
 * recipient has it. A stolen backup then opens nothing (security of processing, GDPR Art. 32).
 */
export function scrubPortalSecrets(body: string, replacement = SCRUBBED_PORTAL_PATH): string {
  return body.replace(PORTAL_SECRET, replacement);
}

/** Whether the body holds a vendor's personal portal link. */
export function carriesPortalLink(body: string | null): boolean {
  return body !== null && body.search(PORTAL_SECRET) >= 0;
}

/** The links in a message's text, so an admin can copy one without hunting through the body. */
export function findLinks(text: string): string[] {
  const links = (text.match(/https?:\/\/[^\s<>"')]+/g) ?? []).map((l) => l.replace(/[.,;:!?]+$/, ""));
  return [...new Set(links)];
}
