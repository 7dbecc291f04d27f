import type { DpaBlock } from "../dpa-document.ts";

/**
 * The numbered body of the agreement: its sections, in order, and the clauses of each. Clause numbers depend on
 * which optional parts apply (transfers, CCPA, UK Addendum), so the outline is planned first and every cross
 * reference ("clause 5.4") is read from it; no clause text hard-codes a number.
 */

export const SECTION_CLAUSES = {
  parties: ["parties", "roles", "services", "term", "precedence"],
  definitions: ["terms", "interpretation"],
  processing: ["subject", "duration", "nature", "purposes", "data", "subjects", "description"],
  controller: ["lawfulness", "instructions", "rights", "cooperation"],
  processor: [
    "instructions",
    "confidentiality",
    "security",
    "subprocessors",
    "requests",
    "assistance",
    "deletion",
    "audits",
    "infringement",
    "records",
  ],
  breach: ["notice", "content", "phases", "handling"],
  transfers: ["scope", "incorporation", "options", "annexes", "assessment", "precedence", "uk"],
  ccpa: [
    "role",
    "purposes",
    "selling",
    "use",
    "combining",
    "protection",
    "notice",
    "remediation",
    "requests",
    "subcontractors",
  ],
  general: ["end", "noncompliance", "liability", "changes", "notices", "law", "severability"],
} as const;

export type SectionKey = keyof typeof SECTION_CLAUSES;
export type ClauseKey<S extends SectionKey> = (typeof SECTION_CLAUSES)[S][number];

export interface ClauseDraft {
  title: string;
  paragraphs: string[];
}

export interface SectionDraft<S extends SectionKey> {
  title: string;
  clauses: Partial<Record<ClauseKey<S>, ClauseDraft>>;
}

export type SectionDrafts = { [S in SectionKey]?: SectionDraft<S> };

export interface OutlineFlags {
  transfers: boolean;
  ccpa: boolean;
  ukAddendum: boolean;
}

export interface PlannedSection {
  key: SectionKey;
  clauses: string[];
}

/** Cross references into the planned outline. */
export interface Refs {
  has(section: SectionKey): boolean;
  section(section: SectionKey): string;
  clause<S extends SectionKey>(section: S, clause: ClauseKey<S>): string;
}

export function planOutline(flags: OutlineFlags): PlannedSection[] {
  const included = (key: SectionKey): boolean =>
    key === "transfers" ? flags.transfers : key === "ccpa" ? flags.ccpa : true;
  return (Object.keys(SECTION_CLAUSES) as SectionKey[]).filter(included).map((key) => ({
    key,
    clauses: SECTION_CLAUSES[key].filter(
      (clause: string) => key !== "transfers" || clause !== "uk" || flags.ukAddendum,
    ),
  }));
}

export function outlineRefs(outline: PlannedSection[]): Refs {
  const sectionIndex = (key: SectionKey): number => {
    const index = outline.findIndex((section) => section.key === key);
    if (index < 0) throw new Error(`the outline has no section "${key}"`);
    return index;
  };
  return {
    has: (key) => outline.some((section) => section.key === key),
    section: (key) => String(sectionIndex(key) + 1),
    clause: (key, clause) => {
      const index = sectionIndex(key);
      const position = outline[index]?.clauses.indexOf(clause) ?? -1;
      if (position < 0) throw new Error(`the outline has no clause "${key}.${clause}"`);
      return `${index + 1}.${position + 1}`;
    },
  };
}

/** The numbered sections as blocks: a heading per section and a clause block per planned clause. */
export function outlineBlocks(outline: PlannedSection[], drafts: SectionDrafts): DpaBlock[] {
  return outline.flatMap((planned, index) => {
    const draft = drafts[planned.key] as SectionDraft<SectionKey> | undefined;
    if (!draft) throw new Error(`no wording for section "${planned.key}"`);
    const clauses = draft.clauses as Record<string, ClauseDraft | undefined>;
    return [
      { kind: "heading", level: 2, text: `${index + 1}. ${draft.title}` } as const,
      ...planned.clauses.map((key, position): DpaBlock => {
        const clause = clauses[key];
        if (!clause) throw new Error(`no wording for clause "${planned.key}.${key}"`);
        return {
          kind: "clause",
          number: `${index + 1}.${position + 1}`,
          title: clause.title,
          paragraphs: clause.paragraphs,
        };
      }),
    ];
  });
}
