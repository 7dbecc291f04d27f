import type { Db } from "../db/connection.ts";
import type { FindingRow } from "../db/schema.ts";
import { ANNEX_GROUPS, type AnnexGroup, Template } from "../questionnaires/template-schema.ts";
import type { QuestionScore, ScoreResult } from "../scoring/score-types.ts";
import type { DpaAssessment, DpaMeasure, DpaOpenFinding } from "./dpa-inputs.ts";
import { findLatestCompletedAssessment, listUnresolvedFindings } from "./dpa-queries.ts";

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const;
const groupRank = (g: AnnexGroup) => ANNEX_GROUPS.indexOf(g);

function scoresById(result: ScoreResult | null): Map<string, QuestionScore> {
  const map = new Map<string, QuestionScore>();
  for (const section of result?.sections ?? []) for (const q of section.questions) map.set(q.questionId, q);
  return map;
}

function parseResult(text: string | null): ScoreResult | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as ScoreResult;
  } catch {
    return null;
  }
}

/**
 * Annex II from the answers: each annex question whose stored score passed confirms its measure (the template's
 * `measure` statement, else the question). A group counts as asked when one of its questions was shown to the
 * vendor; an asked group with no passed question is "still to be confirmed". Nothing is inferred beyond that.
 */
export function measuresFromScore(
  template: Template,
  result: ScoreResult | null,
): { measures: DpaMeasure[]; unconfirmedGroups: AnnexGroup[] } {
  const scores = scoresById(result);
  const measures: (DpaMeasure & { order: number })[] = [];
  const asked = new Set<AnnexGroup>();
  let order = 0;
  for (const section of template.sections)
    for (const question of section.questions) {
      order += 1;
      if (!question.annex) continue;
      const score = scores.get(question.id);
      if (score?.state !== "hidden") asked.add(question.annex);
      if (score?.passed !== true) continue;
      measures.push({
        group: question.annex,
        questionId: question.id,
        statement: (question.measure ?? question.text).trim(),
        answer: score.answer ?? "",
        order,
      });
    }
  measures.sort((a, b) => groupRank(a.group) - groupRank(b.group) || a.order - b.order);
  const confirmed = new Set(measures.map((m) => m.group));
  const unconfirmedGroups = ANNEX_GROUPS.filter((g) => asked.has(g) && !confirmed.has(g));
  return { measures: measures.map(({ order: _order, ...m }) => m), unconfirmedGroups };
}

/** The findings a DPA lists as agreed remediation: worst first, then by due date. */
export function toOpenFindings(rows: FindingRow[]): DpaOpenFinding[] {
  return rows
    .filter((r): r is FindingRow & { status: DpaOpenFinding["status"] } => r.status !== "resolved")
    .map((r) => ({
      title: r.title,
      severity: r.severity,
      recommendation: r.recommendation,
      status: r.status,
      dueDate: r.due_date,
      remediationPlan: r.remediation_plan,
    }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.dueDate.localeCompare(b.dueDate) ||
        a.title.localeCompare(b.title, "en") ||
        a.status.localeCompare(b.status),
    );
}

/** The latest completed assessment as the DPA sees it, or null when the vendor has none yet. */
export async function gatherAssessmentInputs(db: Db, vendorId: string): Promise<DpaAssessment | null> {
  const row = await findLatestCompletedAssessment(db, vendorId);
  if (!row) return null;
  const template = Template.parse(JSON.parse(row.content));
  const { measures, unconfirmedGroups } = measuresFromScore(template, parseResult(row.score_result));
  return {
    id: row.id,
    questionnaireTitle: row.title,
    questionnaireVersion: row.version,
    completedOn: (row.completed_at ?? row.updated_at).slice(0, 10),
    measures,
    unconfirmedGroups,
    openFindings: toOpenFindings(await listUnresolvedFindings(db, vendorId)),
  };
}
