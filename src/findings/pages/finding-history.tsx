import { shortTime } from "../../assessments/pages/assessment-tags.tsx";
import type { AuditEventRow } from "../../db/schema.ts";
import { FINDING_STATUS_LABELS, type FindingStatus } from "../finding-schemas.ts";

const WHAT: Record<string, string> = {
  "finding.raise": "Raised by the questionnaire",
  "finding.create": "Added by a reviewer",
  "finding.refresh": "Updated by a new score",
  "finding.reraise": "Raised again: the answer fails again",
  "finding.auto_resolve": "Resolved: the answer no longer fails",
  "finding.plan": "Remediation plan recorded",
  "finding.resolve": "Resolved",
  "finding.accept_risk": "Risk accepted",
  "finding.reopen": "Reopened",
  "finding.acceptance_expire": "Risk acceptance lapsed; open again",
};

export interface HistoryEntry {
  at: string;
  who: string;
  what: string;
  detail: string;
}

type Changes = Record<string, { before?: unknown; after?: unknown } | undefined>;

const text = (v: unknown) => (typeof v === "string" ? v : "");
const statusLabel = (v: unknown) => FINDING_STATUS_LABELS[v as FindingStatus] ?? text(v);

/** What each event did, in a line a reviewer reads: the status change and the one fact that matters. */
export function historyEntry(event: AuditEventRow): HistoryEntry {
  let changes: Changes = {};
  try {
    changes = JSON.parse(event.changes) as Changes;
  } catch {
    // An unreadable entry still shows who and when.
  }
  const parts: string[] = [];
  const status = changes.status;
  if (status?.before !== undefined && status.after !== undefined)
    parts.push(`${statusLabel(status.before)} → ${statusLabel(status.after)}`);
  const after = (key: string) => text(changes[key]?.after);
  if (after("reopen_reason")) parts.push(`Reason: ${after("reopen_reason")}`);
  if (after("remediation_target_date")) parts.push(`Target ${after("remediation_target_date")}`);
  if (after("accepted_until")) parts.push(`Until ${after("accepted_until")}`);
  if (after("due_date") && event.action !== "finding.raise" && event.action !== "finding.create")
    parts.push(`Due ${after("due_date")}`);
  return {
    at: event.at,
    who: event.actor_label,
    what: WHAT[event.action] ?? event.action,
    detail: parts.join("; "),
  };
}

export function FindingHistory(props: { entries: HistoryEntry[] }) {
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {props.entries.length === 0 ? (
        <p>No changes recorded.</p>
      ) : (
        <table>
          <caption class="visually-hidden">What happened to this finding, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr>
                <td>{shortTime(e.at)}</td>
                <td>{e.who}</td>
                <td>{e.what}</td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
