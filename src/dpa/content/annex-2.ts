import type { DpaBlock } from "../dpa-document.ts";
import type { DpaAssessment, DpaOpenFinding } from "../dpa-inputs.ts";
import { ANNEX_HEADINGS, measuresIn } from "./annex-groups.ts";
import type { ContentContext } from "./context.ts";
import { capitalise, formatDate, sentence } from "./text.ts";

/**
 * Annex II: the technical and organisational measures the processor confirmed in its latest completed
 * assessment, under the headings of Annex II of the SCCs, then the open findings as agreed remediation. Without a
 * completed assessment it lists what is still to be confirmed and never states a measure nobody confirmed.
 */
export function annexTwoBlocks(ctx: ContentContext): DpaBlock[] {
  const { assessment } = ctx.inputs;
  return [
    { kind: "heading", level: 1, text: "Annex II: Technical and organisational measures" },
    ...(assessment ? confirmedMeasureBlocks(ctx, assessment) : unassessedBlocks(ctx)),
  ];
}

function confirmedMeasureBlocks(ctx: ContentContext, assessment: DpaAssessment): DpaBlock[] {
  const security = ctx.refs.clause("processor", "security");
  const unconfirmed = new Set(assessment.unconfirmedGroups);
  const intro: DpaBlock = {
    kind: "paragraph",
    text: `This annex describes the technical and organisational measures that the processor implements under clause ${security} (Art. 32 GDPR). Each measure below was confirmed by the processor in its answers to the questionnaire "${assessment.questionnaireTitle}" (version ${assessment.questionnaireVersion}), in the assessment ${assessment.id} completed on ${formatDate(assessment.completedOn)}; the processor's answer is shown with each measure.`,
  };
  const groups = ANNEX_HEADINGS.flatMap((heading, index): DpaBlock[] => {
    const measures = measuresIn(ctx.inputs, heading.groups);
    const title: DpaBlock = { kind: "heading", level: 2, text: `${index + 1}. ${heading.title}` };
    if (measures.length === 0) {
      const asked = heading.groups.some((group) => unconfirmed.has(group));
      return [
        title,
        {
          kind: "paragraph",
          text: asked
            ? "No measure confirmed in the assessment. The processor was asked about this group but did not confirm a measure."
            : "No measure confirmed in the assessment. The questionnaire did not cover this group.",
        },
      ];
    }
    return [
      title,
      {
        kind: "table",
        columns: [
          { header: "Measure", width: 0.72 },
          { header: "Processor's answer", width: 0.28 },
        ],
        rows: measures.map((measure) => [
          sentence(measure.statement),
          measure.answer.trim() || "(no answer text)",
        ]),
      },
    ];
  });
  return [intro, ...groups, ...remediationBlocks(ctx, assessment.openFindings)];
}

const STATUS_LABELS: Record<DpaOpenFinding["status"], string> = {
  open: "Open",
  remediation_planned: "Remediation planned",
  risk_accepted: "Risk accepted by the controller",
};

function remediationBlocks(ctx: ContentContext, findings: DpaOpenFinding[]): DpaBlock[] {
  const heading: DpaBlock = { kind: "heading", level: 2, text: "Agreed remediation" };
  if (findings.length === 0) {
    return [
      heading,
      { kind: "paragraph", text: "No finding of the assessment is open: no remediation is outstanding." },
    ];
  }
  return [
    heading,
    {
      kind: "paragraph",
      text: `The assessment found the following gaps. Under clause ${ctx.refs.clause("processor", "security")} the processor must remedy each one that is not accepted as a risk by its due date, following the agreed plan or, where none is recorded yet, the recommendation.`,
    },
    {
      kind: "table",
      columns: [
        { header: "Finding", width: 0.3 },
        { header: "Severity", width: 0.1 },
        { header: "Status", width: 0.14 },
        { header: "Due date", width: 0.13 },
        { header: "Agreed plan", width: 0.33 },
      ],
      rows: findings.map((finding) => [
        finding.title,
        capitalise(finding.severity),
        STATUS_LABELS[finding.status],
        formatDate(finding.dueDate),
        finding.remediationPlan?.trim() ||
          (finding.status === "risk_accepted"
            ? "None: the controller has accepted the risk."
            : `No plan recorded yet. Recommendation: ${finding.recommendation}`),
      ]),
    },
  ];
}

function unassessedBlocks(ctx: ContentContext): DpaBlock[] {
  return [
    {
      kind: "paragraph",
      text: `No assessment of the processor's technical and organisational measures has been completed yet, so this annex states no confirmed measure. Until the measures are confirmed, the processor remains bound by clause ${ctx.refs.clause("processor", "security")} and Art. 32 GDPR.`,
    },
    {
      kind: "paragraph",
      text: "The measures in each of the following groups are still to be confirmed; a new version of this agreement will set them out once the processor has confirmed them in an assessment:",
    },
    { kind: "list", ordered: true, items: ANNEX_HEADINGS.map((heading) => heading.title) },
  ];
}
