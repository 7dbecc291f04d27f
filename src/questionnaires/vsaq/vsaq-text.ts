/**
 * VSAQ texts are HTML fragments. Templates hold plain text that pages escape when they show it, so the import
 * turns the markup into readable text: paragraphs and list items become lines, links keep their address.
 * This is a readability step, not a sanitiser: the result is still untrusted text and must be escaped.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  mdash: "\u2014",
  ndash: "\u2013",
  hellip: "\u2026",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201c",
  rdquo: "\u201d",
  bull: "\u2022",
  copy: "\u00a9",
  reg: "\u00ae",
  trade: "\u2122",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function linkText(attributes: string, inner: string): string {
  const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  const url = decodeEntities(href?.[1] ?? href?.[2] ?? href?.[3] ?? "").trim();
  const label = inner.replace(/<[^>]*>/g, "");
  if (!/^(https?:|mailto:)/i.test(url) || decodeEntities(label).trim() === url) return inner;
  return `${inner} (${url})`;
}

/** Plain text from a VSAQ HTML fragment. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi, (_, attributes: string, inner: string) =>
      linkText(attributes, inner),
    )
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/?(p|div|ul|ol|h[1-6]|table|tr)\b[^>]*>/gi, "\n\n")
    .replace(/<li\b[^>]*>/gi, "\n- ")
    .replace(/<[^>]*>/g, "");
  return decodeEntities(text)
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A short title from a longer text: its first sentence, cut at a word boundary. */
export function shortTitle(text: string, maxLength = 120): string {
  const firstLine = text.split("\n").find((line) => line.trim() !== "") ?? text;
  const sentence = /^(.+?[.!?])(\s|$)/.exec(firstLine)?.[1] ?? firstLine;
  if (sentence.length <= maxLength) return sentence;
  const cut = sentence.slice(0, maxLength - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), maxLength / 2))}\u2026`;
}
