import type { AppDeps } from "../../src/app-deps.ts";
import type { AssessmentStatus, FindingStatus, Rating } from "../../src/db/schema.ts";
import type { Tier } from "../../src/questionnaires/template-schema.ts";
import type { ServiceContext } from "../../src/shared/service-context.ts";
import { addVendor, publishTemplate, smallTemplate } from "../assessments/fixtures.ts";

/** What seeding needs: a test app, or a real test server's dependencies with a service context. */
export interface Seedable {
  ctx: ServiceContext;
  deps: Pick<AppDeps, "db" | "clock" | "newId">;
}

// Rows the scoring, findings and review services will write, inserted directly so that each test states
// exactly the register it counts. The vendor itself goes through createVendor (addVendor).

let seq = 0;
const nextId = (prefix: string) => `${prefix}${String(++seq).padStart(6, "0")}`;

/** A vendor placed in one heat-map cell, with an optional next review date. */
export async function ratedVendor(
  t: Seedable,
  name: string,
  tier: Tier,
  rating: Rating | null,
  nextReviewDate: string | null = null,
): Promise<string> {
  const vendor = await addVendor(t.ctx, name);
  await t.deps.db
    .updateTable("vendors")
    .set({ tier, computed_tier: tier, residual_rating: rating, next_review_date: nextReviewDate })
    .where("id", "=", vendor.id)
    .execute();
  return vendor.id;
}

let versionId: string | undefined;
let versionOf: Seedable | undefined;

/** The small questionnaire's version id in this test app, published on first use. */
export async function questionnaireVersion(t: Seedable): Promise<string> {
  if (versionOf !== t || !versionId) {
    versionId = await publishTemplate(t.deps, smallTemplate(), 1);
    versionOf = t;
  }
  return versionId;
}

export async function insertAssessment(
  t: Seedable,
  vendorId: string,
  status: AssessmentStatus,
  options: { dueDate?: string; createdBy?: string; createdAt?: string; versionId?: string } = {},
): Promise<string> {
  const id = nextId("A");
  const at = options.createdAt ?? "2026-02-01T10:00:00.000Z";
  await t.deps.db
    .insertInto("assessments")
    .values({
      id,
      vendor_id: vendorId,
      questionnaire_version_id: options.versionId ?? (await questionnaireVersion(t)),
      status,
      due_date: options.dueDate ?? "2026-03-20",
      message: null,
      created_by: options.createdBy ?? "nobody",
      created_at: at,
      updated_at: at,
      submitted_at: status === "submitted" ? at : null,
      attested_name: null,
      attested_title: null,
      cancelled_at: null,
      last_reminder_at: null,
      completed_at: null,
      completed_by: null,
    })
    .execute();
  return id;
}

export async function insertFinding(
  t: Seedable,
  vendorId: string,
  severity: Rating,
  status: FindingStatus,
  dueDate: string,
): Promise<string> {
  const id = nextId("F");
  await t.deps.db
    .insertInto("findings")
    .values({
      id,
      vendor_id: vendorId,
      assessment_id: null,
      question_id: null,
      answer_text: null,
      source: "reviewer",
      severity,
      title: `Finding ${id}`,
      recommendation: "Fix it",
      status,
      due_date: dueDate,
      remediation_plan: status === "remediation_planned" ? "We will fix it" : null,
      remediation_target_date: status === "remediation_planned" ? dueDate : null,
      resolution_note: status === "resolved" ? "Fixed" : null,
      resolved_at: status === "resolved" ? "2026-02-20T10:00:00.000Z" : null,
      acceptance_justification: status === "risk_accepted" ? "Accepted for now" : null,
      accepted_by: status === "risk_accepted" ? "privacy@example.test" : null,
      accepted_until: status === "risk_accepted" ? "2026-12-31" : null,
      created_by: "test",
      created_at: "2026-02-01T10:00:00.000Z",
      updated_at: "2026-02-01T10:00:00.000Z",
    })
    .execute();
  return id;
}

export async function insertEvidence(
  t: Seedable,
  assessmentId: string,
  expiresOn: string | null,
  options: { name?: string; kind?: string | null; deleted?: boolean; questionId?: string } = {},
): Promise<string> {
  const id = nextId("E");
  await t.deps.db
    .insertInto("evidence_files")
    .values({
      id,
      assessment_id: assessmentId,
      question_id: options.questionId ?? "has-policy",
      original_name: options.name ?? `${id}.pdf`,
      stored_name: `stored-${id}`,
      media_type: "application/pdf",
      size: 1234,
      sha256: "0".repeat(64),
      kind: options.kind === undefined ? "soc2_report" : options.kind,
      expires_on: expiresOn,
      uploaded_at: "2026-02-01T10:00:00.000Z",
      uploaded_by: "vendor",
      deleted_at: options.deleted ? "2026-02-10T10:00:00.000Z" : null,
      expiry_reminded_at: null,
    })
    .execute();
  return id;
}

/** Every number on a page that links somewhere, by link: `/vendors?tier=high&residual=low` -> 2. */
export function linkedNumbers(html: string): Map<string, number> {
  const found = new Map<string, number>();
  const pattern =
    /<a href="([^"]+)">(?:<span class="dash-figure">)?([\d,]+)(?:<\/span>|<span class="visually-hidden">)/g;
  for (const m of html.matchAll(pattern)) {
    const href = (m[1] ?? "").replaceAll("&amp;", "&");
    found.set(href, Number((m[2] ?? "").replaceAll(",", "")));
  }
  return found;
}
