import { type Kysely, sql } from "kysely";

const RATINGS = sql`('low','medium','high','critical')`;

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the app's evolving types
export async function up(db: Kysely<any>): Promise<void> {
  /** The latest score of an assessment, with the template version and settings it was computed with. */
  await db.schema
    .createTable("assessment_scores")
    .addColumn("assessment_id", "text", (c) => c.primaryKey().references("assessments.id"))
    .addColumn("questionnaire_version_id", "text", (c) => c.notNull().references("questionnaire_versions.id"))
    .addColumn("method", "text", (c) => c.notNull().check(sql`method in ('weighted','vsaq_warnings')`))
    /** JSON: the scoring settings used (not-applicable rule, bands, matrix), so the score can be reproduced */
    .addColumn("settings", "text", (c) => c.notNull())
    .addColumn("score", "real")
    .addColumn("band", "text", (c) => c.notNull())
    .addColumn("residual_rating", "text", (c) => c.notNull().check(sql`residual_rating in ${RATINGS}`))
    .addColumn("capped", "integer", (c) => c.notNull().defaultTo(0))
    /** JSON: the full breakdown per section and question */
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("computed_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("score_overrides")
    .addColumn("assessment_id", "text", (c) => c.notNull().references("assessments.id"))
    .addColumn("question_id", "text", (c) => c.notNull())
    /** the question's score as a fraction 0..1, replacing the computed one */
    .addColumn("score", "real", (c) => c.notNull().check(sql`score >= 0 and score <= 1`))
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("overridden_by", "text", (c) => c.notNull())
    .addColumn("overridden_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("score_overrides_pk", ["assessment_id", "question_id"])
    .execute();

  await db.schema
    .createTable("findings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("vendor_id", "text", (c) => c.notNull().references("vendors.id"))
    .addColumn("assessment_id", "text", (c) => c.references("assessments.id"))
    .addColumn("question_id", "text")
    /** the answer that raised the finding, as the reviewer saw it */
    .addColumn("answer_text", "text")
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('questionnaire','reviewer')`))
    .addColumn("severity", "text", (c) => c.notNull().check(sql`severity in ${RATINGS}`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("recommendation", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('open','remediation_planned','resolved','risk_accepted')`),
    )
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("remediation_plan", "text")
    .addColumn("remediation_target_date", "text")
    .addColumn("resolution_note", "text")
    .addColumn("resolved_at", "text")
    .addColumn("acceptance_justification", "text")
    .addColumn("accepted_by", "text")
    .addColumn("accepted_until", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // One questionnaire finding per question and assessment, so that rescoring updates instead of duplicating.
  await sql`create unique index findings_raised on findings (assessment_id, question_id) where source = 'questionnaire'`.execute(
    db,
  );
  await db.schema
    .createIndex("findings_status")
    .on("findings")
    .columns(["status", "severity", "due_date"])
    .execute();
  await db.schema.createIndex("findings_vendor").on("findings").columns(["vendor_id", "status"]).execute();
  await db.schema
    .createIndex("findings_accepted_until")
    .on("findings")
    .columns(["status", "accepted_until"])
    .execute();

  await db.schema
    .createTable("assessment_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("assessment_id", "text", (c) => c.notNull().references("assessments.id"))
    .addColumn("question_id", "text")
    .addColumn("author_id", "text", (c) => c.notNull())
    .addColumn("author_label", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("assessment_comments_assessment")
    .on("assessment_comments")
    .columns(["assessment_id", "created_at"])
    .execute();

  /** Questions the reviewer sent back to the vendor; the vendor may change only these until it resubmits. */
  await db.schema
    .createTable("clarification_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("assessment_id", "text", (c) => c.notNull().references("assessments.id"))
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("round", "integer", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("answered_at", "text")
    .execute();
  await db.schema
    .createIndex("clarification_requests_assessment")
    .on("clarification_requests")
    .columns(["assessment_id", "round"])
    .execute();

  await db.schema
    .createTable("vendor_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("vendor_id", "text", (c) => c.notNull().references("vendors.id"))
    .addColumn("assessment_id", "text", (c) => c.notNull().references("assessments.id"))
    .addColumn("decision", "text", (c) =>
      c.notNull().check(sql`decision in ('approved','approved_with_conditions','rejected')`),
    )
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("conditions", "text")
    .addColumn("score", "real")
    .addColumn("residual_rating", "text", (c) => c.notNull().check(sql`residual_rating in ${RATINGS}`))
    .addColumn("next_review_date", "text")
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("vendor_decisions_vendor")
    .on("vendor_decisions")
    .columns(["vendor_id", "decided_at"])
    .execute();

  await db.schema
    .alterTable("vendors")
    .addColumn("residual_rating", "text", (c) => c.check(sql`residual_rating in ${RATINGS}`))
    .execute();
  await db.schema.alterTable("vendors").addColumn("next_review_date", "text").execute();
  await db.schema.alterTable("vendors").addColumn("last_decision_id", "text").execute();
  await db.schema.createIndex("vendors_next_review").on("vendors").column("next_review_date").execute();
  await db.schema
    .createIndex("vendors_tier_residual")
    .on("vendors")
    .columns(["tier", "residual_rating"])
    .execute();

  await db.schema.alterTable("assessments").addColumn("completed_at", "text").execute();
  await db.schema.alterTable("assessments").addColumn("completed_by", "text").execute();

  await db.schema.alterTable("evidence_files").addColumn("expiry_reminded_at", "text").execute();
  await db.schema
    .createIndex("evidence_files_expiry")
    .on("evidence_files")
    .columns(["expires_on"])
    .where(sql.ref("deleted_at"), "is", null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("evidence_files_expiry").execute();
  await db.schema.alterTable("evidence_files").dropColumn("expiry_reminded_at").execute();
  await db.schema.alterTable("assessments").dropColumn("completed_by").execute();
  await db.schema.alterTable("assessments").dropColumn("completed_at").execute();
  await db.schema.dropIndex("vendors_tier_residual").execute();
  await db.schema.dropIndex("vendors_next_review").execute();
  await db.schema.alterTable("vendors").dropColumn("last_decision_id").execute();
  await db.schema.alterTable("vendors").dropColumn("next_review_date").execute();
  await db.schema.alterTable("vendors").dropColumn("residual_rating").execute();
  for (const table of [
    "vendor_decisions",
    "clarification_requests",
    "assessment_comments",
    "findings",
    "score_overrides",
    "assessment_scores",
  ])
    await db.schema.dropTable(table).execute();
}
