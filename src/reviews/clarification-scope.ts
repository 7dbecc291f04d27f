import { conditionReferences } from "../questionnaires/condition.ts";
import type { Condition } from "../questionnaires/condition-schema.ts";
import type { Template } from "../questionnaires/template-schema.ts";

function readsAny(cond: Condition | undefined, ids: ReadonlySet<string>): boolean {
  return cond !== undefined && conditionReferences(cond).some((ref) => ids.has(ref.id));
}

/**
 * The questions a vendor may change while a clarification is open: the ones asked about, and the follow-up
 * questions whose display depends on them (directly or through other follow-ups). Without the follow-ups, a
 * changed answer could reveal a required question the vendor may not answer, and the resubmission would be stuck.
 */
export function clarificationScope(template: Template, askedIds: Iterable<string>): Set<string> {
  const changing = new Set<string>(askedIds);
  let grew = true;
  while (grew) {
    grew = false;
    const add = (id: string) => {
      if (changing.has(id)) return;
      changing.add(id);
      grew = true;
    };
    for (const section of template.sections) {
      const sectionMoves = readsAny(section.showIf, changing);
      if (sectionMoves) add(section.id);
      for (const question of section.questions) {
        const optionsMove = (question.options ?? []).some((o) => readsAny(o.showIf, changing));
        if (sectionMoves || optionsMove || readsAny(question.showIf, changing)) add(question.id);
      }
    }
  }
  const questionIds = new Set(template.sections.flatMap((s) => s.questions.map((q) => q.id)));
  return new Set([...changing].filter((id) => questionIds.has(id)));
}
