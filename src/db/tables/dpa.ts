import type { Selectable } from "kysely";

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
