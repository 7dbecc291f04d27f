import { conditionReferences } from "../questionnaires/condition.ts";
import type { Condition } from "../questionnaires/condition-schema.ts";
import type { Answers, QuestionType, Template } from "../questionnaires/template-schema.ts";

/** What /static/portal.js needs to show and hide questions at once: the conditions, never scores or findings. */
export interface ClientModel {
  sectionId: string;
  sections: {
    id: string;
    showIf?: Condition | undefined;
    questions: {
      id: string;
      type: QuestionType;
      showIf?: Condition | undefined;
      options?: { value: string; showIf: Condition }[] | undefined;
    }[];
  }[];
  /** Stored answers of the questions that conditions read (answers on this page are read from the form). */
  answers: Answers;
}

/**
 * The template's conditions up to the current section (conditions only look backwards, so later sections
 * cannot change what this page shows) and the stored answers they refer to.
 */
export function buildClientModel(
  template: Template,
  sectionId: string,
  answers: Readonly<Answers>,
): ClientModel {
  const end = template.sections.findIndex((s) => s.id === sectionId);
  const sections = template.sections.slice(0, end + 1).map((section) => ({
    id: section.id,
    ...(section.showIf ? { showIf: section.showIf } : {}),
    questions: section.questions.map((q) => {
      const conditional = (q.options ?? []).flatMap((o) =>
        o.showIf ? [{ value: o.value, showIf: o.showIf }] : [],
      );
      return {
        id: q.id,
        type: q.type,
        ...(q.showIf ? { showIf: q.showIf } : {}),
        ...(conditional.length > 0 ? { options: conditional } : {}),
      };
    }),
  }));
  const referenced = new Set<string>();
  const collect = (c: Condition | undefined) => {
    if (c) for (const ref of conditionReferences(c)) if (ref.kind === "answer") referenced.add(ref.id);
  };
  for (const section of sections) {
    collect(section.showIf);
    for (const q of section.questions) {
      collect(q.showIf);
      for (const o of q.options ?? []) collect(o.showIf);
    }
  }
  const used: Answers = {};
  for (const id of referenced) {
    const answer = answers[id];
    if (Object.hasOwn(answers, id) && answer !== undefined) used[id] = answer;
  }
  return { sectionId, sections, answers: used };
}

/**
 * JSON for a `<script type="application/json">` data block. Escaping `<`, `>` and `&` keeps any text inside
 * (a condition pattern, an answer) from closing the element; the block is data and is never executed.
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
