import type { Condition } from "../condition-schema.ts";

/**
 * VSAQ `cond` expressions. `&&` and `||` share one precedence and apply strictly left to right
 * (`a || b && c` is `(a || b) && c`), `!` binds to the operand after it, parentheses group, and the only
 * functions are `matches(id/value, "regex"[, "flags"])` and `contains(id/value, "text")`.
 */
export type VsaqExpression =
  | { kind: "ref"; id: string; visibility: boolean; suffix?: "yes" | "no" | "value" | undefined }
  | { kind: "false" }
  | { kind: "string"; value: string }
  | { kind: "not"; operand: VsaqExpression }
  | { kind: "and" | "or"; left: VsaqExpression; right: VsaqExpression }
  | { kind: "call"; name: "matches" | "contains"; args: VsaqExpression[] };

export class VsaqConditionError extends Error {}

type Token = { type: "word" | "string" | "(" | ")" | "!" | "&&" | "||" | ","; text: string; at: number };

const FUNCTIONS = new Set(["matches", "contains"]);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "&" || ch === "|") {
      if (source[i + 1] !== ch) throw new VsaqConditionError(`single "${ch}" at ${i + 1}; use "${ch}${ch}"`);
      tokens.push({ type: ch === "&" ? "&&" : "||", text: ch + ch, at: i });
      i += 2;
    } else if (ch === "(" || ch === ")" || ch === "!" || ch === ",") {
      tokens.push({ type: ch, text: ch, at: i });
      i++;
    } else if (ch === '"') {
      let value = "";
      let j = i + 1;
      for (; j < source.length && source[j] !== '"'; j++) {
        // VSAQ drops the backslash of any escaped character.
        if (source[j] === "\\") j++;
        value += source[j] ?? "";
      }
      if (j >= source.length) throw new VsaqConditionError(`unterminated string at ${i + 1}`);
      tokens.push({ type: "string", text: value, at: i });
      i = j + 1;
    } else {
      let j = i;
      while (j < source.length && !/[\s()!&|,"]/.test(source[j] as string)) j++;
      tokens.push({ type: "word", text: source.slice(i, j), at: i });
      i = j;
    }
  }
  return tokens;
}

/** Parses a VSAQ condition; throws VsaqConditionError on a malformed one. An empty condition gives undefined. */
export function parseVsaqCondition(source: string): VsaqExpression | undefined {
  const tokens = tokenize(source);
  if (tokens.length === 0) return undefined;
  let pos = 0;
  const fail = (message: string): never => {
    const token = tokens[pos];
    throw new VsaqConditionError(
      `${message} ${token ? `at ${token.at + 1} ("${token.text}")` : "at the end"}`,
    );
  };

  const parseSequence = (): VsaqExpression => {
    let left = parseUnary();
    for (let token = tokens[pos]; token?.type === "&&" || token?.type === "||"; token = tokens[pos]) {
      pos++;
      left = { kind: token.type === "&&" ? "and" : "or", left, right: parseUnary() };
    }
    return left;
  };

  const parseUnary = (): VsaqExpression => {
    const token = tokens[pos];
    if (token?.type === "!") {
      pos++;
      return { kind: "not", operand: parseUnary() };
    }
    if (token?.type === "(") {
      pos++;
      const inner = parseSequence();
      if (tokens[pos]?.type !== ")") fail('expected ")"');
      pos++;
      return inner;
    }
    if (token?.type === "word") {
      pos++;
      if (FUNCTIONS.has(token.text) && tokens[pos]?.type === "(") return parseCall(token.text as "matches");
      return parseReference(token.text);
    }
    return fail('expected an item id, a function call, "!" or "("');
  };

  const parseCall = (name: "matches" | "contains"): VsaqExpression => {
    pos++;
    const args: VsaqExpression[] = [];
    for (;;) {
      const token = tokens[pos];
      if (token?.type === "string") {
        pos++;
        args.push({ kind: "string", value: token.text });
      } else if (token?.type === "word") {
        pos++;
        args.push(parseReference(token.text));
      } else fail(`expected an argument of ${name}()`);
      if (tokens[pos]?.type === ",") pos++;
      else if (tokens[pos]?.type === ")") break;
      else fail(`expected "," or ")" in ${name}()`);
    }
    pos++;
    return { kind: "call", name, args };
  };

  const parseReference = (word: string): VsaqExpression => {
    if (word === "false") return { kind: "false" };
    const match = /^(\^?)([^/^]+)(?:\/(yes|no|value))?$/.exec(word);
    if (!match) return fail(`"${word}" is not an item reference`);
    return {
      kind: "ref",
      visibility: match[1] === "^",
      id: match[2] as string,
      suffix: match[3] as "yes" | undefined,
    };
  };

  const expression = parseSequence();
  if (pos < tokens.length) fail("unexpected");
  return expression;
}

/** What a reference means in the converted template: a condition, or a reason it cannot be converted. */
export type ReferenceResolver = (
  ref: Extract<VsaqExpression, { kind: "ref" }>,
) => Condition | { error: string };
/** Turns `matches`/`contains` calls into a condition, or a reason they cannot be. */
export type CallResolver = (call: Extract<VsaqExpression, { kind: "call" }>) => Condition | { error: string };

function partsOf(cond: Condition, key: "all" | "any"): Condition[] | undefined {
  if (key === "all" && "all" in cond) return cond.all;
  if (key === "any" && "any" in cond) return cond.any;
  return undefined;
}

const isError = (value: Condition | { error: string }): value is { error: string } => "error" in value;

/** Converts a parsed VSAQ expression into our Condition, collecting every reference that cannot be resolved. */
export function toCondition(
  expression: VsaqExpression,
  resolveRef: ReferenceResolver,
  resolveCall: CallResolver,
  errors: string[],
): Condition {
  switch (expression.kind) {
    case "false":
      return { any: [] };
    case "string":
      errors.push(`the text "${expression.value}" can only be an argument of matches() or contains()`);
      return { any: [] };
    case "not":
      return { not: toCondition(expression.operand, resolveRef, resolveCall, errors) };
    case "and":
    case "or": {
      const key = expression.kind === "and" ? "all" : "any";
      const left = toCondition(expression.left, resolveRef, resolveCall, errors);
      const right = toCondition(expression.right, resolveRef, resolveCall, errors);
      // Left folding keeps VSAQ's left-to-right reading; a chain of one operator flattens into one list.
      const parts = (expression.left.kind === expression.kind ? partsOf(left, key) : undefined) ?? [left];
      return key === "all" ? { all: [...parts, right] } : { any: [...parts, right] };
    }
    case "ref":
    case "call": {
      const resolved = expression.kind === "ref" ? resolveRef(expression) : resolveCall(expression);
      if (!isError(resolved)) return resolved;
      errors.push(resolved.error);
      return { any: [] };
    }
  }
}
