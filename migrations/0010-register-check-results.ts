import type { Kysely } from "kysely";

/*
 * The register checks of every vendor, stored so that /register/checks reads a table instead of running the
 * rules over the whole register on each view. The rules live in the app (src/vendors/register-checks.ts) and a
 * migration must not import app code, so this leaves the table empty: the server fills it at its next start,
 * when the check version it stores in `settings` is missing or older, and every register write refreshes its
 * vendor's rows from then on.
 */

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the app's evolving types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("register_check_results")
    .addColumn("vendor_id", "text", (c) => c.notNull().references("vendors.id").onDelete("cascade"))
    /** The check's place in its vendor's list, which follows the order of the rules. */
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    /** 0 for the most severe: the page lists the most severe first, straight from an index. */
    .addColumn("severity_rank", "integer", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    /** A copy of vendors.name_key, so the page's name order comes from this table's indexes. */
    .addColumn("vendor_name_key", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("register_check_results_pk", ["vendor_id", "position"])
    .execute();
  await db.schema
    .createIndex("register_check_results_order")
    .on("register_check_results")
    .columns(["severity_rank", "vendor_name_key", "vendor_id", "position"])
    .execute();
  await db.schema
    .createIndex("register_check_results_code")
    .on("register_check_results")
    .columns(["code", "severity_rank", "vendor_name_key", "vendor_id", "position"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("register_check_results").execute();
}
