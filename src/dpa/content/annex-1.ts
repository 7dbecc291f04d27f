import type { DpaBlock } from "../dpa-document.ts";
import type { DpaParty, DpaRecord } from "../dpa-inputs.ts";
import { SPECIAL_CATEGORY_SAFEGUARDS } from "./annex-groups.ts";
import type { ContentContext } from "./context.ts";
import {
  contractWording,
  describePerson,
  formatCount,
  joinList,
  partyAddress,
  partyName,
  placeholder,
  sentence,
} from "./text.ts";
import { PROCESSOR_MODULE, transferMechanismLabel } from "./transfer-facts.ts";

const SIGNATURE_LINE = "______________________________";

/** Annex I in the shape of Annex I of the 2021 SCCs: A. parties, B. the processing per record, C. authority. */
export function annexOneBlocks(ctx: ContentContext): DpaBlock[] {
  const { inputs } = ctx;
  return [
    { kind: "heading", level: 1, text: "Annex I: List of parties and description of the processing" },
    { kind: "heading", level: 2, text: "A. List of parties" },
    ...partyBlocks(ctx, inputs.controller),
    ...partyBlocks(ctx, inputs.processor),
    { kind: "heading", level: 2, text: "B. Description of the processing" },
    ...(inputs.records.length === 0
      ? [
          {
            kind: "paragraph",
            text: placeholder("description of the processing (no processing is recorded)"),
          } as const,
        ]
      : inputs.records.flatMap((record, index) => recordBlocks(ctx, record, index))),
    { kind: "heading", level: 2, text: "C. Competent supervisory authority" },
    {
      kind: "paragraph",
      text: `The competent supervisory authority is ${inputs.settings.supervisoryAuthority?.trim() || placeholder("supervisory authority")}.${ctx.refs.has("transfers") ? " It is also the competent supervisory authority under Clause 13 of the SCCs." : ""}`,
    },
  ];
}

function partyBlocks({ transfers, refs }: ContentContext, party: DpaParty): DpaBlock[] {
  const isController = party.role === "controller";
  const imports = transfers.some((t) => t.recipient === "processor");
  const onward = transfers.some((t) => t.recipient === "subprocessor");
  const role = isController
    ? ["Controller", ...(imports ? ["data exporter under the SCCs"] : [])]
    : [
        "Processor",
        ...(imports ? ["data importer under the SCCs"] : []),
        ...(onward ? ["data exporter under the SCCs for onward transfers to sub-processors"] : []),
      ];
  const contacts = party.contacts.map(
    (contact) => `${describePerson(contact)}${contact.function ? ` (${contact.function})` : ""}`,
  );
  const rows: [string, string][] = [
    ["Name", partyName(party)],
    ["Address", partyAddress(party)],
    [
      "Contact persons",
      contacts.length > 0 ? contacts.join("\n") : placeholder(`contact person of ${party.legalName}`),
    ],
  ];
  if (party.dpo) rows.push(["Data protection officer", describePerson(party.dpo)]);
  if (party.euRepresentative?.trim())
    rows.push(["Representative in the Union (Art. 27 GDPR)", party.euRepresentative.trim()]);
  rows.push(
    [
      "Activities relevant to the processing",
      isController
        ? "Uses the processor's services for the purposes in Section B and gives the processor its instructions."
        : `Provides the services described in clause ${refs.clause("parties", "services")} and processes the personal data on the controller's behalf as Section B describes${refs.has("transfers") ? `, including the transfers of clause ${refs.clause("transfers", "scope")}` : ""}.`,
    ],
    ["Role", role.join("; ")],
    ["Signatory", party.signatory ? describePerson({ ...party.signatory, email: null }) : SIGNATURE_LINE],
    ["Signature", SIGNATURE_LINE],
    ["Date", SIGNATURE_LINE],
  );
  return [
    { kind: "heading", level: 3, text: `${isController ? "Controller" : "Processor"}: ${party.legalName}` },
    { kind: "fields", rows },
  ];
}

function recordBlocks(ctx: ContentContext, record: DpaRecord, index: number): DpaBlock[] {
  const { inputs } = ctx;
  const ordinary = record.dataCategories.filter((c) => !c.special && !c.criminal).map((c) => c.label);
  const special = record.dataCategories.filter((c) => c.special).map((c) => c.label);
  const criminal = record.dataCategories.filter((c) => c.criminal).map((c) => c.label);
  const subprocessors = inputs.subprocessors.filter(
    (sub) => sub.purposes.length === 0 || sub.purposes.includes(record.purpose),
  );
  const rows: [string, string][] = [
    ["Purpose of the processing and of any transfer", record.purpose],
    ["Legal basis of the controller", record.legalBasis],
    [
      "Categories of data subjects",
      record.dataSubjects.length > 0
        ? joinList(record.dataSubjects)
        : placeholder("categories of data subjects"),
    ],
    [
      "Approximate number of data subjects",
      record.subjectCount > 0
        ? formatCount(record.subjectCount)
        : placeholder("approximate number of data subjects"),
    ],
    ["Categories of personal data", ordinary.length > 0 ? ordinary.join("; ") : "Only the categories below"],
    [
      "Special categories (Art. 9 GDPR)",
      special.length > 0
        ? `${special.join("; ")}\nCondition under Art. 9(2) GDPR: ${record.art9Condition?.trim() || placeholder("Art. 9(2) condition")}\nSafeguards: listed below this table`
        : "None",
    ],
    [
      "Criminal convictions and offences (Art. 10 GDPR)",
      criminal.length > 0
        ? `${criminal.join("; ")}\nBasis under Art. 10 GDPR: ${record.art10Basis?.trim() || placeholder("Art. 10 basis")}\nSafeguards: listed below this table`
        : "None",
    ],
    ["Frequency", record.frequency],
    ["Nature of the processing", contractWording(record.access)],
    ["Retention period", record.retention?.trim() || placeholder("retention period")],
    [
      "Processing locations and transfer mechanism",
      record.locations.length > 0
        ? record.locations
            .map((l) => `${l.countryName}: ${transferMechanismLabel(l, PROCESSOR_MODULE)}`)
            .join("\n")
        : placeholder("processing locations"),
    ],
    [
      "Sub-processors taking part",
      subprocessors.length > 0
        ? subprocessors.map((sub) => `${sub.name}: ${sub.service} (${sub.location.countryName})`).join("\n")
        : "None",
    ],
  ];
  const blocks: DpaBlock[] = [
    { kind: "heading", level: 3, text: `B.${index + 1} ${record.purpose}` },
    { kind: "fields", rows },
  ];
  if (special.length > 0 || criminal.length > 0) {
    blocks.push(
      {
        kind: "paragraph",
        text: "Safeguards applied to the special categories and criminal offence data of this processing:",
      },
      { kind: "list", items: safeguards(ctx, record) },
    );
  }
  return blocks;
}

function safeguards({ inputs, refs }: ContentContext, record: DpaRecord): string[] {
  const contractual = [
    `Strict purpose limitation: processed only for "${record.purpose}" (clauses ${refs.clause("processing", "purposes")} and ${refs.clause("processor", "instructions")}).`,
    `Confidentiality: accessible only to authorised persons bound to confidentiality who need the data for the services (clause ${refs.clause("processor", "confidentiality")}).`,
    `Onward transfers: only to the sub-processors listed in Annex III, engaged under clause ${refs.clause("processor", "subprocessors")}.`,
  ];
  const assessment = inputs.assessment;
  const confirmed = SPECIAL_CATEGORY_SAFEGUARDS.map(({ label, pick }) => {
    if (!assessment)
      return `${label}: still to be confirmed; no assessment of the processor is completed (Annex II).`;
    const statements = assessment.measures.filter(pick).map((measure) => sentence(measure.statement));
    return statements.length > 0
      ? `${label} (Annex II): ${statements.join(" ")}`
      : `${label}: no measure confirmed in the assessment (Annex II).`;
  });
  return [...contractual, ...confirmed];
}
