import { describe, expect, it } from "vitest";
import { buildDpaDocument } from "../../src/dpa/dpa-content.ts";
import type { DpaDocument } from "../../src/dpa/dpa-document.ts";
import { DpaInputs } from "../../src/dpa/dpa-inputs.ts";
import { clauses, clauseTitled, documentText, part, RICH_MEASURES, richDpaInputs } from "./dpa-fixtures.ts";

const META = { documentId: "01JNDPA0000000000000000001", version: 3, fingerprint: "9f2c".padEnd(64, "0") };

const build = (inputs: DpaInputs): DpaDocument => buildDpaDocument(DpaInputs.parse(inputs), META);

describe("the DPA for a vendor with health data, a US transfer without DPF, three sub-processors, CCPA and UK data", () => {
  const doc = build(richDpaInputs());
  const text = documentText(doc);

  it.each([
    ["the title between the two legal names", "Data Processing Agreement"],
    [
      "the controller with its address",
      "Müller Versicherungen GmbH (trading as Müller Insurance), Königstraße 12, 70173 Stuttgart, Germany, acting as controller",
    ],
    [
      "the processor with its address",
      "Acme Health Analytics Inc., 500 Market Street, San Francisco, CA 94105, United States, acting as processor",
    ],
    [
      "the controller's DPO",
      "The controller's data protection officer is Petra Schmidt, Data Protection Officer, dpo@mueller.example.",
    ],
    [
      "the processor's EU representative",
      "representative in the Union under Art. 27 GDPR is Acme EU Representative Ltd",
    ],
    ["the roles", "is a controller within the meaning of Art. 4(7) GDPR"],
    ["the effective date", "This agreement takes effect on 2 March 2026"],
    ["a term tied to the services", "It remains in force for as long as the processor provides the services"],
    ["the services from the register", "Claims analytics platform that scores incoming insurance claims"],
    [
      "the register's first purpose verbatim",
      "(a) Triage of health insurance claims to route them to the right claims handler;",
    ],
    ["the register's second purpose verbatim", "(b) Screening new policy applications for fraud."],
    [
      "the nature of each processing",
      'for "Screening new policy applications for fraud": has remote access to the controller\'s systems holding the data, recurring processing',
    ],
    [
      "the types of personal data",
      "Identity (name, date of birth, photo); Contact details (email, phone, postal address); Health data",
    ],
    ["the special categories", "special categories of personal data under Art. 9(1) GDPR: Health data"],
    [
      "the criminal offence data",
      "criminal convictions and offences (Art. 10 GDPR): Criminal convictions and offences",
    ],
    ["the categories of data subjects", "Customers, Claimants' family members and Prospects"],
    [
      "the controller's obligations",
      "The controller is responsible for the lawfulness of the processing it instructs",
    ],
    ["the controller's rights", "In addition to its rights under data protection law, the controller may:"],
    [
      "instructions including transfers",
      "This includes transfers of the personal data to a third country or an international organisation",
    ],
    [
      "notice of a legal requirement",
      "must inform the controller of that legal requirement before the processing",
    ],
    [
      "confidentiality",
      "has committed to confidentiality in writing or is under an appropriate statutory obligation of confidentiality",
    ],
    ["security pointing to Annex II", "Annex II describes the measures agreed at the effective date"],
    ["general written authorisation", "general written authorisation under Art. 28(2) GDPR"],
    [
      "advance notice of sub-processor changes",
      "at least 30 days before the new sub-processor starts processing",
    ],
    ["an objection period", "Within those 30 days the controller may object"],
    [
      "flow-down to sub-processors",
      "imposes on the sub-processor the same data protection obligations as this agreement imposes on the processor",
    ],
    [
      "the processor staying liable",
      "the processor remains fully liable to the controller for the performance of that sub-processor's obligations",
    ],
    ["data subject requests", "requests of data subjects exercising their rights under Chapter III GDPR"],
    ["assistance with DPIAs", "Art. 35 GDPR, data protection impact assessments"],
    ["prior consultation", "Art. 36 GDPR, prior consultation of the supervisory authority"],
    [
      "deletion or return at the controller's choice",
      "at the choice of the controller, delete all the personal data or return it to the controller, and delete all existing copies",
    ],
    [
      "written confirmation of deletion",
      "must confirm to the controller in writing that all the personal data and all copies have been deleted",
    ],
    ["audits including inspections", "must allow for and contribute to audits, including inspections"],
    [
      "notice of an infringing instruction",
      "must immediately inform the controller if, in its opinion, an instruction infringes the GDPR",
    ],
    [
      "breach notice within the hours of the setting",
      "without undue delay after becoming aware of it, and in any event within 48 hours",
    ],
    [
      "Art. 33(3)(a) nature, subjects and records",
      "the categories and approximate number of data subjects concerned and the categories and approximate number of personal data records concerned",
    ],
    [
      "Art. 33(3)(b) contact point",
      "the name and contact details of the processor's data protection officer or of another contact point",
    ],
    ["Art. 33(3)(c) consequences", "a description of the likely consequences of the personal data breach"],
    [
      "Art. 33(3)(d) measures",
      "measures taken or proposed to be taken by the processor to address the personal data breach",
    ],
    ["information in phases", "the rest in phases without undue further delay"],
    ["the SCCs by reference", "Commission Implementing Decision (EU) 2021/914 of 4 June 2021"],
    [
      "module 2 for the processor",
      "Module 2 (controller to processor) applies to the restricted transfers to the processor",
    ],
    [
      "module 3 for the US sub-processor",
      "Module 3 (processor to processor) applies to the onward transfers to the sub-processors",
    ],
    [
      "the US sub-processor as a restricted transfer",
      "to the sub-processor CloudCo LLC in the United States, for cloud hosting: SCCs Module 3",
    ],
    ["Clause 7 docking", "Clause 7 (docking clause): included"],
    [
      "Clause 9(a) option 2 with the notice period",
      "Clause 9(a) (use of sub-processors): Option 2, general written authorisation, applies; the data importer must inform the data exporter in writing of any intended addition or replacement of a sub-processor at least 30 days in advance",
    ],
    [
      "Clause 11(a) not used",
      "Clause 11(a) (redress): the optional provision on an independent dispute resolution body is not used",
    ],
    [
      "Clause 13 supervisory authority",
      "Clause 13 (supervision): the competent supervisory authority is Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit Baden-Württemberg",
    ],
    [
      "Clause 17 governing law",
      "Clause 17 (governing law): Option 1 applies; the SCCs are governed by the law of Germany",
    ],
    [
      "Clause 18(b) courts",
      "Clause 18(b) (choice of forum and jurisdiction): disputes arising from the SCCs are resolved by the courts of Stuttgart, Germany",
    ],
    ["the annexes of the SCCs", "Annex III of this agreement completes Annex III of the SCCs"],
    [
      "the transfer impact assessment on file",
      "The transfer impact assessment is documented and kept on file",
    ],
    [
      "the UK Addendum",
      "International Data Transfer Addendum to the EU Commission Standard Contractual Clauses",
    ],
    ["the CCPA service provider", "service provider within the meaning of Cal. Civ. Code 1798.140(ag)"],
    ["the CCPA contract requirements", "Cal. Civ. Code 1798.100(d) and 11 CCR 7051"],
    ["no selling or sharing", "The processor must not sell or share the personal information"],
    ["no use outside the specified purposes", "other than the business purposes specified in clause 8.2"],
    [
      "no use outside the direct business relationship",
      "outside the direct business relationship between the processor and the controller",
    ],
    [
      "no combining",
      "must not combine the personal information with personal information it receives from or on behalf of another person",
    ],
    [
      "the same level of protection",
      "provide the same level of privacy protection as the CCPA requires of businesses",
    ],
    [
      "notice if it can no longer comply",
      "if it determines that it can no longer meet its obligations under the CCPA",
    ],
    [
      "the right to stop and remediate",
      "take reasonable and appropriate steps to stop and remediate any unauthorised use",
    ],
    ["assistance with consumer requests", "in responding to requests that consumers make under the CCPA"],
    ["flow-down to subcontractors", "binds the subcontractor to the same obligations as this clause"],
    ["signature blocks", "Signed by the authorised representatives of the parties"],
  ])("states %s", (_element, expected) => {
    expect(text).toContain(expected);
  });

  it("gives every Art. 28(3)(a)-(h) obligation a numbered clause of its own, citing its point", () => {
    for (const point of ["a", "b", "c", "d", "e", "f", "g", "h"]) {
      const matching = clauseTitled(doc, new RegExp(`28\\(3\\)\\(${point}\\)`));
      expect(
        matching.map((c) => c.number),
        `Art. 28(3)(${point})`,
      ).toHaveLength(1);
    }
    const numbers = clauses(doc).map((c) => c.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(clauseTitled(doc, /Infringing instructions/)).toHaveLength(1);
  });

  it("refers only to clauses that exist", () => {
    const numbers = new Set(clauses(doc).flatMap((c) => [c.number, c.number.split(".")[0]]));
    const references = [...text.matchAll(/\bclauses? ((?:\d+(?:\.\d+)?(?:, | and )?)+)/g)].flatMap(
      (match) => match[1]?.split(/, | and /).filter(Boolean) ?? [],
    );
    expect(references.length).toBeGreaterThan(20);
    expect(references.filter((ref) => !numbers.has(ref))).toEqual([]);
  });

  it("lists both parties in Annex I.A with contacts, DPO, representative, role and signature lines", () => {
    const parties = part(doc, "A. List of parties");
    for (const expected of [
      "Name: Müller Versicherungen GmbH (trading as Müller Insurance)",
      "Contact persons: Jonas Weber, Privacy Counsel, privacy@mueller.example (Privacy / data protection officer)",
      "Pat Privacy, privacy@acme.example (Privacy / data protection officer)",
      "Data protection officer: Dana Okafor, dpo@acme.example",
      "Representative in the Union (Art. 27 GDPR): Acme EU Representative Ltd",
      "Role: Controller; data exporter under the SCCs",
      "Role: Processor; data importer under the SCCs; data exporter under the SCCs for onward transfers to sub-processors",
      "Signatory: Sam Rivera, General Counsel",
      "Signature: ____",
      "Date: ____",
      "Activities relevant to the processing: Provides the services described in clause 1.3",
    ]) {
      expect(parties).toContain(expected);
    }
  });

  it("describes each record in Annex I.B, with special categories, their condition and safeguards", () => {
    const claims = part(doc, "B.1 ");
    for (const expected of [
      "Categories of data subjects: Customers and Claimants' family members",
      "Approximate number of data subjects: 12,500",
      "Special categories (Art. 9 GDPR): Health data\nCondition under Art. 9(2) GDPR: Explicit consent",
      "Frequency: Continuous",
      "Nature of the processing: Stores the data",
      "Retention period: Seven years after the claim is closed",
      "United States: Standard contractual clauses (2021), Module 2 (controller to processor)",
      "Łódź Logistics Sp. z o.o.: Scanning and archiving of paper claim documents (Poland)",
      "CloudCo LLC: Cloud hosting (United States)",
      "Restricted access (Annex II): Every administrator account on the systems that hold the data requires multi-factor authentication.",
      "Encryption and pseudonymisation (Annex II): Keys that encrypt the stored data",
      "Specialised staff training (Annex II): Staff complete security and data protection awareness training",
      "Record of access (Annex II): Sign-ins, changes to access rights and administrator actions are logged.",
    ]) {
      expect(claims).toContain(expected);
    }
    const fraud = part(doc, "B.2 ");
    expect(fraud).toContain("Basis under Art. 10 GDPR: Section 31 of the German Federal Data Protection Act");
    expect(fraud).toContain("Special categories (Art. 9 GDPR): None");
    expect(fraud, "only the sub-processors of this purpose").not.toContain("Łódź Logistics");
    expect(part(doc, "C. Competent supervisory authority")).toContain("Baden-Württemberg");
  });

  it("writes Annex II from the confirmed measures under the SCC headings, then the agreed remediation", () => {
    const annex = part(doc, "Annex II");
    for (const measure of RICH_MEASURES) expect(annex).toContain(`${measure.statement} | ${measure.answer}`);
    expect(annex).toContain('questionnaire "Vendor security baseline" (version 2)');
    expect(annex).toContain("completed on 20 February 2026");
    expect(part(doc, "6. Protection of personal data during transmission and storage")).toContain("TLS 1.2");
    expect(part(doc, "7. Physical security")).toContain("No measure confirmed in the assessment");
    expect(part(doc, "2. Ongoing confidentiality")).toContain("No measure confirmed in the assessment");
    const remediation = part(doc, "Agreed remediation");
    expect(remediation).toContain(
      "Backups are not protected against ransomware | High | Remediation planned | 1 April 2026 | Enable object lock on the backup bucket by the end of March.",
    );
    expect(remediation).toContain(
      "No independent penetration test in the last year | Medium | Open | 15 May 2026 | No plan recorded yet. Recommendation: Commission an independent penetration test of the service.",
    );
  });

  it("lists the sub-processors in Annex III with service, country and transfer mechanism", () => {
    const annex = part(doc, "Annex III");
    expect(annex).toContain("Sub-processor | Service | Processing | Country | Transfer mechanism");
    expect(annex).toContain(
      "Ελληνικά Δεδομένα Α.Ε. | Encrypted off-site backup storage | All processing | Greece | None needed (inside the EEA)",
    );
    expect(annex).toContain(
      "CloudCo LLC | Cloud hosting | All processing | United States | Standard contractual clauses (2021), Module 3 (processor to processor)",
    );
  });

  it("carries the metadata and the document identity", () => {
    expect(doc).toMatchObject({
      title: "Data Processing Agreement between Müller Versicherungen GmbH and Acme Health Analytics Inc.",
      author: "Müller Versicherungen GmbH",
      effectiveDate: "2026-03-02",
      documentId: META.documentId,
      version: 3,
      fingerprint: META.fingerprint,
      paperSize: "A4",
    });
    expect(doc.subject).toContain("Art. 28 GDPR");
    expect(doc.keywords).toEqual(
      expect.arrayContaining(["data processing agreement", "CCPA service provider"]),
    );
    expect(doc.blocks.filter((b) => b.kind === "signatures")).toEqual([
      {
        kind: "signatures",
        parties: [
          {
            role: "Controller",
            legalName: "Müller Versicherungen GmbH",
            signatoryName: "Dr. Anna Müller",
            signatoryTitle: "Managing Director",
          },
          {
            role: "Processor",
            legalName: "Acme Health Analytics Inc.",
            signatoryName: "Sam Rivera",
            signatoryTitle: "General Counsel",
          },
        ],
      },
    ]);
  });

  it("leaves no placeholder when every setting and fact is recorded", () => {
    expect(text).not.toContain("[to be completed");
  });

  it("puts the annexes in order after the signatures, each on a new page", () => {
    const level1 = doc.blocks
      .filter((b) => b.kind === "heading" && b.level === 1)
      .map((b) => (b as { text: string }).text);
    expect(level1).toEqual([
      "Data Processing Agreement",
      "Annex I: List of parties and description of the processing",
      "Annex II: Technical and organisational measures",
      "Annex III: Authorised sub-processors",
    ]);
    const kinds = doc.blocks.map((b) => b.kind);
    expect(kinds.indexOf("signatures")).toBeLessThan(kinds.indexOf("pageBreak"));
    expect(kinds.filter((k) => k === "pageBreak")).toHaveLength(3);
  });
});
