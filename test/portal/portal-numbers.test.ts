import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openLink, type PortalFixture, type PortalVisit, portalFixture } from "./portal-fixture.ts";

let f: PortalFixture;
let vera: PortalVisit;

beforeEach(async () => {
  f = await portalFixture();
  const sent = await f.send({ recipients: [{ name: "Vera Vendor", email: "vera@acme.example" }] });
  vera = await openLink(f.t, sent.secrets[0] ?? "");
});
afterEach(() => f.close());

/** The number and text each question's label or legend shows, in page order. */
async function labels(section: string): Promise<string[]> {
  const res = await f.t.app.request(`/portal/assessment/sections/${section}`, {
    headers: { cookie: vera.cookie },
  });
  expect(res.status).toBe(200);
  const html = await res.text();
  return [...html.matchAll(/<span class="q-number">([^<]+)<\/span> ([^<]+)/g)].map((m) => `${m[1]} ${m[2]}`);
}

describe("question numbers in the vendor portal", () => {
  it("numbers questions by their place, as the reviewer's page and emails do; a hidden one keeps its number", async () => {
    expect(await labels("basics")).toEqual([
      "1.1 Do you have a security policy?",
      // Shown only after "yes", but numbered all the same, so "1.3" never changes meaning.
      "1.2 Attach the security policy",
      "1.3 Where is our data hosted?",
      "1.4 Which US region?",
      "1.5 How many staff handle our data?",
    ]);
    // The notice that opens the second section takes no number.
    expect(await labels("controls")).toEqual([
      "2.1 Which certifications do you hold?",
      "2.2 When was your last audit?",
      "2.3 Anything else we should know?",
    ]);
  });
});
