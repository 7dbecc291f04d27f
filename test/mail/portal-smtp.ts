import { afterEach } from "vitest";
import { createSmtpMailer } from "../../src/mail/mailer.ts";
import { type PortalFixture, portalFixture } from "../portal/portal-fixture.ts";
import type { TestApp } from "../support/test-app.ts";
import { startTestSmtp, type TestSmtp } from "./smtp-test-server.ts";

export const FROM = "VendorVet <vendorvet@example.org>";

/**
 * For a test file whose tests deliver mail to a real SMTP server: registers the clean-up once, and returns
 * helpers that hand each test its own app (the portal fixture) with its mailer pointed at a fresh server.
 */
export function usePortalSmtp() {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  async function withSmtp(t: TestApp): Promise<TestSmtp> {
    const server = await startTestSmtp();
    cleanups.push(() => server.close());
    t.deps.mailer = createSmtpMailer(server.url, FROM, { timeoutMs: 2_000 });
    return server;
  }
  async function setUp(): Promise<{ f: PortalFixture; server: TestSmtp }> {
    const f = await portalFixture();
    cleanups.push(() => f.close());
    return { f, server: await withSmtp(f.t) };
  }
  return { setUp, withSmtp, cleanups };
}
