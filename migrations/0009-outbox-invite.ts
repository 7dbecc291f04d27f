import type { Kysely } from "kysely";

/*
 * Which invite a message carries a link for (invitation, reminder, request for clarification), so revoking or
 * re-issuing one recipient's link can withdraw that recipient's unsent mail and nobody else's. Nullable: staff
 * mail has no invite, and mail queued before this migration does not say which invite it was for (it is still
 * withdrawn with its whole assessment, by assessment_id, as before).
 */

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the app's evolving types
export async function up(db: Kysely<any>): Promise<void> {
  // SQLite accepts a REFERENCES column in ALTER TABLE ... ADD COLUMN only with a NULL default, which this has.
  await db.schema
    .alterTable("outbox")
    .addColumn("invite_id", "text", (c) => c.references("assessment_invites.id"))
    .execute();
  await db.schema.createIndex("outbox_invite").on("outbox").column("invite_id").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("outbox_invite").execute();
  await db.schema.alterTable("outbox").dropColumn("invite_id").execute();
}
