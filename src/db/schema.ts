import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/** The database as the application sees it; the single source of row types. */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  setup_tokens: SetupTokensTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  settings: SettingsTable;
  vendors: VendorsTable;
  vendor_contacts: VendorContactsTable;
  processing_records: ProcessingRecordsTable;
  processing_categories: ProcessingCategoriesTable;
  subprocessors: SubprocessorsTable;
  vendor_tier_history: VendorTierHistoryTable;
  questionnaire_versions: QuestionnaireVersionsTable;
  outbox: OutboxTable;
  assessments: AssessmentsTable;
  assessment_invites: AssessmentInvitesTable;
  invite_links: InviteLinksTable;
  portal_sessions: PortalSessionsTable;
  answers: AnswersTable;
  evidence_files: EvidenceFilesTable;
  assessment_scores: AssessmentScoresTable;
  score_overrides: ScoreOverridesTable;
  findings: FindingsTable;
  assessment_comments: AssessmentCommentsTable;
  clarification_requests: ClarificationRequestsTable;
  vendor_decisions: VendorDecisionsTable;
  dpa_documents: DpaDocumentsTable;
}

export type Rating = "low" | "medium" | "high" | "critical";

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: "admin" | "privacy" | "procurement" | "viewer";
  password_hash: string | null;
  disabled_at: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}
export type SessionRow = Selectable<SessionsTable>;

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}
export type ApiTokenRow = Selectable<ApiTokensTable>;

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: number;
  at: string;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditEventsTable {
  seq: number;
  id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** JSON: { field: { before, after } } */
  changes: string;
  /** JSON: request id, ip, token id and similar circumstances of the change */
  context: string;
  prev_hash: string;
  hash: string;
}
export type AuditEventRow = Selectable<AuditEventsTable>;

export interface AuditHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
  count: number;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface VendorsTable {
  id: string;
  name: string;
  name_key: string;
  legal_name: string | null;
  registered_address: string | null;
  country: string;
  website: string | null;
  service_description: string | null;
  business_owner: string | null;
  business_criticality: "low" | "medium" | "high" | "critical";
  status: "intake" | "under_review" | "approved" | "rejected" | "offboarding" | "offboarded";
  dpf_certified: number;
  canada_commercial: number;
  ccpa_service_provider: number;
  computed_tier: "low" | "medium" | "high" | "critical";
  tier_override: "low" | "medium" | "high" | "critical" | null;
  tier_override_reason: string | null;
  tier: "low" | "medium" | "high" | "critical";
  needs_reassessment: number;
  offboarding_data_disposition: "returned" | "deleted" | null;
  offboarding_confirmed_on: string | null;
  offboarding_evidence: string | null;
  /** The residual risk rating set when the latest review was completed; null until then. */
  residual_rating: Rating | null;
  next_review_date: string | null;
  last_decision_id: string | null;
  /** The processor's own data protection officer, representative and signatory, as its DPA names them. */
  dpo_name: string | null;
  dpo_email: string | null;
  /** Free text: name and address of the Art. 27 representative in the Union. */
  eu_representative: string | null;
  signatory_name: string | null;
  signatory_title: string | null;
  created_at: string;
  updated_at: string;
}
export type VendorRow = Selectable<VendorsTable>;

export interface VendorContactsTable {
  id: string;
  vendor_id: string;
  name: string;
  email: string;
  role: "security" | "privacy" | "commercial";
  created_at: string;
}
export type VendorContactRow = Selectable<VendorContactsTable>;

export interface ProcessingRecordsTable {
  id: string;
  vendor_id: string;
  purpose: string;
  legal_basis: string;
  /** JSON array of data category codes */
  data_categories: string;
  art9_condition: string | null;
  art10_basis: string | null;
  /** JSON array of data subject categories */
  data_subjects: string;
  subject_count: number;
  retention: string | null;
  frequency: string;
  access: string;
  /** JSON array of { country, mechanism, sccModule? } */
  locations: string;
  created_at: string;
  updated_at: string;
}
export type ProcessingRecordRow = Selectable<ProcessingRecordsTable>;

export interface ProcessingCategoriesTable {
  processing_id: string;
  vendor_id: string;
  category: string;
}

export interface SubprocessorsTable {
  id: string;
  vendor_id: string;
  name: string;
  service: string;
  country: string;
  mechanism: string;
  scc_module: number | null;
  dpf_certified: number;
  canada_commercial: number;
  /** JSON array of processing record ids */
  processing_ids: string;
  added_on: string;
  created_at: string;
}
export type SubprocessorRow = Selectable<SubprocessorsTable>;

export interface VendorTierHistoryTable {
  id: string;
  vendor_id: string;
  at: string;
  computed_tier: string;
  override_tier: string | null;
  tier: string;
  previous_tier: string | null;
  reason: string;
  actor_label: string;
}
export type VendorTierHistoryRow = Selectable<VendorTierHistoryTable>;

export interface QuestionnaireVersionsTable {
  id: string;
  key: string;
  version: number;
  title: string;
  description: string;
  /** JSON array of tiers */
  tiers: string;
  question_count: number;
  content: string;
  content_hash: string;
  source: "shipped" | "upload" | "vsaq";
  source_name: string | null;
  published_at: string;
  published_by: string;
}
export type QuestionnaireVersionRow = Selectable<QuestionnaireVersionsTable>;

export interface OutboxTable {
  id: string;
  kind: string;
  to_email: string;
  to_name: string | null;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: "pending" | "sent" | "failed" | "logged";
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  assessment_id: string | null;
  created_at: string;
  sent_at: string | null;
}
export type OutboxRow = Selectable<OutboxTable>;

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

export type DpaStatus = "generated" | "sent_for_signature" | "signed" | "superseded";

export interface DpaDocumentsTable {
  id: string;
  vendor_id: string;
  version: number;
  status: DpaStatus;
  /** JSON: every input the document was generated from */
  inputs: string;
  inputs_hash: string;
  pdf: Buffer;
  sha256: string;
  size: number;
  pages: number;
  created_by: string;
  created_at: string;
  sent_at: string | null;
  signed_pdf: Buffer | null;
  signed_sha256: string | null;
  signed_on: string | null;
  signed_uploaded_by: string | null;
  signed_uploaded_at: string | null;
  superseded_at: string | null;
}
export type DpaDocumentRow = Selectable<DpaDocumentsTable>;
