import PDFDocument from "pdfkit";
import { buildDpaDocument } from "../../src/dpa/dpa-content.ts";
import type { DpaDocument } from "../../src/dpa/dpa-document.ts";
import { DpaInputs, type DpaLocation, type DpaParty } from "../../src/dpa/dpa-inputs.ts";
import { renderDpaPdf } from "../../src/dpa/dpa-render.ts";
import { DPA_FONTS } from "../../src/dpa/pdf/fonts.ts";
import { MARGINS, STYLES } from "../../src/dpa/pdf/layout.ts";
import { ANNEX_GROUPS } from "../../src/questionnaires/template-schema.ts";
import { percentile } from "../lib/load.ts";
import type { BenchContext, BenchRow, BenchSuite, SuiteResult } from "../lib/suite.ts";

const RECORDS = 5;
const SUBPROCESSORS = 25;
const MEASURES = 60;
const WARMUP_RUNS = 3;
const RUNS = 20;

const location = (country: string, countryName: string, status: DpaLocation["status"]): DpaLocation => ({
  country,
  countryName,
  status,
  mechanism: status === "restricted" ? "scc" : "adequacy",
  sccModule: null,
});
const LOCATIONS = [
  location("DE", "Germany", "inside_eea"),
  location("PL", "Poland", "inside_eea"),
  location("US", "United States", "restricted"),
  location("GB", "United Kingdom", "adequate"),
  location("IN", "India", "restricted"),
];

function party(role: DpaParty["role"], legalName: string, country: DpaLocation): DpaParty {
  return {
    role,
    legalName,
    tradingName: null,
    address: `${role === "controller" ? "Königstraße 12" : "ul. Piotrkowska 80"}, ${country.countryName}`,
    country: country.country,
    countryName: country.countryName,
    signatory: { name: `Signatory of ${legalName}`, title: "Managing Director", email: null },
    contacts: [{ name: "Privacy Team", title: null, email: "privacy@example.com", function: "Privacy" }],
    dpo: { name: "Dana Data", title: "Data Protection Officer", email: "dpo@example.com" },
    euRepresentative: null,
  };
}

/** A large vendor as the issue describes it: 5 data-sharing records, 25 sub-processors, 60 confirmed measures. */
function benchInputs(): DpaInputs {
  const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;
  const purposes = Array.from(
    { length: RECORDS },
    (_, r) => `Purpose ${r + 1}: handling customer case files`,
  );
  return DpaInputs.parse({
    effectiveDate: "2026-03-02",
    controller: party("controller", "Müller Versicherungen GmbH", pick(LOCATIONS, 0)),
    processor: party("processor", "Łódź Logistics Sp. z o.o.", pick(LOCATIONS, 1)),
    services: "Case management, document scanning and customer support for insurance claims",
    records: purposes.map((purpose, r) => ({
      id: `rec-${r + 1}`,
      purpose,
      legalBasis: "Performance of a contract with the data subject",
      dataCategories: [
        { code: "identity", label: "Identity (name, date of birth)", special: false, criminal: false },
        {
          code: "contact",
          label: "Contact details (email, phone, address)",
          special: false,
          criminal: false,
        },
        ...(r % 2 === 0 ? [{ code: "health", label: "Health data", special: true, criminal: false }] : []),
      ],
      art9Condition: r % 2 === 0 ? "Explicit consent" : null,
      art10Basis: null,
      dataSubjects: ["Customers", "Claimants"],
      subjectCount: 10_000 * (r + 1),
      retention: "Seven years after the case is closed",
      frequency: "Continuous",
      access: "Stores the data",
      locations: [pick(LOCATIONS, r), pick(LOCATIONS, r + 2)],
    })),
    subprocessors: Array.from({ length: SUBPROCESSORS }, (_, s) => ({
      name: `Sub-processor ${s + 1} Ltd`,
      service: `Service ${s + 1}: hosting, backup and support tooling for the case files`,
      location: pick(LOCATIONS, s),
      purposes: s % 3 === 0 ? [] : [pick(purposes, s)],
    })),
    ccpa: true,
    ukData: true,
    assessment: {
      id: "01JBENCHASSESSMENT00000001",
      questionnaireTitle: "Vendor security baseline",
      questionnaireVersion: 3,
      completedOn: "2026-02-20",
      measures: Array.from({ length: MEASURES }, (_, m) => ({
        group: pick(ANNEX_GROUPS, m),
        questionId: `q-${m + 1}`,
        statement: `Measure ${m + 1}: the control is documented, operated every day and reviewed by the security officer each quarter.`,
        answer: "Yes",
      })),
      unconfirmedGroups: [],
      openFindings: Array.from({ length: 4 }, (_, f) => ({
        title: `Finding ${f + 1}: a control falls short`,
        severity: pick(["high", "medium"] as const, f),
        recommendation: "Close the gap before the next review.",
        status: "open",
        dueDate: "2026-06-30",
        remediationPlan: null,
      })),
    },
    settings: {
      paperSize: "A4",
      breachNotificationHours: 48,
      subprocessorNoticeDays: 30,
      supervisoryAuthority: "Der Landesbeauftragte für den Datenschutz Baden-Württemberg",
      sccDocking: true,
      sccIndependentRedress: null,
      governingLaw: "Germany",
      courts: "Stuttgart, Germany",
    },
  });
}

const PLAIN_LINE =
  "The processor keeps the personal data confidential and processes it only on instructions. ";

/** The reference: pdfkit alone, `pages` pages of plain body text in the same font, size, paper and margins. */
async function renderBarePdf(pages: number): Promise<{ bytes: number; pages: number }> {
  const pdf = new PDFDocument({ size: "A4", margins: MARGINS, bufferPages: true, font: DPA_FONTS.regular });
  pdf.info.CreationDate = new Date("2026-03-02T00:00:00Z");
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => pdf.on("end", resolve));
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const width = pdf.page.width - MARGINS.left - MARGINS.right;
  const height = pdf.page.height - MARGINS.top - MARGINS.bottom;
  pdf.fontSize(STYLES.body.size);
  for (let p = 0; p < pages; p++) {
    if (p > 0) pdf.addPage();
    // `height` makes pdfkit stop at the bottom of the page instead of opening another.
    pdf.text(`Page ${p + 1}. ${PLAIN_LINE.repeat(60)}`, MARGINS.left, MARGINS.top, {
      width,
      height,
      lineGap: STYLES.body.lineGap,
    });
  }
  const count = pdf.bufferedPageRange().count;
  pdf.end();
  await done;
  return { bytes: chunks.reduce((n, c) => n + c.length, 0), pages: count };
}

function row(label: string, samples: number[], pages: number, bytes: number): BenchRow {
  const sorted = Float64Array.from(samples).sort();
  return {
    label,
    figures: {
      "median ms": percentile(sorted, 0.5),
      "p95 ms": percentile(sorted, 0.95),
      pages,
      KB: bytes / 1024,
      runs: samples.length,
    },
  };
}

async function runSuite(ctx: BenchContext): Promise<SuiteResult> {
  const inputs = benchInputs();
  const meta = { documentId: "01JBENCHDPA000000000000001", version: 1, fingerprint: "0f".repeat(32) };
  let doc: DpaDocument = buildDpaDocument(inputs, meta);
  const first = await renderDpaPdf(doc);
  ctx.log(
    `one DPA of ${first.pages} pages, rendered ${RUNS} times next to a bare pdfkit document of as many pages`,
  );
  const bare = await renderBarePdf(first.pages);
  if (bare.pages !== first.pages)
    throw new Error(`The reference has ${bare.pages} pages, not ${first.pages}`);

  const building: number[] = [];
  const rendering: number[] = [];
  const reference: number[] = [];
  for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
    const measured = run >= WARMUP_RUNS;
    let started = performance.now();
    doc = buildDpaDocument(inputs, meta);
    if (measured) building.push(performance.now() - started);
    started = performance.now();
    await renderDpaPdf(doc);
    if (measured) rendering.push(performance.now() - started);
    // Interleaved, so both see the same state of the machine.
    started = performance.now();
    await renderBarePdf(first.pages);
    if (measured) reference.push(performance.now() - started);
  }
  return {
    rows: [
      row(
        `DPA: ${RECORDS} records, ${SUBPROCESSORS} sub-processors, ${MEASURES} measures`,
        rendering,
        first.pages,
        first.bytes.length,
      ),
      row("bare pdfkit, same page count of plain text", reference, bare.pages, bare.bytes),
      row("wording only (buildDpaDocument)", building, first.pages, 0),
    ],
    notes: [
      `In this process: ${WARMUP_RUNS} unmeasured runs, then ${RUNS} timed; renderDpaPdf from a built DpaDocument to the finished bytes (fonts loaded and subset, tables measured, footers, compression).`,
      "The reference draws the same number of A4 pages of plain DejaVu Sans text at the same size with pdfkit directly: the difference is the cost of the layout (measuring, tables, headings, outline, footers).",
      "Inputs built by hand in bench/suites/dpa-render.ts: SCC, CCPA and UK Addendum clauses all apply; 4 open findings.",
    ],
  };
}

export const dpaRender: BenchSuite = {
  name: "dpa-render",
  description: "Time to render one large DPA to PDF, next to bare pdfkit of the same page count",
  run: runSuite,
};
