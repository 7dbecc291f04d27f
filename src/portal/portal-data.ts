import type { Db } from "../db/connection.ts";
import type { AssessmentRow, AssessmentStatus, QuestionnaireVersionRow } from "../db/schema.ts";
import type { Question, Section, Template } from "../questionnaires/template-schema.ts";
import { organisationName } from "../settings/settings-service.ts";
import { NotFoundError } from "../shared/errors.ts";

/** Everything a portal page needs to know about the one assessment a session may see. */
export interface PortalAssessment {
  assessment: AssessmentRow;
  version: Pick<QuestionnaireVersionRow, "id" | "key" | "version" | "title" | "source">;
  template: Template;
  vendorName: string;
  organisation: string;
}

const EDITABLE: readonly AssessmentStatus[] = ["sent", "in_progress", "clarification_requested"];

/** Whether the vendor may still change answers and files. */
export function isEditable(status: AssessmentStatus): boolean {
  return EDITABLE.includes(status);
}

/** Loads the assessment with its exact questionnaire version (a published version never changes). */
export async function loadPortalAssessment(db: Db, assessmentId: string): Promise<PortalAssessment> {
  const row = await db
    .selectFrom("assessments as a")
    .innerJoin("questionnaire_versions as q", "q.id", "a.questionnaire_version_id")
    .innerJoin("vendors as v", "v.id", "a.vendor_id")
    .selectAll("a")
    .select([
      "q.key as q_key",
      "q.version as q_version",
      "q.title as q_title",
      "q.source as q_source",
      "q.content as q_content",
      "v.name as vendor_name",
    ])
    .where("a.id", "=", assessmentId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("Assessment");
  const { q_key, q_version, q_title, q_source, q_content, vendor_name, ...assessment } = row;
  return {
    assessment,
    version: {
      id: assessment.questionnaire_version_id,
      key: q_key,
      version: q_version,
      title: q_title,
      source: q_source,
    },
    // Stored as the parsed, validated template when it was published; it is not re-validated per request.
    template: JSON.parse(q_content) as Template,
    vendorName: vendor_name,
    organisation: await organisationName(db),
  };
}

/** A section of the template by id, or undefined. */
export function findSection(template: Template, sectionId: string): Section | undefined {
  return template.sections.find((s) => s.id === sectionId);
}

/** Every question with its section, in document order. */
export function questionIndex(template: Template): Map<string, { question: Question; section: Section }> {
  const index = new Map<string, { question: Question; section: Section }>();
  for (const section of template.sections)
    for (const question of section.questions) index.set(question.id, { question, section });
  return index;
}
