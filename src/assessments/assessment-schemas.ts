import { z } from "@hono/zod-openapi";
import { Finding } from "../findings/finding-schemas.ts";
import { AssessmentComment, AssessmentScore, Clarification } from "../reviews/review-schemas.ts";
import { VendorDecisionRef } from "../vendors/vendor-schemas.ts";

export const AssessmentStatus = z.enum([
  "sent",
  "in_progress",
  "submitted",
  "clarification_requested",
  "completed",
  "cancelled",
  "expired",
]);
export type AssessmentStatus = z.infer<typeof AssessmentStatus>;

/** The statuses in which the vendor is still expected to answer: links work, reminders go out. */
export const OPEN_STATUSES = ["sent", "in_progress", "clarification_requested"] as const;
/** The statuses the reminder and expiry job looks at. */
export const AWAITING_ANSWERS = ["sent", "in_progress"] as const;

export const MAX_RECIPIENTS = 10;

export const Recipient = z
  .object({
    email: z.email("must be an email address").max(254),
    name: z.string().trim().min(1, "required").max(200),
  })
  .strict()
  .openapi("Recipient");
export type Recipient = z.infer<typeof Recipient>;

const DueDate = z.iso.date({ message: "must be a date YYYY-MM-DD" });

export const CreateAssessment = z
  .object({
    vendorId: z.string().min(1, "required").max(64),
    questionnaire: z
      .string()
      .min(1, "required")
      .max(100)
      .openapi({ description: "The questionnaire key, e.g. vendor-security-essentials" }),
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: "A published version of the questionnaire; the latest when left out" }),
    dueDate: DueDate.openapi({ description: "YYYY-MM-DD, today or later (UTC)" }),
    recipients: z
      .array(Recipient)
      .min(1, "name at least one recipient")
      .max(MAX_RECIPIENTS, `at most ${MAX_RECIPIENTS} recipients`)
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((r, i) => {
          const email = r.email.toLowerCase();
          if (seen.has(email)) ctx.addIssue({ code: "custom", path: [i, "email"], message: "listed twice" });
          seen.add(email);
        });
      }),
    message: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .openapi({ description: "A personal note added to the invitation email" }),
  })
  .strict()
  .openapi("CreateAssessment");
export type CreateAssessment = z.infer<typeof CreateAssessment>;

export const CancelAssessment = z
  .object({ reason: z.string().trim().max(2000).optional() })
  .strict()
  .openapi("CancelAssessment");
export type CancelAssessment = z.infer<typeof CancelAssessment>;

export const RemindInput = z
  .object({
    force: z
      .boolean()
      .optional()
      .openapi({ description: "Send even though a reminder already went out today (UTC)" }),
  })
  .strict()
  .openapi("RemindInput");
export type RemindInput = z.infer<typeof RemindInput>;

export const AssessmentListQuery = z.object({
  vendorId: z.string().max(64).optional(),
  status: AssessmentStatus.optional(),
  overdue: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "true: past the due date and not yet submitted" }),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AssessmentListQuery = z.infer<typeof AssessmentListQuery>;

const QuestionnaireRef = z.object({ key: z.string(), version: z.number().int(), title: z.string() });

export const AssessmentSummary = z
  .object({
    id: z.string(),
    vendor: z.object({ id: z.string(), name: z.string() }),
    questionnaire: QuestionnaireRef,
    status: AssessmentStatus,
    dueDate: z.string(),
    overdue: z.boolean(),
    createdAt: z.string(),
    submittedAt: z.string().nullable(),
    lastReminderAt: z.string().nullable(),
  })
  .openapi("AssessmentSummary");
export type AssessmentSummary = z.infer<typeof AssessmentSummary>;

export const AssessmentPage = z
  .object({ data: z.array(AssessmentSummary), nextCursor: z.string().nullable() })
  .openapi("AssessmentPage");

export const Invite = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    active: z.boolean().openapi({ description: "Neither revoked nor expired: its links open the portal" }),
  })
  .openapi("AssessmentInvite");
export type Invite = z.infer<typeof Invite>;

export const AnswerOut = z.object({
  value: z.unknown().openapi({ description: "As the template format defines answers; null when cleared" }),
  comment: z.string().nullable(),
  updatedAt: z.string(),
});

export const EvidenceOut = z.object({
  id: z.string(),
  question: z.string(),
  name: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  mediaType: z.string(),
  uploadedAt: z.string(),
  href: z.string().openapi({ description: "Download link for staff" }),
});

export const AssessmentDetail = AssessmentSummary.extend({
  questionnaire: QuestionnaireRef.extend({ estimatedMinutes: z.number().int().nullable() }),
  message: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  attestation: z
    .object({ name: z.string(), title: z.string().nullable(), at: z.string() })
    .nullable()
    .openapi({ description: "Who attested that the answers are accurate, at submission" }),
  invites: z.array(Invite),
  reminders: z.object({
    last: z.string().nullable(),
    nextAutomatic: z
      .string()
      .nullable()
      .openapi({ description: "The day (UTC) of the next automatic reminder" }),
  }),
  progress: z.object({
    requiredAnswered: z.number().int(),
    requiredTotal: z.number().int().openapi({ description: "Required questions currently shown" }),
    answered: z.number().int(),
    visible: z.number().int().openapi({ description: "Questions currently shown (notices left out)" }),
  }),
  answers: z.record(z.string(), AnswerOut).openapi({ description: "By question id" }),
  evidence: z.array(EvidenceOut),
  score: AssessmentScore.nullable().openapi({
    description: "The latest score with its breakdown; null until the vendor submits",
  }),
  findings: z
    .array(Finding)
    .openapi({ description: "Findings raised from this assessment or added about it" }),
  comments: z.array(AssessmentComment).openapi({ description: "Reviewer comments, oldest first" }),
  clarifications: z
    .array(Clarification)
    .openapi({ description: "Questions sent back to the vendor, every round; open ones have no answeredAt" }),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  decision: VendorDecisionRef.nullable().openapi({
    description: "The decision recorded when the review was completed",
  }),
}).openapi("AssessmentDetail");
export type AssessmentDetail = z.infer<typeof AssessmentDetail>;
