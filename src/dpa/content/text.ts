import type { DpaParty, DpaPerson } from "../dpa-inputs.ts";

/**
 * Small wording helpers shared by the DPA's clauses and annexes. They never read the clock or the locale, so the
 * same inputs always give the same words.
 */

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "2026-03-02" as "2 March 2026". */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = MONTHS[Number(match?.[2]) - 1];
  if (!match || !month) return isoDate;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** 12500 as "12,500". */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A visible gap for a fact nobody has recorded yet; the document never invents one. */
export function placeholder(what: string): string {
  return `[to be completed: ${what}]`;
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[], conjunction = "and"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}

/** The items in their first order, each once. */
export function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** "(a)", "(b)", ... for the points of a clause. */
export function pointLabel(index: number): string {
  return `(${String.fromCharCode(97 + (index % 26))})`;
}

/** Points of one sentence: "(a) first;", "(b) second; and", "(c) third." */
export function enumerate(items: readonly string[], conjunction = "and"): string[] {
  return points(
    items.map((item, index) => {
      const bare = item.replace(/[.;,]+$/, "");
      if (index === items.length - 1) return `${bare}.`;
      return index === items.length - 2 ? `${bare}; ${conjunction}` : `${bare};`;
    }),
  );
}

// Country names that read with "the" inside a sentence ("in the United States").
const WITH_ARTICLE =
  /^(?:United |Netherlands|Philippines|Czech Republic|Bahamas|Gambia|Maldives|Marshall Islands|Solomon Islands|Seychelles|Comoros|Central African Republic|Dominican Republic|Democratic Republic|Republic of|Holy See|Isle of Man|Faroe Islands|Cayman Islands)/;

/** "the United States", "Germany". */
export function countryInSentence(countryName: string): string {
  return WITH_ARTICLE.test(countryName) ? `the ${countryName}` : countryName;
}

/** Paragraphs "(a) first", "(b) second", ... */
export function points(items: readonly string[]): string[] {
  return items.map((item, index) => `${pointLabel(index)} ${item}`);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** Ends a sentence with a full stop unless it already ends with punctuation. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

// Register labels are written from the controller's point of view ("our systems"); in a contract between two
// parties "our" is ambiguous, so it becomes "the controller's".
export function contractWording(label: string): string {
  return label.replace(/\bour\b/g, "the controller's").replace(/\bOur\b/g, "The controller's");
}

/** "Jane Doe, Head of Privacy, jane@example.com". */
export function describePerson(person: DpaPerson): string {
  return [person.name, person.title, person.email].filter((part) => part !== null && part !== "").join(", ");
}

/** The party's legal name, with its trading name where that differs. */
export function partyName(party: DpaParty): string {
  const trading = party.tradingName?.trim();
  return trading && trading !== party.legalName
    ? `${party.legalName} (trading as ${trading})`
    : party.legalName;
}

/** The party's postal address and country, or a placeholder for the address. */
export function partyAddress(party: DpaParty): string {
  const address = party.address
    ?.split(/\s*\n\s*/)
    .filter((line) => line !== "")
    .join(", ");
  if (!address) return `${placeholder(`address of ${party.legalName}`)}, ${party.countryName}`;
  return address.toLowerCase().includes(party.countryName.toLowerCase())
    ? address
    : `${address}, ${party.countryName}`;
}
