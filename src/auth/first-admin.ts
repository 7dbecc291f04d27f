import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import type { Clock, IdGenerator } from "../shared/runtime.ts";
import { countUsers } from "../users/user-queries.ts";
import { createUser } from "../users/user-service.ts";
import { issueSetupToken, SETUP_LINK_HOURS } from "./setup-service.ts";

/**
 * With no users yet, either creates the admin named by ADMIN_EMAIL/ADMIN_PASSWORD or returns the
 * instructions (with a one-time setup link) to print. Returns undefined once anyone exists.
 */
export async function prepareFirstAdmin(deps: {
  db: Db;
  config: Config;
  clock: Clock;
  newId: IdGenerator;
}): Promise<string | undefined> {
  if ((await countUsers(deps.db)) > 0) return undefined;
  const { config } = deps;
  if (config.admin) {
    await createUser(
      { ...deps, actor: { type: "system", id: null, label: "ADMIN_EMAIL at start" } },
      {
        email: config.admin.email.toLowerCase(),
        name: "Administrator",
        role: "admin",
        password: config.admin.password,
      },
    );
    return `Created the first admin ${config.admin.email} from ADMIN_EMAIL / ADMIN_PASSWORD. Sign in at ${config.publicUrl}/login`;
  }
  const token = await issueSetupToken(deps.db, deps.clock.now());
  if (!token) return undefined;
  return [
    "",
    "  VendorVet has no users yet. To create the first admin, open this one-time link",
    `  (valid for ${SETUP_LINK_HOURS} hours, until it is used or VendorVet restarts):`,
    "",
    `    ${config.publicUrl}/setup/${token}`,
    "",
    "  or run:  npx vendorvet user add you@example.com --role admin --password '<at least 12 characters>'",
    "  or start with ADMIN_EMAIL and ADMIN_PASSWORD set.",
    "",
  ].join("\n");
}
