import { ALL_ROLES } from "../../src/auth/roles.ts";
import { createApiToken } from "../../src/auth/token-service.ts";
import { loadConfig } from "../../src/config.ts";
import { createDb, openSqlite } from "../../src/db/connection.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { systemClock, ulidGenerator } from "../../src/shared/runtime.ts";
import type { ServiceContext } from "../../src/shared/service-context.ts";
import { createUser } from "../../src/users/user-service.ts";

export interface SeededDatabase {
  /** A bearer secret of the admin. */
  token: string;
  /** Users in the database, the admin included. */
  userCount: number;
}

const MAX_USERS = 10_000;

/**
 * Migrates a new database file and fills it through VendorVet's own service functions (so every row
 * has its audit event): one admin with an API token, then `users` staff of every role.
 */
export async function seedBenchDatabase(path: string, options: { users: number }): Promise<SeededDatabase> {
  if (!Number.isInteger(options.users) || options.users < 0 || options.users > MAX_USERS) {
    throw new Error(`Seed between 0 and ${MAX_USERS} users, not ${options.users}`);
  }
  const db = createDb(openSqlite(path));
  try {
    await migrateToLatest(db);
    const ctx: ServiceContext = {
      db,
      config: loadConfig({ DATABASE_PATH: path }),
      clock: systemClock,
      newId: ulidGenerator,
      actor: { type: "system", id: null, label: "bench seed" },
    };
    // No passwords: the bench signs in with a token, and scrypt for 200 users would only slow the seed.
    const admin = await createUser(ctx, {
      email: "bench-admin@example.test",
      name: "Bench Admin",
      role: "admin",
    });
    for (let i = 1; i <= options.users; i++) {
      const n = String(i).padStart(4, "0");
      await createUser(ctx, {
        email: `staff-${n}@example.test`,
        name: `Staff Member ${n}`,
        role: ALL_ROLES[i % ALL_ROLES.length] ?? "viewer",
      });
    }
    const token = await createApiToken(ctx, { name: "bench", userId: admin.id });
    return { token: token.token, userCount: options.users + 1 };
  } finally {
    await db.destroy();
  }
}
