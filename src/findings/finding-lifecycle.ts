import type { Role } from "../auth/roles.ts";
import type { FindingStatus } from "../db/schema.ts";
import type { FieldIssue } from "../shared/errors.ts";

/** What people (and the system) do to a finding. */
export type FindingAction = "plan" | "resolve" | "accept_risk" | "reopen" | "expire" | "auto_resolve";

/** Who acts: a staff role, or VendorVet itself (jobs, rescoring, the command line). */
export type FindingActor = Role | "system";

interface Rule {
  from: readonly FindingStatus[];
  to: FindingStatus;
  by: readonly FindingActor[];
  /** Says what the action needs, for the refusal message. */
  needs: string;
}

const PRIVACY: readonly FindingActor[] = ["admin", "privacy", "system"];

/** The whole lifecycle in one table: open -> remediation_planned -> resolved, or risk_accepted until it expires. */
export const FINDING_RULES: Record<FindingAction, Rule> = {
  plan: {
    from: ["open", "remediation_planned"],
    to: "remediation_planned",
    by: ["admin", "privacy", "procurement", "system"],
    needs: "an open finding (or one whose plan is being revised)",
  },
  resolve: {
    from: ["remediation_planned"],
    to: "resolved",
    by: PRIVACY,
    needs: "a finding with a remediation plan; record the vendor's plan first",
  },
  accept_risk: {
    from: ["open", "remediation_planned"],
    to: "risk_accepted",
    by: PRIVACY,
    needs: "an open finding or one with a remediation plan",
  },
  reopen: {
    from: ["resolved", "risk_accepted"],
    to: "open",
    by: PRIVACY,
    needs: "a resolved finding or one whose risk was accepted",
  },
  expire: {
    from: ["risk_accepted"],
    to: "open",
    by: ["system"],
    needs: "an accepted risk",
  },
  auto_resolve: {
    from: ["open", "remediation_planned", "risk_accepted"],
    to: "resolved",
    by: ["system"],
    needs: "a finding that is not yet resolved",
  },
};

export const ACTION_LABELS: Record<FindingAction, string> = {
  plan: "record a remediation plan for",
  resolve: "resolve",
  accept_risk: "accept the risk of",
  reopen: "reopen",
  expire: "end the risk acceptance of",
  auto_resolve: "close",
};

export type TransitionCheck =
  | { ok: true; to: FindingStatus }
  | { ok: false; reason: "status" | "role"; message: string };

/** Whether `actor` may take `action` on a finding in `status`, and the status it leads to. */
export function checkTransition(
  status: FindingStatus,
  action: FindingAction,
  actor: FindingActor,
): TransitionCheck {
  const rule = FINDING_RULES[action];
  if (!rule.by.includes(actor))
    return {
      ok: false,
      reason: "role",
      message: `Only ${rule.by.filter((r) => r !== "system").join(" or ") || "VendorVet itself"} may ${ACTION_LABELS[action]} a finding`,
    };
  if (!rule.from.includes(status))
    return {
      ok: false,
      reason: "status",
      message: `Cannot ${ACTION_LABELS[action]} a finding that is ${status.replace("_", " ")}: this needs ${rule.needs}`,
    };
  return { ok: true, to: rule.to };
}

/** The actions a staff member with `role` can take now; the detail page shows a form for each. */
export function allowedActions(status: FindingStatus, role: Role | undefined): FindingAction[] {
  if (!role) return [];
  return (["plan", "resolve", "accept_risk", "reopen"] as const).filter(
    (a) => checkTransition(status, a, role).ok,
  );
}

/** Work is still expected on these: they count as overdue once the due date passes. */
export const ACTIVE_STATUSES = ["open", "remediation_planned"] as const satisfies readonly FindingStatus[];

/** Overdue: the due date (a whole UTC day) has passed while the finding still waits for work. */
export function isFindingOverdue(status: FindingStatus, dueDate: string, today: string): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status) && dueDate < today;
}

/** A risk acceptance may run at most this long. */
export const MAX_ACCEPTANCE_YEARS = 3;

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** A remediation target may be today but not in the past. */
export function checkTargetDate(targetDate: string, today: string): FieldIssue[] {
  return targetDate < today ? [{ path: "targetDate", message: `must be today (${today}) or later` }] : [];
}

/** An acceptance ends on a day after today and at most three years ahead. */
export function checkAcceptanceUntil(until: string, today: string): FieldIssue[] {
  const latest = addYears(today, MAX_ACCEPTANCE_YEARS);
  if (until <= today) return [{ path: "until", message: `must be after today (${today})` }];
  if (until > latest)
    return [{ path: "until", message: `must be at most ${MAX_ACCEPTANCE_YEARS} years ahead (${latest})` }];
  return [];
}

/** A due date given by hand may be today but not in the past. */
export function checkDueDate(dueDate: string, today: string): FieldIssue[] {
  return dueDate < today ? [{ path: "dueDate", message: `must be today (${today}) or later` }] : [];
}

/** Whether an accepted risk has lapsed: the `until` day itself still counts as accepted. */
export function hasAcceptanceExpired(until: string | null, today: string): boolean {
  return until !== null && until < today;
}
