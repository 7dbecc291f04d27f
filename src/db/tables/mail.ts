import type { Selectable } from "kysely";

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
  /** The invite whose link the message carries; null for staff mail and mail queued before migration 0009. */
  invite_id: string | null;
  created_at: string;
  sent_at: string | null;
}
export type OutboxRow = Selectable<OutboxTable>;
