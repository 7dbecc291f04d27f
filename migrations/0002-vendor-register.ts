import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the app's evolving types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("vendors")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    /** lower-cased, trimmed name: the import's duplicate key and the sort key */
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("legal_name", "text")
    .addColumn("registered_address", "text")
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("website", "text")
    .addColumn("service_description", "text")
    .addColumn("business_owner", "text")
    .addColumn("business_criticality", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("dpf_certified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("canada_commercial", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ccpa_service_provider", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("computed_tier", "text", (c) => c.notNull())
    .addColumn("tier_override", "text")
    .addColumn("tier_override_reason", "text")
    .addColumn("tier", "text", (c) => c.notNull())
    .addColumn("needs_reassessment", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("offboarding_data_disposition", "text")
    .addColumn("offboarding_confirmed_on", "text")
    .addColumn("offboarding_evidence", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("vendors_name_key").on("vendors").columns(["name_key", "id"]).execute();
  await db.schema.createIndex("vendors_status").on("vendors").columns(["status", "name_key", "id"]).execute();
  await db.schema.createIndex("vendors_tier").on("vendors").columns(["tier", "name_key", "id"]).execute();
  await db.schema
    .createIndex("vendors_country")
    .on("vendors")
    .columns(["country", "name_key", "id"])
    .execute();
  await db.schema.createIndex("vendors_created").on("vendors").columns(["created_at", "id"]).execute();

  // Substring search over names stays fast at 100,000 vendors through a trigram index.
  await sql`create virtual table vendors_fts using fts5(name, legal_name, content='vendors', content_rowid='rowid', tokenize='trigram')`.execute(
    db,
  );
  await sql`create trigger vendors_fts_insert after insert on vendors begin
    insert into vendors_fts(rowid, name, legal_name) values (new.rowid, new.name, coalesce(new.legal_name, ''));
  end`.execute(db);
  await sql`create trigger vendors_fts_delete after delete on vendors begin
    insert into vendors_fts(vendors_fts, rowid, name, legal_name) values ('delete', old.rowid, old.name, coalesce(old.legal_name, ''));
  end`.execute(db);
  await sql`create trigger vendors_fts_update after update of name, legal_name on vendors begin
    insert into vendors_fts(vendors_fts, rowid, name, legal_name) values ('delete', old.rowid, old.name, coalesce(old.legal_name, ''));
    insert into vendors_fts(rowid, name, legal_name) values (new.rowid, new.name, coalesce(new.legal_name, ''));
  end`.execute(db);

  await db.schema
    .createTable("vendor_contacts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("vendor_id", "text", (c) => c.notNull().references("vendors.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("vendor_contacts_vendor").on("vendor_contacts").column("vendor_id").execute();

  await db.schema
    .createTable("processing_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("vendor_id", "text", (c) => c.notNull().references("vendors.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("legal_basis", "text", (c) => c.notNull())
    .addColumn("data_categories", "text", (c) => c.notNull())
    .addColumn("art9_condition", "text")
    .addColumn("art10_basis", "text")
    .addColumn("data_subjects", "text", (c) => c.notNull())
    .addColumn("subject_count", "integer", (c) => c.notNull())
    .addColumn("retention", "text")
    .addColumn("frequency", "text", (c) => c.notNull())
    .addColumn("access", "text", (c) => c.notNull())
    .addColumn("locations", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("processing_records_vendor")
    .on("processing_records")
    .column("vendor_id")
    .execute();

  // One row per (record, category), so "vendors receiving health data" is an index lookup.
  await db.schema
    .createTable("processing_categories")
    .addColumn("processing_id", "text", (c) =>
      c.notNull().references("processing_records.id").onDelete("cascade"),
    )
    .addColumn("vendor_id", "text", (c) => c.notNull().references("vendors.id").onDelete("cascade"))
    .addColumn("category", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("processing_categories_pk", ["processing_id", "category"])
    .execute();
  await db.schema
    .createIndex("processing_categories_category")
    .on("processing_categories")
    .columns(["category", "vendor_id"])
    .execute();

  await db.schema
    .createTable("subprocessors")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("vendor_id", "text", (c) => c.notNull().references("vendors.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("service", "text", (c) => c.notNull())
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("mechanism", "text", (c) => c.notNull())
    .addColumn("scc_module", "integer")
    .addColumn("dpf_certified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("canada_commercial", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("processing_ids", "text", (c) => c.notNull())
    .addColumn("added_on", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("subprocessors_vendor").on("subprocessors").column("vendor_id").execute();

  await db.schema
    .createTable("vendor_tier_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("vendor_id", "text", (c) => c.notNull().references("vendors.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("computed_tier", "text", (c) => c.notNull())
    .addColumn("override_tier", "text")
    .addColumn("tier", "text", (c) => c.notNull())
    .addColumn("previous_tier", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("actor_label", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("vendor_tier_history_vendor")
    .on("vendor_tier_history")
    .columns(["vendor_id", "at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table vendors_fts`.execute(db);
  for (const t of [
    "vendor_tier_history",
    "subprocessors",
    "processing_categories",
    "processing_records",
    "vendor_contacts",
    "vendors",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
