import { recordAudit } from "../audit/audit-write.ts";
import type { Db } from "../db/connection.ts";
import type { AssessmentInviteRow, AssessmentStatus } from "../db/schema.ts";
import { randomSecret, sha256Hex } from "../shared/runtime.ts";
import { auditContext, inTransaction, type ServiceContext } from "../shared/service-context.ts";
import { type PortalVisitor, vendorActor } from "./portal-env.ts";

export const PORTAL_COOKIE = "vv_portal";
/** A portal session lasts a working day; the emailed link opens a new one at any time. */
export const PORTAL_SESSION_HOURS = 12;

const CLOSED_STATUSES: readonly AssessmentStatus[] = ["cancelled", "expired"];

/** Why a link or session cannot be used, in terms the page can explain. */
export type ClosedReason = "revoked" | "expired" | "cancelled" | "assessment_expired";

export type LinkCheck =
  | { ok: true; invite: AssessmentInviteRow }
  | { ok: false; reason: "unknown" }
  | { ok: false; reason: ClosedReason; assessmentId: string; expiresAt: string };

function closedReason(
  invite: Pick<AssessmentInviteRow, "revoked_at" | "expires_at">,
  status: AssessmentStatus,
  now: Date,
): ClosedReason | undefined {
  if (status === "cancelled") return "cancelled";
  if (status === "expired") return "assessment_expired";
  if (invite.revoked_at !== null) return "revoked";
  if (invite.expires_at <= now.toISOString()) return "expired";
  return undefined;
}

/** Finds the invite behind an emailed link's secret (only its SHA-256 is stored) and whether it still works. */
export async function checkInviteLink(db: Db, secret: string, now: Date): Promise<LinkCheck> {
  // Real secrets are 43 URL-safe characters; anything else cannot match and is not worth a query.
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return { ok: false, reason: "unknown" };
  const row = await db
    .selectFrom("invite_links as l")
    .innerJoin("assessment_invites as i", "i.id", "l.invite_id")
    .innerJoin("assessments as a", "a.id", "i.assessment_id")
    .selectAll("i")
    .select("a.status as assessment_status")
    .where("l.secret_hash", "=", sha256Hex(secret))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: "unknown" };
  const { assessment_status: status, ...invite } = row;
  const reason = closedReason(invite, status, now);
  if (reason) return { ok: false, reason, assessmentId: invite.assessment_id, expiresAt: invite.expires_at };
  return { ok: true, invite };
}

/** Starts a portal session for a working link; returns the cookie secret (only its hash is stored). */
export async function openPortalSession(
  ctx: ServiceContext,
  invite: AssessmentInviteRow,
): Promise<{ secret: string; expiresAt: Date }> {
  const now = ctx.clock.now();
  const secret = randomSecret(32);
  const sessionEnd = new Date(now.getTime() + PORTAL_SESSION_HOURS * 3600_000);
  const inviteEnd = new Date(invite.expires_at);
  const expiresAt = inviteEnd < sessionEnd ? inviteEnd : sessionEnd;
  await inTransaction(ctx.db, async (trx) => {
    await trx
      .insertInto("portal_sessions")
      .values({
        id_hash: sha256Hex(secret),
        invite_id: invite.id,
        assessment_id: invite.assessment_id,
        csrf_token: randomSecret(24),
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute();
    await trx
      .updateTable("assessment_invites")
      .set({ last_used_at: now.toISOString() })
      .where("id", "=", invite.id)
      .execute();
    // Old sessions are of no use to anyone; clearing them here keeps the table small without a job.
    await trx.deleteFrom("portal_sessions").where("expires_at", "<=", now.toISOString()).execute();
    await recordAudit(trx, auditContext(ctx, now), {
      action: "portal_session.create",
      entityType: "assessment",
      entityId: invite.assessment_id,
      after: { inviteId: invite.id, expiresAt: expiresAt.toISOString() },
    });
  });
  return { secret, expiresAt };
}

export type SessionCheck =
  | { ok: true; visitor: PortalVisitor }
  | { ok: false; reason: "unknown" }
  | { ok: false; reason: ClosedReason; assessmentId: string; expiresAt: string };

/** The visitor behind a portal cookie, re-checking the invite and assessment on every request. */
export async function resolvePortalSession(db: Db, secret: string, now: Date): Promise<SessionCheck> {
  const sessionHash = sha256Hex(secret);
  const row = await db
    .selectFrom("portal_sessions as s")
    .innerJoin("assessment_invites as i", "i.id", "s.invite_id")
    .innerJoin("assessments as a", "a.id", "s.assessment_id")
    .select([
      "s.csrf_token",
      "s.expires_at as session_expires_at",
      "i.id",
      "i.name",
      "i.email",
      "i.revoked_at",
      "i.expires_at",
      "a.id as assessment_id",
      "a.status",
    ])
    .where("s.id_hash", "=", sessionHash)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: "unknown" };
  // A closed invite or assessment is explained even to a visit that has timed out: it is the more useful news.
  const reason = closedReason(row, row.status, now);
  if (reason) return { ok: false, reason, assessmentId: row.assessment_id, expiresAt: row.expires_at };
  if (row.session_expires_at <= now.toISOString()) return { ok: false, reason: "unknown" };
  return {
    ok: true,
    visitor: {
      sessionHash,
      inviteId: row.id,
      assessmentId: row.assessment_id,
      name: row.name,
      email: row.email,
      csrfToken: row.csrf_token,
      linkExpiresAt: row.expires_at,
      actor: vendorActor(row),
    },
  };
}

/** Ends one portal session (the "Leave" button). */
export async function endPortalSession(ctx: ServiceContext, visitor: PortalVisitor): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    await trx.deleteFrom("portal_sessions").where("id_hash", "=", visitor.sessionHash).execute();
    await recordAudit(trx, auditContext(ctx, now), {
      action: "portal_session.delete",
      entityType: "assessment",
      entityId: visitor.assessmentId,
      before: { inviteId: visitor.inviteId },
      after: null,
    });
  });
}

export function isClosedStatus(status: AssessmentStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}
