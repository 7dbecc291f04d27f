import { describe, expect, it } from "vitest";
import { buildDpaDocument } from "../../src/dpa/dpa-content.ts";
import type { DpaDocument } from "../../src/dpa/dpa-document.ts";
import { DpaInputs } from "../../src/dpa/dpa-inputs.ts";
import {
  clauseTitled,
  documentText,
  dpfDpaInputs,
  part,
  plainDpaInputs,
  richDpaInputs,
} from "./dpa-fixtures.ts";

const META = { documentId: "01JNDPA0000000000000000002", version: 1, fingerprint: "0".repeat(64) };

const build = (inputs: DpaInputs): DpaDocument => buildDpaDocument(DpaInputs.parse(inputs), META);
const textOf = (inputs: DpaInputs): string => documentText(build(inputs));

describe("optional terms appear only where the register calls for them", () => {
  it("omits the transfer and CCPA clauses for an EEA vendor with no US consumers", () => {
    const doc = build(plainDpaInputs());
    const text = documentText(doc);
    for (const absent of [
      "International transfers",
      "2021/914",
      "Module 2",
      "transfer impact assessment",
      "SCCs",
      "CCPA",
      "California",
      "1798",
      "UK International Data Transfer Addendum",
    ]) {
      expect(text, absent).not.toContain(absent);
    }
    expect(clauseTitled(doc, /28\(3\)\(d\)/)).toHaveLength(1);
  });

  it("treats a US vendor certified under the Data Privacy Framework as adequate: no SCC clause", () => {
    const text = textOf(dpfDpaInputs());
    expect(text).not.toContain("2021/914");
    expect(text).not.toContain("International transfers");
    expect(text).toContain("United States: Adequacy decision: EU-US Data Privacy Framework certification");
    expect(text).toContain(
      "Hosting Corp. | Cloud hosting | All processing | United States | Adequacy decision: EU-US Data Privacy Framework",
    );
  });

  it("adds the UK Addendum only when UK data is involved", () => {
    const inputs = richDpaInputs();
    inputs.ukData = false;
    const text = textOf(inputs);
    expect(text).toContain("2021/914");
    expect(text).not.toContain("UK International Data Transfer Addendum");
    expect(text).not.toContain("UK GDPR");
  });

  it("takes the SCC module recorded for a sub-processor over the default", () => {
    const inputs = richDpaInputs();
    const cloud = inputs.subprocessors[2]!;
    inputs.subprocessors[2] = { ...cloud, location: { ...cloud.location, sccModule: 2 } };
    const text = textOf(inputs);
    expect(text).not.toContain("Module 3");
    expect(text).toContain(
      "CloudCo LLC | Cloud hosting | All processing | United States | Standard contractual clauses (2021), Module 2",
    );
  });

  it("states the independent dispute resolution body and the absence of docking when set so", () => {
    const inputs = richDpaInputs();
    inputs.settings = {
      ...inputs.settings,
      sccDocking: false,
      sccIndependentRedress: "the Example Mediation Board",
    };
    const text = textOf(inputs);
    expect(text).toContain("Clause 7 (docking clause): not included");
    expect(text).toContain("with the independent dispute resolution body the Example Mediation Board");
  });
});

describe("facts nobody recorded", () => {
  it("become visible placeholders instead of invented values", () => {
    const inputs = richDpaInputs();
    inputs.settings = { ...inputs.settings, supervisoryAuthority: null, governingLaw: null, courts: null };
    inputs.records[0] = { ...inputs.records[0]!, retention: null, art9Condition: null };
    const text = textOf(inputs);
    for (const gap of [
      "Clause 13 (supervision): the competent supervisory authority is [to be completed: supervisory authority]",
      "the SCCs are governed by the law of [to be completed: governing law]",
      "resolved by the courts of [to be completed: courts]",
      "The competent supervisory authority is [to be completed: supervisory authority].",
      "This agreement is governed by the law of [to be completed: governing law].",
      "Retention period: [to be completed: retention period]",
      "Condition under Art. 9(2) GDPR: [to be completed: Art. 9(2) condition]",
    ]) {
      expect(text).toContain(gap);
    }
  });

  it("without a completed assessment, Annex II lists the groups still to be confirmed and no measure", () => {
    const doc = build(plainDpaInputs());
    const annex = part(doc, "Annex II");
    expect(annex).toContain(
      "No assessment of the processor's technical and organisational measures has been completed yet",
    );
    expect(annex).toContain("still to be confirmed");
    for (const heading of [
      "Pseudonymisation and encryption of personal data",
      "Event logging",
      "Data portability and erasure",
    ]) {
      expect(annex).toContain(heading);
    }
    expect(annex).not.toContain("Processor's answer");
    expect(annex).not.toContain("Agreed remediation");
  });

  it("without a completed assessment, special category safeguards stay to be confirmed", () => {
    const inputs = richDpaInputs();
    inputs.assessment = null;
    const claims = part(build(inputs), "B.1 ");
    expect(claims).toContain(
      "Restricted access: still to be confirmed; no assessment of the processor is completed (Annex II).",
    );
    expect(claims).not.toContain("multi-factor");
  });

  it("says so when the register has no processing and no sub-processors", () => {
    const inputs = plainDpaInputs();
    inputs.records = [];
    inputs.services = null;
    const text = textOf(inputs);
    expect(text).toContain("[to be completed: description of the services]");
    expect(text).toContain("[to be completed: the processing of personal data");
    expect(text).toContain("No sub-processor is authorised at the effective date.");
  });
});

describe("the same inputs", () => {
  it("give the same document, whatever object they come in", () => {
    const first = build(richDpaInputs());
    const second = build(JSON.parse(JSON.stringify(richDpaInputs())) as DpaInputs);
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it("keep Unicode names exactly as recorded", () => {
    const text = textOf(richDpaInputs());
    for (const name of [
      "Łódź Logistics Sp. z o.o.",
      "Müller Versicherungen GmbH",
      "Ελληνικά Δεδομένα Α.Ε.",
      "Königstraße",
    ]) {
      expect(text).toContain(name);
    }
  });

  it("never fall back on a generic purpose", () => {
    const text = textOf(plainDpaInputs());
    expect(text).toContain("(a) Sending the monthly customer newsletter to subscribers who opted in.");
    expect(text.toLowerCase()).not.toContain("to perform the services");
  });
});
