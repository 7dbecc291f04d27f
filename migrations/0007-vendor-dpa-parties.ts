import type { Kysely } from "kysely";

/**
 * What the DPA needs to name on the processor's side: its data protection officer (Art. 37(7) GDPR), its
 * representative in the Union (Art. 27) and the person who signs for it. All optional; the DPA leaves lines to
 * fill in by hand while they are not recorded.
 */
const COLUMNS = ["dpo_name", "dpo_email", "eu_representative", "signatory_name", "signatory_title"] as const;

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the app's evolving types
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable("vendors").addColumn(column, "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [...COLUMNS].reverse())
    await db.schema.alterTable("vendors").dropColumn(column).execute();
}
