import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { sha256Hex } from "../shared/runtime.ts";

const STORED_NAME = /^[a-f0-9]{32}$/;

/** Where a stored file lives; the name is checked so a bad database row can never point outside the folder. */
export function storedFilePath(uploadDir: string, storedName: string): string {
  if (!STORED_NAME.test(storedName)) throw new Error("not a stored evidence file name");
  return join(uploadDir, storedName);
}

/** Writes the bytes under a fresh random name (never derived from anything the uploader sent). */
export async function writeStoredFile(
  uploadDir: string,
  bytes: Uint8Array,
): Promise<{ storedName: string; sha256: string }> {
  await mkdir(uploadDir, { recursive: true, mode: 0o700 });
  const storedName = randomBytes(16).toString("hex");
  // "wx" refuses to overwrite, so a (vanishingly unlikely) name clash fails instead of replacing a file.
  await writeFile(storedFilePath(uploadDir, storedName), bytes, { flag: "wx", mode: 0o600 });
  return { storedName, sha256: sha256Hex(bytes) };
}

/** Removes a stored file; a file that is already gone is not an error. */
export async function deleteStoredFile(uploadDir: string, storedName: string): Promise<void> {
  await rm(storedFilePath(uploadDir, storedName), { force: true });
}

/** The file as a web stream with its size, or undefined when it is missing on disk. */
export async function openStoredFile(
  uploadDir: string,
  storedName: string,
): Promise<{ body: ReadableStream<Uint8Array>; size: number } | undefined> {
  const path = storedFilePath(uploadDir, storedName);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return { body, size: info.size };
}
