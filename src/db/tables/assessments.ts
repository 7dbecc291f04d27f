import type { Selectable } from "kysely";

export type AssessmentStatus =
  | "sent"
  | "in_progress"
  | "submitted"
  | "clarification_requested"
  | "completed"
  | "cancelled"
  | "expired";

export interface AssessmentsTable {
  id: string;
  vendor_id: string;
  questionnaire_version_id: string;
  status: AssessmentStatus;
  due_date: string;
  message: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  attested_name: string | null;
  attested_title: string | null;
  cancelled_at: string | null;
  last_reminder_at: string | null;
  completed_at: string | null;
  completed_by: string | null;
}
export type AssessmentRow = Selectable<AssessmentsTable>;

export interface AssessmentInvitesTable {
  id: string;
  assessment_id: string;
  name: string;
  email: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
  created_at: string;
}
export type AssessmentInviteRow = Selectable<AssessmentInvitesTable>;

export interface InviteLinksTable {
  secret_hash: string;
  invite_id: string;
  created_at: string;
}

export interface PortalSessionsTable {
  id_hash: string;
  invite_id: string;
  assessment_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface AnswersTable {
  assessment_id: string;
  question_id: string;
  value: string | null;
  comment: string | null;
  revision: number;
  updated_at: string;
  updated_by: string;
}
export type AnswerRow = Selectable<AnswersTable>;

export interface EvidenceFilesTable {
  id: string;
  assessment_id: string;
  question_id: string;
  original_name: string;
  stored_name: string;
  media_type: string;
  size: number;
  sha256: string;
  kind: string | null;
  expires_on: string | null;
  uploaded_at: string;
  uploaded_by: string;
  deleted_at: string | null;
  expiry_reminded_at: string | null;
}
export type EvidenceFileRow = Selectable<EvidenceFilesTable>;
