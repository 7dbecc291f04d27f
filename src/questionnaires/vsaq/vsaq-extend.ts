import { choiceEntry, type VsaqExtension, type VsaqItem, type VsaqQuestionnaire } from "./vsaq-schema.ts";

/** VSAQ prefixes the ids of extension items (and their choices) with `namespace:`; conditions stay as written. */
function addNamespace(items: VsaqItem[], namespace: string): VsaqItem[] {
  return items.map((item) => ({
    ...item,
    ...(item.id === undefined ? {} : { id: `${namespace}:${item.id}` }),
    ...(item.items === undefined ? {} : { items: addNamespace(item.items, namespace) }),
    ...(item.choices === undefined
      ? {}
      : {
          choices: item.choices.map((entry) => {
            const [id, text] = choiceEntry(entry);
            return { [`${namespace}:${id}`]: text };
          }),
        }),
  }));
}

/** Inserts `item` before or after the first item with id `target`, searching depth first; false if not found. */
function insertNear(items: VsaqItem[], target: string, item: VsaqItem, after: boolean): boolean {
  for (let i = 0; i < items.length; i++) {
    const current = items[i] as VsaqItem;
    if (current.id === target) {
      items.splice(after ? i + 1 : i, 0, item);
      return true;
    }
    if (current.items && insertNear(current.items, target, item, after)) return true;
  }
  return false;
}

/**
 * Applies template extensions in order, as VSAQ does: each extension item names exactly one of insertAfter or
 * insertBefore, and an extension must carry the base questionnaire's version.
 */
export function applyVsaqExtensions(
  base: VsaqQuestionnaire,
  extensions: readonly VsaqExtension[],
): { questionnaire: VsaqQuestionnaire; problems: string[] } {
  const questionnaire = structuredClone(base);
  const problems: string[] = [];
  extensions.forEach((extension, e) => {
    if (extension.version !== base.version) {
      problems.push(
        `extension ${e + 1}: its version (${extension.version ?? "none"}) differs from the questionnaire's (${base.version ?? "none"})`,
      );
      return;
    }
    const items = extension.namespace
      ? addNamespace(extension.extensions, extension.namespace)
      : extension.extensions;
    items.forEach((raw, i) => {
      const { insertAfter, insertBefore, ...item } = raw;
      if ((insertAfter === undefined) === (insertBefore === undefined)) {
        problems.push(`extension ${e + 1}, item ${i + 1}: give exactly one of insertAfter or insertBefore`);
        return;
      }
      const target = (insertAfter ?? insertBefore) as string;
      if (!insertNear(questionnaire.questionnaire, target, item as VsaqItem, insertAfter !== undefined))
        problems.push(`extension ${e + 1}, item ${i + 1}: there is no item "${target}" to insert it next to`);
    });
  });
  return { questionnaire, problems };
}
