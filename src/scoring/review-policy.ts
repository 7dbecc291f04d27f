import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { Severity } from "../questionnaires/template-schema.ts";
import { ValidationError, zodIssuesToFields } from "../shared/errors.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { ReviewPolicy } from "./score-types.ts";

/** The settings key the review policy is stored under, as JSON. */
export const REVIEW_POLICY_KEY = "review.policy";

/** The policy in force until an admin changes it. */
export const DEFAULT_REVIEW_POLICY: ReviewPolicy = {
  bands: { strong: 90, good: 80, fair: 60 },
  matrix: {
    critical: { strong: "medium", good: "medium", fair: "high", poor: "critical" },
    high: { strong: "low", good: "medium", fair: "high", poor: "critical" },
    medium: { strong: "low", good: "low", fair: "medium", poor: "high" },
    low: { strong: "low", good: "low", fair: "low", poor: "medium" },
  },
  vsaq: {
    rules: [
      { severity: "critical", atLeast: 1, band: "poor" },
      { severity: "high", atLeast: 3, band: "poor" },
      { severity: "high", atLeast: 1, band: "fair" },
      { severity: "medium", atLeast: 3, band: "fair" },
      { severity: "medium", atLeast: 1, band: "good" },
      { severity: "low", atLeast: 5, band: "good" },
    ],
    otherwise: "strong",
  },
  findingDueDays: { critical: 30, high: 60, medium: 90, low: 180 },
  evidenceReminderDays: 30,
};

/** Checks a whole policy; throws a ValidationError naming each bad field. */
export function parseReviewPolicy(value: unknown): ReviewPolicy {
  const parsed = ReviewPolicy.safeParse(value);
  if (!parsed.success)
    throw new ValidationError("The review policy is not valid", zodIssuesToFields(parsed.error.issues));
  return parsed.data;
}

/** A copy, so a caller that adjusts its policy never changes the defaults for everyone else. */
const defaults = (): ReviewPolicy => structuredClone(DEFAULT_REVIEW_POLICY);

/**
 * The stored policy, or the defaults when none is stored. Stored parts are laid over the defaults so a policy
 * saved before a new part existed keeps its other choices; a value that no longer validates gives the defaults
 * rather than a broken review.
 */
export async function loadReviewPolicy(db: Db): Promise<ReviewPolicy> {
  const row = await db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", REVIEW_POLICY_KEY)
    .executeTakeFirst();
  if (row === undefined) return defaults();
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    return defaults();
  }
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return defaults();
  const parsed = ReviewPolicy.safeParse({ ...DEFAULT_REVIEW_POLICY, ...stored });
  return parsed.success ? parsed.data : defaults();
}

/** Validates and stores a whole policy, audited as `review_policy.update` in the same transaction. */
export async function saveReviewPolicy(ctx: ServiceContext, policy: unknown): Promise<ReviewPolicy> {
  const clean = parseReviewPolicy(policy);
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const before = await loadReviewPolicy(trx);
    const value = JSON.stringify(clean);
    await trx
      .insertInto("settings")
      .values({ key: REVIEW_POLICY_KEY, value, updated_at: now.toISOString() })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now.toISOString() }))
      .execute();
    await recordAudit(trx, auditContext(ctx, now), {
      action: "review_policy.update",
      entityType: "setting",
      entityId: REVIEW_POLICY_KEY,
      before,
      after: clean,
    });
    return clean;
  });
}

/** The due date (YYYY-MM-DD, UTC) of a finding of this severity raised on `today`. */
export function findingDueDate(policy: ReviewPolicy, severity: Severity, today: Date): string {
  const due = new Date(
    Date.UTC(
      today.getUTCFullYear(),
      today.getUTCMonth(),
      today.getUTCDate() + policy.findingDueDays[severity],
    ),
  );
  return due.toISOString().slice(0, 10);
}
