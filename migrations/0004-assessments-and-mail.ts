import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the app's evolving types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("to_email", "text", (c) => c.notNull())
    .addColumn("to_name", "text")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text")
    /** pending -> sent (or logged when no SMTP server is configured), or failed after the last attempt */
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('pending','sent','failed','logged')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("assessment_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema.createIndex("outbox_due").on("outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema
    .createIndex("outbox_assessment")
    .on("outbox")
    .columns(["assessment_id", "kind", "created_at"])
    .execute();

  await db.schema
    .createTable("assessments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("vendor_id", "text", (c) => c.notNull().references("vendors.id"))
    .addColumn("questionnaire_version_id", "text", (c) => c.notNull().references("questionnaire_versions.id"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .check(
          sql`status in ('sent','in_progress','submitted','clarification_requested','completed','cancelled','expired')`,
        ),
    )
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("message", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addColumn("attested_name", "text")
    .addColumn("attested_title", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("last_reminder_at", "text")
    .execute();
  await db.schema
    .createIndex("assessments_vendor")
    .on("assessments")
    .columns(["vendor_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("assessments_status_due")
    .on("assessments")
    .columns(["status", "due_date"])
    .execute();

  await db.schema
    .createTable("assessment_invites")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("assessment_id", "text", (c) => c.notNull().references("assessments.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("last_used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("assessment_invites_assessment")
    .on("assessment_invites")
    .column("assessment_id")
    .execute();

  // Each email (the invitation, every reminder) carries its own link; all of them open the same invite and
  // stop together when it is revoked or expires. Only a SHA-256 of each link's secret is kept.
  await db.schema
    .createTable("invite_links")
    .addColumn("secret_hash", "text", (c) => c.primaryKey())
    .addColumn("invite_id", "text", (c) => c.notNull().references("assessment_invites.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("invite_links_invite").on("invite_links").column("invite_id").execute();

  await db.schema
    .createTable("portal_sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("invite_id", "text", (c) => c.notNull().references("assessment_invites.id"))
    .addColumn("assessment_id", "text", (c) => c.notNull().references("assessments.id"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("answers")
    .addColumn("assessment_id", "text", (c) => c.notNull().references("assessments.id"))
    .addColumn("question_id", "text", (c) => c.notNull())
    /** JSON answer value, null when cleared */
    .addColumn("value", "text")
    .addColumn("comment", "text")
    /** bumped on every write; a save that names an older revision is a conflict, not an overwrite */
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("answers_pk", ["assessment_id", "question_id"])
    .execute();

  await db.schema
    .createTable("evidence_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("assessment_id", "text", (c) => c.notNull().references("assessments.id"))
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("original_name", "text", (c) => c.notNull())
    /** random file name under the upload directory, never derived from user input */
    .addColumn("stored_name", "text", (c) => c.notNull().unique())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("kind", "text")
    .addColumn("expires_on", "text")
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull())
    .addColumn("deleted_at", "text")
    .execute();
  await db.schema
    .createIndex("evidence_files_assessment")
    .on("evidence_files")
    .columns(["assessment_id", "question_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "evidence_files",
    "answers",
    "portal_sessions",
    "invite_links",
    "assessment_invites",
    "assessments",
    "outbox",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
