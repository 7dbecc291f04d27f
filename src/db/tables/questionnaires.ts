import type { Selectable } from "kysely";

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
