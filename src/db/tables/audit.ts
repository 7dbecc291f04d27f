import type { Selectable } from "kysely";

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
