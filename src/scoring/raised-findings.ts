import {
  type ConditionContext,
  conditionReferences,
  evaluateCondition,
} from "../questionnaires/condition.ts";
import type { Question, Template } from "../questionnaires/template-schema.ts";
import type { QuestionScore, RaisedFinding } from "./score-types.ts";

/**
 * Whether a shown question raises its finding. A `when` condition decides on its own; without one, a notice
 * (a VSAQ warning tip) raises it by being shown, and any other question when it counts and did not pass.
 */
function raises(question: Question, scored: QuestionScore, ctx: ConditionContext): boolean {
  const finding = question.finding;
  if (!finding || scored.state === "hidden") return false;
  if (finding.when) return evaluateCondition(finding.when, ctx);
  if (question.type === "notice") return true;
  return scored.maxPoints > 0 && scored.passed === false;
}

/**
 * The answer a finding cites. A notice has none of its own, so it cites the answers its condition looked at
 * (the chosen "No" that showed the warning), which is what the reviewer needs to see.
 */
function citedAnswer(question: Question, scores: ReadonlyMap<string, QuestionScore>): string | null {
  const own = scores.get(question.id)?.answer ?? null;
  const condition = question.finding?.when ?? question.showIf;
  if (question.type !== "notice" || !condition) return own;
  const ids = [
    ...new Set(
      conditionReferences(condition)
        .filter((r) => r.kind === "answer")
        .map((r) => r.id),
    ),
  ];
  const cited = ids.flatMap((id) => {
    const source = scores.get(id);
    return source?.answer ? [source.answer] : [];
  });
  return cited.length > 0 ? cited.join("; ") : own;
}

/** The findings the answers raise, in template order. `ctx` must see the pruned answers and final visibility. */
export function raiseFindings(
  template: Template,
  scores: ReadonlyMap<string, QuestionScore>,
  ctx: ConditionContext,
): RaisedFinding[] {
  const raised: RaisedFinding[] = [];
  for (const section of template.sections) {
    for (const question of section.questions) {
      const scored = scores.get(question.id);
      if (!scored || !question.finding || !raises(question, scored, ctx)) continue;
      raised.push({
        questionId: question.id,
        severity: question.finding.severity,
        title: question.finding.title,
        recommendation: question.finding.recommendation,
        answerText: citedAnswer(question, scores),
      });
    }
  }
  return raised;
}
