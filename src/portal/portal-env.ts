import type { Actor } from "../auth/roles.ts";
import type { AppEnv } from "../http/hono-env.ts";

/** The vendor behind a portal session: one invite of one assessment, and nothing else. */
export interface PortalVisitor {
  sessionHash: string;
  inviteId: string;
  assessmentId: string;
  name: string;
  email: string;
  csrfToken: string;
  /** When the invite's links stop working. */
  linkExpiresAt: string;
  actor: Actor;
}

export interface PortalEnv {
  Variables: AppEnv["Variables"] & { visitor: PortalVisitor };
}

/** How a vendor appears in the audit trail. */
export function vendorActor(invite: { id: string; name: string; email: string }): Actor {
  return { type: "vendor_link", id: invite.id, label: `${invite.name} ${invite.email} (vendor link)` };
}
