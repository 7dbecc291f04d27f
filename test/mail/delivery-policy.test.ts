import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decideAfterFailure,
  findLinks,
  MAX_ATTEMPTS,
  RETRY_DELAYS_MINUTES,
  SCRUBBED_PORTAL_PATH,
  scrubPortalSecrets,
} from "../../src/mail/delivery-policy.ts";
import { randomSecret } from "../../src/shared/runtime.ts";

const NOW = new Date("2026-03-02T09:00:00.000Z");
const minutesLater = (d: Date) => (d.getTime() - NOW.getTime()) / 60_000;

describe("how long a failed message waits before the next attempt", () => {
  it.each([
    [1, 1],
    [2, 5],
    [3, 15],
    [4, 60],
    [5, 240],
    [6, 480],
    [7, 720],
  ])("after attempt %i it waits %i minutes", (attempts, minutes) => {
    const outcome = decideAfterFailure(attempts, NOW, false);
    expect(outcome.status).toBe("pending");
    if (outcome.status === "pending") expect(minutesLater(outcome.nextAttemptAt)).toBe(minutes);
  });

  it(`gives up after attempt ${MAX_ATTEMPTS}`, () => {
    expect(MAX_ATTEMPTS).toBe(RETRY_DELAYS_MINUTES.length + 1);
    expect(decideAfterFailure(MAX_ATTEMPTS, NOW, false)).toEqual({ status: "failed" });
    expect(decideAfterFailure(MAX_ATTEMPTS + 3, NOW, false)).toEqual({ status: "failed" });
  });

  it("gives up at once on a permanent refusal", () => {
    expect(decideAfterFailure(1, NOW, true)).toEqual({ status: "failed" });
  });

  it("never waits less than before", () => {
    const waits = RETRY_DELAYS_MINUTES.map((_, i) => decideAfterFailure(i + 1, NOW, false));
    const minutes = waits.map((w) => (w.status === "pending" ? minutesLater(w.nextAttemptAt) : Number.NaN));
    expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
  });
});

describe("removing link secrets from a sent message", () => {
  it("replaces every portal secret and keeps the rest of the text", () => {
    const a = randomSecret(32);
    const b = randomSecret(16);
    const text = `Open https://vv.example.org/portal/${a} today.\nOr (reminder) https://vv.example.org/portal/${b}.`;
    expect(scrubPortalSecrets(text)).toBe(
      `Open https://vv.example.org${SCRUBBED_PORTAL_PATH} today.\nOr (reminder) https://vv.example.org${SCRUBBED_PORTAL_PATH}.`,
    );
  });

  it("leaves other addresses and short portal paths alone", () => {
    const text = "See https://vv.example.org/portal/help and https://vv.example.org/vendors/01HZX";
    expect(scrubPortalSecrets(text)).toBe(text);
  });

  it("no generated secret survives, whatever surrounds it", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.integer({ min: 16, max: 64 }), (before, after, bytes) => {
        const secret = randomSecret(bytes);
        const scrubbed = scrubPortalSecrets(`${before}/portal/${secret}${after}`);
        expect(scrubbed).not.toContain(`/portal/${secret}`);
      }),
    );
  });
});

describe("links an admin can copy from a logged message", () => {
  it("lists each link once, without trailing punctuation of the sentence", () => {
    const text =
      "Open https://vv.example.org/portal/abc, or (https://vv.example.org/help). https://vv.example.org/portal/abc";
    expect(findLinks(text)).toEqual(["https://vv.example.org/portal/abc", "https://vv.example.org/help"]);
  });
});
