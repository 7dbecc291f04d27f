import { ValidationError } from "./errors.ts";

/**
 * Keyset pagination cursors: the sort value and the id of a page's last row, opaque to clients. A cursor that
 * does not decode is the client's mistake (400 on `cursor`), never a 500.
 */
export function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

export function decodeCursor(cursor: string): [value: string, id: string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === "string" &&
      typeof parsed[1] === "string"
    )
      return [parsed[0], parsed[1]];
  } catch {
    // reported below
  }
  throw new ValidationError("The cursor is not valid", [
    { path: "cursor", message: "use nextCursor from the previous page" },
  ]);
}
