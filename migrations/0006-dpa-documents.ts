import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the app's evolving types
export async function up(db: Kysely<any>): Promise<void> {
  /** Each generated DPA version, its exact inputs and bytes, and the countersigned copy once it comes back. */
  await db.schema
    .createTable("dpa_documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("vendor_id", "text", (c) => c.notNull().references("vendors.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('generated','sent_for_signature','signed','superseded')`),
    )
    /** JSON: every input the document was generated from */
    .addColumn("inputs", "text", (c) => c.notNull())
    .addColumn("inputs_hash", "text", (c) => c.notNull())
    .addColumn("pdf", "blob", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("pages", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("signed_pdf", "blob")
    .addColumn("signed_sha256", "text")
    .addColumn("signed_on", "text")
    .addColumn("signed_uploaded_by", "text")
    .addColumn("signed_uploaded_at", "text")
    .addColumn("superseded_at", "text")
    .addUniqueConstraint("dpa_documents_vendor_version", ["vendor_id", "version"])
    .execute();
  await db.schema
    .createIndex("dpa_documents_status")
    .on("dpa_documents")
    .columns(["status", "vendor_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("dpa_documents").execute();
}
