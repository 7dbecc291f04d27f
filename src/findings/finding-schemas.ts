import { z } from "@hono/zod-openapi";
import { SEVERITIES } from "../questionnaires/template-schema.ts";

export const FINDING_STATUSES = ["open", "remediation_planned", "resolved", "risk_accepted"] as const;

export const FindingSeverity = z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(", ")}` });
export type FindingSeverity = z.infer<typeof FindingSeverity>;
export const FindingStatus = z.enum(FINDING_STATUSES);
export type FindingStatus = z.infer<typeof FindingStatus>;

export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  open: "Open",
  remediation_planned: "Remediation planned",
  resolved: "Resolved",
  risk_accepted: "Risk accepted",
};

export const SEVERITY_LABELS: Record<FindingSeverity, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
};

const Day = z.iso.date({ error: "must be a date YYYY-MM-DD" });
const LongText = (max: number) =>
  z.string({ error: "required" }).trim().min(1, "required").max(max, `at most ${max} characters`);

export const Finding = z
  .object({
    id: z.string(),
    vendor: z.object({ id: z.string(), name: z.string() }),
    assessmentId: z.string().nullable(),
    questionId: z.string().nullable(),
    question: z
      .string()
      .nullable()
      .openapi({ description: "The question's text in the questionnaire version the vendor answered" }),
    answer: z
      .string()
      .nullable()
      .openapi({ description: "The answer that raised the finding, as a reviewer reads it" }),
    source: z.enum(["questionnaire", "reviewer"]),
    severity: FindingSeverity,
    title: z.string(),
    recommendation: z.string(),
    status: FindingStatus,
    dueDate: z.string().openapi({ description: "YYYY-MM-DD" }),
    overdue: z.boolean().openapi({ description: "Past the due date while open or remediation planned" }),
    remediation: z.object({ plan: z.string(), targetDate: z.string() }).nullable(),
    riskAcceptance: z
      .object({ justification: z.string(), acceptedBy: z.string(), until: z.string() })
      .nullable(),
    resolution: z.object({ note: z.string(), at: z.string() }).nullable(),
    createdBy: z.string().openapi({
      description:
        'The id of the user who added the finding, or "questionnaire scoring" for one raised by an answer',
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Finding");
export type Finding = z.infer<typeof Finding>;

export const FindingCounts = z
  .object({
    total: z.number().int(),
    overdue: z.number().int(),
    bySeverity: z.object({
      critical: z.number().int(),
      high: z.number().int(),
      medium: z.number().int(),
      low: z.number().int(),
    }),
  })
  .openapi("FindingCounts");
export type FindingCounts = z.infer<typeof FindingCounts>;

export const FindingPage = z
  .object({
    data: z.array(Finding),
    nextCursor: z.string().nullable(),
    counts: FindingCounts.openapi({ description: "Every finding matching the filters, not just this page" }),
  })
  .openapi("FindingPage");
export type FindingPage = z.infer<typeof FindingPage>;

/** The filters of the list, the CSV export and the list page. */
export const FindingFilters = z.object({
  severity: FindingSeverity.optional(),
  status: z
    .enum([...FINDING_STATUSES, "active"])
    .optional()
    .openapi({ description: "active: open or remediation planned (work still expected)" }),
  vendorId: z.string().max(64).optional(),
  assessmentId: z.string().max(64).optional(),
  overdue: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "true: past the due date while open or remediation planned" }),
});
export type FindingFilters = z.infer<typeof FindingFilters>;

export const FindingListQuery = FindingFilters.extend({
  cursor: z.string().max(500).optional().openapi({ description: "nextCursor from the previous page" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type FindingListQuery = z.infer<typeof FindingListQuery>;

export const CreateFinding = z
  .object({
    vendorId: z.string({ error: "required" }).trim().min(1, "required").max(64),
    assessmentId: z.string().trim().min(1).max(64).optional(),
    questionId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "A question of the assessment's questionnaire; needs assessmentId" }),
    severity: FindingSeverity,
    title: LongText(300),
    recommendation: LongText(5000),
    dueDate: Day.optional().openapi({
      description: "YYYY-MM-DD, today or later; left out, the review policy's default for the severity",
    }),
  })
  .strict()
  .openapi("CreateFinding");
export type CreateFinding = z.infer<typeof CreateFinding>;

export const RemediationPlanInput = z
  .object({
    plan: LongText(5000).openapi({ description: "What the vendor will do, in their words or ours" }),
    targetDate: Day.openapi({ description: "YYYY-MM-DD, today or later" }),
  })
  .strict()
  .openapi("RemediationPlanInput");
export type RemediationPlanInput = z.infer<typeof RemediationPlanInput>;

export const ResolveInput = z
  .object({ note: LongText(5000).openapi({ description: "How the finding was fixed or verified" }) })
  .strict()
  .openapi("ResolveInput");
export type ResolveInput = z.infer<typeof ResolveInput>;

export const AcceptRiskInput = z
  .object({
    justification: LongText(5000).openapi({ description: "Why the organisation accepts the risk" }),
    until: Day.openapi({
      description: "YYYY-MM-DD after today, at most 3 years ahead; the finding reopens the day after",
    }),
  })
  .strict()
  .openapi("AcceptRiskInput");
export type AcceptRiskInput = z.infer<typeof AcceptRiskInput>;

export const ReopenInput = z
  .object({ reason: LongText(2000) })
  .strict()
  .openapi("ReopenInput");
export type ReopenInput = z.infer<typeof ReopenInput>;
