import type {
  AnswersTable,
  AssessmentInvitesTable,
  AssessmentsTable,
  EvidenceFilesTable,
  InviteLinksTable,
  PortalSessionsTable,
} from "./tables/assessments.ts";
import type { AuditEventsTable, AuditHeadTable } from "./tables/audit.ts";
import type {
  ApiTokensTable,
  LoginAttemptsTable,
  SessionsTable,
  SetupTokensTable,
  UsersTable,
} from "./tables/auth.ts";
import type { DpaDocumentsTable } from "./tables/dpa.ts";
import type { OutboxTable } from "./tables/mail.ts";
import type { QuestionnaireVersionsTable } from "./tables/questionnaires.ts";
import type {
  AssessmentCommentsTable,
  AssessmentScoresTable,
  ClarificationRequestsTable,
  FindingsTable,
  ScoreOverridesTable,
  VendorDecisionsTable,
} from "./tables/reviews.ts";
import type { SettingsTable } from "./tables/settings.ts";
import type {
  ProcessingCategoriesTable,
  ProcessingRecordsTable,
  RegisterCheckResultsTable,
  SubprocessorsTable,
  VendorContactsTable,
  VendorsTable,
  VendorTierHistoryTable,
} from "./tables/vendors.ts";

// Row types live in tables/ by feature; re-exported here so no importer has to change.
export type {
  AnswerRow,
  AnswersTable,
  AssessmentInviteRow,
  AssessmentInvitesTable,
  AssessmentRow,
  AssessmentStatus,
  AssessmentsTable,
  EvidenceFileRow,
  EvidenceFilesTable,
  InviteLinksTable,
  PortalSessionsTable,
} from "./tables/assessments.ts";
export type { AuditEventRow, AuditEventsTable, AuditHeadTable } from "./tables/audit.ts";
export type {
  ApiTokenRow,
  ApiTokensTable,
  LoginAttemptsTable,
  NewUserRow,
  SessionRow,
  SessionsTable,
  SetupTokensTable,
  UserRow,
  UsersTable,
  UserUpdate,
} from "./tables/auth.ts";
export type { DpaDocumentRow, DpaDocumentsTable, DpaStatus } from "./tables/dpa.ts";
export type { OutboxRow, OutboxTable } from "./tables/mail.ts";
export type { QuestionnaireVersionRow, QuestionnaireVersionsTable } from "./tables/questionnaires.ts";
export type {
  AssessmentCommentRow,
  AssessmentCommentsTable,
  AssessmentScoreRow,
  AssessmentScoresTable,
  ClarificationRequestRow,
  ClarificationRequestsTable,
  FindingRow,
  FindingStatus,
  FindingsTable,
  ScoreOverrideRow,
  ScoreOverridesTable,
  VendorDecisionRow,
  VendorDecisionsTable,
} from "./tables/reviews.ts";
export type { SettingsTable } from "./tables/settings.ts";
export type {
  ProcessingCategoriesTable,
  ProcessingRecordRow,
  ProcessingRecordsTable,
  Rating,
  SubprocessorRow,
  SubprocessorsTable,
  VendorContactRow,
  VendorContactsTable,
  VendorRow,
  VendorsTable,
  VendorTierHistoryRow,
  VendorTierHistoryTable,
} from "./tables/vendors.ts";

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
  register_check_results: RegisterCheckResultsTable;
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
