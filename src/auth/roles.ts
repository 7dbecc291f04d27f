import { z } from "zod";

export const Role = z.enum(["admin", "privacy", "procurement", "viewer"]);
export type Role = z.infer<typeof Role>;

export const ALL_ROLES: readonly Role[] = Role.options;

/** Who may do what; routes name one of these instead of listing roles ad hoc. */
export const access = {
  /** Reading the register, questionnaires, assessments. */
  read: ALL_ROLES,
  /** Vendors, sending questionnaires. */
  procure: ["admin", "privacy", "procurement"],
  /** Register details, reviews, DPAs, tier overrides. */
  privacy: ["admin", "privacy"],
  /** The audit trail. */
  audit: ["admin", "privacy"],
  /** Users, tokens, settings. */
  admin: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Access = keyof typeof access;

export interface Actor {
  type: "user" | "token" | "vendor_link" | "system" | "cli";
  /** The user, token or invite id behind the change. */
  id: string | null;
  label: string;
  role?: Role;
  userId?: string;
}

export const systemActor: Actor = { type: "system", id: null, label: "system" };
export const cliActor: Actor = { type: "cli", id: null, label: "command line" };
