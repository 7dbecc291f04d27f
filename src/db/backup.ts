import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { NotFoundError } from "../shared/errors.ts";
import { openSqlite } from "./connection.ts";

/** A consistent copy of a live database through SQLite's online backup API; safe while the server writes. */
export async function backupDatabase(sourcePath: string, targetPath: string): Promise<number> {
  if (!existsSync(sourcePath)) throw new NotFoundError(`Database ${sourcePath}`);
  mkdirSync(dirname(targetPath), { recursive: true });
  const source = openSqlite(sourcePath);
  try {
    const result = await source.backup(targetPath);
    return result.totalPages;
  } finally {
    source.close();
  }
}
