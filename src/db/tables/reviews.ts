import type { Selectable } from "kysely";
import type { Rating } from "./vendors.ts";

export interface AssessmentScoresTable {
  assessment_id: string;
  questionnaire_version_id: string;
  method: "weighted" | "vsaq_warnings";
  /** JSON: the scoring settings used */
  settings: string;
  score: number | null;
  band: string;
  residual_rating: Rating;
  capped: number;
  /** JSON: the breakdown per section and question */
  result: string;
  computed_at: string;
}
export type AssessmentScoreRow = Selectable<AssessmentScoresTable>;

export interface ScoreOverridesTable {
  assessment_id: string;
  question_id: string;
  score: number;
  comment: string;
  overridden_by: string;
  overridden_at: string;
}
export type ScoreOverrideRow = Selectable<ScoreOverridesTable>;

export type FindingStatus = "open" | "remediation_planned" | "resolved" | "risk_accepted";

export interface FindingsTable {
  id: string;
  vendor_id: string;
  assessment_id: string | null;
  question_id: string | null;
  answer_text: string | null;
  source: "questionnaire" | "reviewer";
  severity: Rating;
  title: string;
  recommendation: string;
  status: FindingStatus;
  due_date: string;
  remediation_plan: string | null;
  remediation_target_date: string | null;
  resolution_note: string | null;
  resolved_at: string | null;
  acceptance_justification: string | null;
  accepted_by: string | null;
  accepted_until: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}
export type FindingRow = Selectable<FindingsTable>;

export interface AssessmentCommentsTable {
  id: string;
  assessment_id: string;
  question_id: string | null;
  author_id: string;
  author_label: string;
  body: string;
  created_at: string;
}
export type AssessmentCommentRow = Selectable<AssessmentCommentsTable>;

export interface ClarificationRequestsTable {
  id: string;
  assessment_id: string;
  question_id: string;
  round: number;
  message: string;
  requested_by: string;
  requested_at: string;
  answered_at: string | null;
}
export type ClarificationRequestRow = Selectable<ClarificationRequestsTable>;

export interface VendorDecisionsTable {
  id: string;
  vendor_id: string;
  assessment_id: string;
  decision: "approved" | "approved_with_conditions" | "rejected";
  reason: string;
  conditions: string | null;
  score: number | null;
  residual_rating: Rating;
  next_review_date: string | null;
  decided_by: string;
  decided_at: string;
}
export type VendorDecisionRow = Selectable<VendorDecisionsTable>;
