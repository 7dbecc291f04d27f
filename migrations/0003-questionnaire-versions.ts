import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the app's evolving types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("questionnaire_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key", "text", (c) => c.notNull())
    /** 1, 2, 3... per key, in publishing order */
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("tiers", "text", (c) => c.notNull())
    .addColumn("question_count", "integer", (c) => c.notNull())
    /** the parsed template as canonical JSON */
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_name", "text")
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("published_by", "text", (c) => c.notNull())
    .addUniqueConstraint("questionnaire_versions_key_version", ["key", "version"])
    .addUniqueConstraint("questionnaire_versions_key_hash", ["key", "content_hash"])
    .execute();

  // A published version is what sent assessments point at; it may never change.
  await sql`create trigger questionnaire_versions_immutable before update on questionnaire_versions
    begin select raise(abort, 'published questionnaire versions are immutable'); end`.execute(db);
  await sql`create trigger questionnaire_versions_no_delete before delete on questionnaire_versions
    begin select raise(abort, 'published questionnaire versions are immutable'); end`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("questionnaire_versions").execute();
}
