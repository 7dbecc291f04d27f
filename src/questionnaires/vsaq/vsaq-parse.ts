/**
 * Reader for VSAQON, the JSON dialect of Google's VSAQ questionnaire files: `//` comments, string literals
 * joined with `+` across lines, `\xNN` escapes, single quotes and trailing commas. The text is tokenized and
 * parsed as data; nothing in it is ever evaluated as code.
 */

export type VsaqValue = string | number | boolean | null | VsaqValue[] | { [key: string]: VsaqValue };

export class VsaqSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} at line ${line}, column ${column}`);
    this.name = "VsaqSyntaxError";
  }
}

type Token =
  | { kind: "punct"; value: "{" | "}" | "[" | "]" | ":" | "," | "+"; line: number; column: number }
  | { kind: "string"; value: string; line: number; column: number }
  | { kind: "number"; value: number; line: number; column: number }
  | { kind: "word"; value: string; line: number; column: number }
  | { kind: "invalid"; value: string; line: number; column: number }
  | { kind: "end"; line: number; column: number };

const MAX_DEPTH = 256;
const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  "'": "'",
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "0": "\0",
};

/** Splits the text into tokens; a fault becomes an `invalid` token so the parser reports faults in order. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const readHex = (start: number, length: number): number | undefined => {
    const digits = text.slice(start, start + length);
    return digits.length === length && /^[0-9a-fA-F]+$/.test(digits)
      ? Number.parseInt(digits, 16)
      : undefined;
  };

  while (i < text.length) {
    const ch = text[i] as string;
    const column = i - lineStart + 1;
    if (ch === "\n") {
      i++;
      line++;
      lineStart = i;
    } else if (ch === " " || ch === "\t" || ch === "\r" || ch === "\uFEFF") {
      i++;
    } else if (ch === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if ("{}[]:,+".includes(ch)) {
      tokens.push({ kind: "punct", value: ch as "{", line, column });
      i++;
    } else if (ch === '"' || ch === "'") {
      let value = "";
      let fault: string | undefined;
      const startLine = line;
      i++;
      for (;;) {
        const c = text[i];
        if (c === undefined || c === "\n") {
          fault = "unterminated string";
          break;
        }
        if (c === ch) break;
        if (c !== "\\") {
          value += c;
          i++;
          continue;
        }
        const e = text[i + 1];
        if (e === "x" || e === "u") {
          const code = readHex(i + 2, e === "x" ? 2 : 4);
          if (code === undefined) {
            tokens.push({ kind: "invalid", value: `bad \\${e} escape`, line, column: i - lineStart + 1 });
            return finish(tokens, line, i - lineStart + 1);
          }
          value += String.fromCharCode(code);
          i += e === "x" ? 4 : 6;
        } else if (e === "\n") {
          i += 2;
          line++;
          lineStart = i;
        } else if (e !== undefined && Object.hasOwn(SIMPLE_ESCAPES, e)) {
          value += SIMPLE_ESCAPES[e];
          i += 2;
        } else if (e === undefined) {
          fault = "unterminated string";
          break;
        } else {
          value += e;
          i += 2;
        }
      }
      if (fault) {
        tokens.push({ kind: "invalid", value: fault, line: startLine, column });
        return finish(tokens, line, i - lineStart + 1);
      }
      i++;
      tokens.push({ kind: "string", value, line: startLine, column });
    } else if (ch === "-" || (ch >= "0" && ch <= "9")) {
      const raw = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64))?.[0];
      if (raw === undefined) {
        tokens.push({ kind: "invalid", value: "bad number", line, column });
        return finish(tokens, line, column);
      }
      tokens.push({ kind: "number", value: Number(raw), line, column });
      i += raw.length;
    } else if (/[A-Za-z_$]/.test(ch)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i, i + 256)) as RegExpExecArray;
      tokens.push({ kind: "word", value: match[0], line, column });
      i += match[0].length;
    } else {
      tokens.push({ kind: "invalid", value: `unexpected character ${JSON.stringify(ch)}`, line, column });
      return finish(tokens, line, column);
    }
  }
  return finish(tokens, line, i - lineStart + 1);
}

function finish(tokens: Token[], line: number, column: number): Token[] {
  tokens.push({ kind: "end", line, column });
  return tokens;
}

/** Parses VSAQON text into plain data; throws VsaqSyntaxError with the line and column of the first fault. */
export function parseVsaqon(text: string): VsaqValue {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token => tokens[pos] as Token;
  const fail = (message: string, token: Token = peek()): never => {
    throw new VsaqSyntaxError(message, token.line, token.column);
  };
  const isPunct = (token: Token, value: string): boolean => token.kind === "punct" && token.value === value;
  const describe = (token: Token): string => {
    if (token.kind === "end") return "end of input";
    return token.kind === "invalid" ? token.value : JSON.stringify(String(token.value));
  };

  const parseValue = (depth: number): VsaqValue => {
    if (depth > MAX_DEPTH) fail("nesting is too deep");
    const token = peek();
    pos++;
    switch (token.kind) {
      case "string": {
        let value = token.value;
        while (isPunct(peek(), "+")) {
          pos++;
          const next = peek();
          if (next.kind !== "string") fail(`expected a string after "+", found ${describe(next)}`);
          value += (next as { value: string }).value;
          pos++;
        }
        return value;
      }
      case "number":
        return token.value;
      case "word":
        if (token.value === "true") return true;
        if (token.value === "false") return false;
        if (token.value === "null") return null;
        return fail(`unexpected word ${describe(token)}`, token);
      case "punct":
        if (token.value === "{") return parseObject(depth);
        if (token.value === "[") return parseArray(depth);
        return fail(`unexpected ${describe(token)}`, token);
      case "invalid":
        return fail(token.value, token);
      default:
        return fail("unexpected end of input", token);
    }
  };

  const parseArray = (depth: number): VsaqValue[] => {
    const items: VsaqValue[] = [];
    while (!isPunct(peek(), "]")) {
      items.push(parseValue(depth + 1));
      if (isPunct(peek(), ",")) pos++;
      else if (!isPunct(peek(), "]")) fail(`expected "," or "]", found ${describe(peek())}`);
    }
    pos++;
    return items;
  };

  const parseObject = (depth: number): { [key: string]: VsaqValue } => {
    const object: { [key: string]: VsaqValue } = {};
    while (!isPunct(peek(), "}")) {
      const keyToken = peek();
      if (keyToken.kind !== "string" && keyToken.kind !== "word") {
        fail(`expected a property name, found ${describe(keyToken)}`);
      }
      pos++;
      if (!isPunct(peek(), ":")) fail(`expected ":" after a property name, found ${describe(peek())}`);
      pos++;
      // defineProperty so that a key such as "__proto__" stays plain data.
      Object.defineProperty(object, String((keyToken as { value: string }).value), {
        value: parseValue(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (isPunct(peek(), ",")) pos++;
      else if (!isPunct(peek(), "}")) fail(`expected "," or "}", found ${describe(peek())}`);
    }
    pos++;
    return object;
  };

  const value = parseValue(0);
  if (peek().kind !== "end") fail(`unexpected ${describe(peek())} after the end of the document`);
  return value;
}
