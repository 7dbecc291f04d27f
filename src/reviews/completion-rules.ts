import type { VendorRow } from "../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { STATUS_TRANSITIONS } from "../vendors/vendor-service.ts";
import type { CompleteReviewInput } from "./review-schemas.ts";

type VendorStatus = VendorRow["status"];

/** The vendor status a decision leads to. */
export function decidedStatus(decision: CompleteReviewInput["decision"]): "approved" | "rejected" {
  return decision === "rejected" ? "rejected" : "approved";
}

/**
 * The steps from the vendor's status to the decided one, through the register's lifecycle rules: none when it is
 * already there, the direct step when allowed, else through under_review (a review under way is what that status
 * means). Undefined when the rules allow no such path; a vendor being offboarded is never moved by a review.
 */
export function statusPath(from: VendorStatus, to: "approved" | "rejected"): VendorStatus[] | undefined {
  if (from === "offboarding" || from === "offboarded") return undefined;
  if (from === to) return [];
  if (STATUS_TRANSITIONS[from].includes(to)) return [to];
  if (STATUS_TRANSITIONS[from].includes("under_review") && STATUS_TRANSITIONS.under_review.includes(to))
    return ["under_review", to];
  return undefined;
}

/** The day `months` calendar months after a YYYY-MM-DD day, kept within the month (31 January + 1 = 28/29 February). */
export function addMonths(day: string, months: number): string {
  const start = new Date(`${day}T00:00:00.000Z`);
  const target = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}

export interface BlockingFinding {
  id: string;
  title: string;
  severity: string;
  status: string;
  dueDate: string;
}

/** Approving a vendor with open critical findings needs those risks accepted first (409). */
export class RiskAcceptanceRequiredError extends AppError {
  constructor(readonly findings: BlockingFinding[]) {
    super(
      "risk_acceptance_required",
      `The vendor has ${findings.length} open critical finding${findings.length === 1 ? "" : "s"}. Accept the risk of each (or resolve it) before approving.`,
      { findings },
    );
  }
}
