import { isAnswered } from "../questionnaires/condition.ts";
import type { Answers, Template } from "../questionnaires/template-schema.ts";
import { computeVisibility, pruneAnswers, type Visibility } from "../questionnaires/visibility.ts";

export interface SectionProgress {
  id: string;
  title: string;
  /** False when earlier answers make the whole section unnecessary. */
  visible: boolean;
  requiredAnswered: number;
  requiredTotal: number;
  /** Visible questions with an answer, required or not, and how many visible questions there are. */
  answered: number;
  total: number;
}

export interface MissingAnswer {
  sectionId: string;
  sectionTitle: string;
  questionId: string;
  text: string;
}

export interface Progress {
  requiredAnswered: number;
  requiredTotal: number;
  sections: SectionProgress[];
  /** Required visible questions without an answer, in document order. */
  missing: MissingAnswer[];
  visibility: Visibility;
}

/**
 * Where the vendor stands: only visible questions count, and answers of hidden questions are ignored
 * (they are kept in case the vendor changes an earlier answer back).
 */
export function computeProgress(template: Template, answers: Readonly<Answers>): Progress {
  const visibility = computeVisibility(template, answers);
  const pruned = pruneAnswers(template, answers, visibility);
  const sections: SectionProgress[] = [];
  const missing: MissingAnswer[] = [];
  for (const section of template.sections) {
    const entry: SectionProgress = {
      id: section.id,
      title: section.title,
      visible: visibility.sections.has(section.id),
      requiredAnswered: 0,
      requiredTotal: 0,
      answered: 0,
      total: 0,
    };
    for (const question of section.questions) {
      if (question.type === "notice" || !visibility.questions.has(question.id)) continue;
      const done = isAnswered(pruned[question.id]);
      entry.total += 1;
      if (done) entry.answered += 1;
      if (!question.required) continue;
      entry.requiredTotal += 1;
      if (done) entry.requiredAnswered += 1;
      else
        missing.push({
          sectionId: section.id,
          sectionTitle: section.title,
          questionId: question.id,
          text: question.text,
        });
    }
    sections.push(entry);
  }
  return {
    requiredAnswered: sections.reduce((n, s) => n + s.requiredAnswered, 0),
    requiredTotal: sections.reduce((n, s) => n + s.requiredTotal, 0),
    sections,
    missing,
    visibility,
  };
}

/** A section's state in a few words, for the overview. */
export function sectionState(
  s: SectionProgress,
): "not_needed" | "complete" | "started" | "not_started" | "optional" {
  if (!s.visible) return "not_needed";
  if (s.answered === 0) return s.requiredTotal === 0 ? "optional" : "not_started";
  return s.requiredAnswered === s.requiredTotal ? "complete" : "started";
}
