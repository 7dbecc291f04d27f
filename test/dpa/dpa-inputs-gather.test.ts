import { describe, expect, it } from "vitest";
import { gatherDpaInputs } from "../../src/dpa/dpa-inputs-gather.ts";
import { updateSettings } from "../../src/settings/settings-service.ts";
import { addProcessingRecord } from "../../src/vendors/register-service.ts";
import { createVendor, updateVendor } from "../../src/vendors/vendor-service.ts";
import { buildTestApp } from "../support/test-app.ts";
import { completeAnnexAssessment, configureOrganisation, richVendor } from "./dpa-setup.ts";

const ANSWERS = { "enc-rest": "yes", mfa: "yes", pentest: "no", "has-logs": "no" };

describe("what a DPA is generated from", () => {
  it("takes the parties, records, transfers and sub-processors from the settings and the register", async () => {
    const t = await buildTestApp();
    await configureOrganisation(t);
    const { vendor, claims } = await richVendor(t);
    const inputs = await gatherDpaInputs(t.deps.db, vendor.id, "2026-03-02");

    expect(inputs.effectiveDate).toBe("2026-03-02");
    expect(inputs.controller).toMatchObject({
      role: "controller",
      legalName: "Northwind Insurance SE",
      tradingName: "Northwind",
      country: "IE",
      countryName: "Ireland",
      signatory: { name: "Aoife Byrne", title: "Chief Operating Officer" },
      dpo: { name: "Dara Walsh", email: "dpo@northwind.example" },
      contacts: [{ name: "Privacy Team", email: "privacy@northwind.example", function: "Privacy contact" }],
    });
    expect(inputs.processor).toMatchObject({
      role: "processor",
      legalName: "Łódź Logistics Sp. z o.o.",
      tradingName: "Łódź Logistics",
      countryName: "Poland",
      signatory: null,
    });
    expect(inputs.processor.contacts.map((c) => c.name)).toEqual(["Zofia Nowak", "Piotr Wiśniewski"]);
    expect(inputs.services).toBe("Claims handling and customer support platform");

    const [first] = inputs.records;
    expect(first?.id).toBe(claims.id);
    expect(first?.purpose).toBe(
      "Handling insurance claims, including medical reports submitted by claimants",
    );
    expect(first?.legalBasis).toBe("Performance of a contract with the data subject (Art. 6(1)(b))");
    expect(first?.art9Condition).toBe(
      "Legal claims or courts acting in their judicial capacity (Art. 9(2)(f))",
    );
    expect(first?.dataCategories.map((c) => [c.code, c.special])).toEqual([
      ["identity", false],
      ["contact", false],
      ["health", true],
    ]);
    expect(first?.locations).toEqual([
      { country: "PL", countryName: "Poland", status: "inside_eea", mechanism: "none", sccModule: null },
      {
        country: "US",
        countryName: "United States of America",
        status: "restricted",
        mechanism: "scc",
        sccModule: 2,
      },
    ]);
    expect(inputs.records[1]?.dataSubjects).toEqual(["Customers", "Prospects"]);

    expect(inputs.subprocessors.map((s) => [s.name, s.location.status, s.location.sccModule])).toEqual([
      ["Mailer Inc", "restricted", 3],
      ["Müller GmbH", "inside_eea", null],
      ["Ελληνικά Δεδομένα Α.Ε.", "inside_eea", null],
    ]);
    expect(inputs.subprocessors[0]?.purposes).toEqual([
      "Answering customer support requests by email and chat",
    ]);
    expect(inputs.ccpa).toBe(true);
    expect(inputs.ukData).toBe(true);
    expect(inputs.assessment).toBeNull();
    expect(inputs.settings).toEqual({
      paperSize: "A4",
      breachNotificationHours: 36,
      subprocessorNoticeDays: 45,
      dsrAssistanceDays: 5,
      deletionDays: 30,
      supervisoryAuthority: "Data Protection Commission (Ireland)",
      sccDocking: true,
      sccIndependentRedress: "Dublin Mediation Centre",
      governingLaw: "Ireland",
      courts: "Ireland",
    });
  });

  it("a US vendor certified under the Data Privacy Framework counts as adequate", async () => {
    const t = await buildTestApp();
    await configureOrganisation(t);
    const { vendor } = await richVendor(t);
    await updateVendor(t.ctx, vendor.id, { dpfCertified: true });
    const inputs = await gatherDpaInputs(t.deps.db, vendor.id, "2026-03-02");
    expect(inputs.records[0]?.locations.find((l) => l.country === "US")?.status).toBe("adequate");
    // The sub-processor's own flag decides for it, not the vendor's.
    expect(inputs.subprocessors[0]?.location.status).toBe("restricted");
  });

  it("Annex II lists only measures the vendor's answers passed, and says which groups are unconfirmed", async () => {
    const t = await buildTestApp();
    await configureOrganisation(t);
    const { vendor } = await richVendor(t);
    const assessmentId = await completeAnnexAssessment(t, vendor.id, ANSWERS);
    const inputs = await gatherDpaInputs(t.deps.db, vendor.id, "2026-03-02");
    expect(inputs.assessment).toMatchObject({
      id: assessmentId,
      questionnaireTitle: "DPA annex check",
      questionnaireVersion: 1,
      completedOn: "2026-03-02",
    });
    expect(inputs.assessment?.measures).toEqual([
      {
        group: "identification-authorisation",
        questionId: "mfa",
        statement: "Administrator accounts require multi-factor authentication.",
        answer: "Yes",
      },
      {
        group: "protection-at-rest",
        questionId: "enc-rest",
        statement: "Personal data is encrypted at rest with AES-256.",
        answer: "Yes",
      },
    ]);
    // Logging was asked (has-logs) but not passed; the hidden follow-up does not count as asked.
    expect(inputs.assessment?.unconfirmedGroups).toEqual(["regular-testing", "logging"]);
    expect(inputs.assessment?.openFindings).toEqual([
      {
        title: "No yearly penetration test",
        severity: "medium",
        recommendation: "Ask for a penetration test before renewal.",
        status: "open",
        dueDate: expect.stringMatching(/^2026-\d\d-\d\d$/),
        remediationPlan: null,
      },
    ]);
  });

  it("refuses with what is missing instead of inventing parties or purposes", async () => {
    const t = await buildTestApp();
    const vendor = await createVendor(t.ctx, {
      name: "Bare Vendor",
      country: "DE",
      businessCriticality: "low",
    });
    const missing = await gatherDpaInputs(t.deps.db, vendor.id, "2026-03-02").catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: "unprocessable", status: 422 });
    expect((missing as { details: { path: string }[] }).details.map((d) => d.path)).toEqual([
      "settings.legalName",
      "settings.country",
      "processing",
    ]);

    await updateSettings(t.ctx, { organisationName: "Northwind", country: "IE" });
    await addProcessingRecord(t.ctx, vendor.id, {
      purpose: "   ",
      legalBasis: "contract",
      dataCategories: ["contact"],
      dataSubjects: ["customers"],
      subjectCount: 10,
      frequency: "one_off",
      access: "stores",
      locations: [{ country: "DE", mechanism: "none" }],
    });
    const blank = await gatherDpaInputs(t.deps.db, vendor.id, "2026-03-02").catch((e: unknown) => e);
    expect((blank as { details: { path: string; message: string }[] }).details).toEqual([
      { path: "processing[0].purpose", message: expect.stringContaining("never uses a generic purpose") },
    ]);
  });
});
