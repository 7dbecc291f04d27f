import { writeFile } from "node:fs/promises";
import type { Db } from "../db/connection.ts";
import { AppError } from "../shared/errors.ts";
import type { ServiceContext } from "../shared/service-context.ts";
import { nameKey } from "../vendors/vendor-queries.ts";
import { buildDpaExport } from "./dpa-export.ts";
import { findDpaPdf } from "./dpa-queries.ts";
import { generateDpa } from "./dpa-service.ts";

export const DPA_HELP = `  dpa <vendor id or exact name> -o <file.pdf> [--effective-date YYYY-MM-DD]
                                          generate the vendor's DPA (or reuse the latest version when nothing
                                          changed) and write the PDF; prints the version and SHA-256
  dpa export -o <file.zip>                the current DPA of every approved vendor in one ZIP`;

/** The options `vendorvet dpa` adds to the command line (-o comes with the register's export options). */
export const dpaOptions = {
  "effective-date": { type: "string" },
} as const;

interface Printer {
  out: (text: string) => void;
  err: (text: string) => void;
}

function usage(message: string): AppError {
  return new AppError("bad_request", message);
}

/** A vendor by its id, else by its exact name (ignoring case and extra spaces); ambiguous names are refused. */
async function resolveVendor(db: Db, given: string): Promise<{ id: string; name: string }> {
  const byId = await db
    .selectFrom("vendors")
    .select(["id", "name"])
    .where("id", "=", given)
    .executeTakeFirst();
  if (byId) return byId;
  const matches = await db
    .selectFrom("vendors")
    .select(["id", "name"])
    .where("name_key", "=", nameKey(given))
    .orderBy("id")
    .execute();
  const exact = matches.filter((m) => m.name === given.trim());
  const found = exact.length === 1 ? exact : matches;
  if (found.length === 1 && found[0]) return found[0];
  if (found.length === 0) throw usage(`No vendor with the id or name "${given}"`);
  throw usage(
    `Several vendors are named "${given}"; give one of their ids: ${found.map((m) => m.id).join(", ")}`,
  );
}

/** `vendorvet dpa <vendor> -o file.pdf` and `vendorvet dpa export -o file.zip`. */
export async function runDpaCommand(
  ctx: ServiceContext,
  target: string | undefined,
  flags: { output?: string | undefined; "effective-date"?: string | undefined },
  io: Printer,
): Promise<number> {
  if (!target) throw usage("Give the vendor: vendorvet dpa <vendor id or name> -o <file.pdf>");
  if (!flags.output)
    throw usage(
      target === "export" ? "Give the ZIP to write: -o <file.zip>" : "Give the PDF to write: -o <file.pdf>",
    );
  if (target === "export") {
    const exported = await buildDpaExport(ctx.db);
    await writeFile(flags.output, exported.bytes);
    io.out(
      `Wrote ${exported.files.length} DPA${exported.files.length === 1 ? "" : "s"} to ${flags.output} (${exported.bytes.byteLength} bytes).`,
    );
    if (exported.missing.length > 0)
      io.err(
        `${exported.missing.length} approved vendor(s) have no DPA yet; README.txt in the ZIP lists them.`,
      );
    return 0;
  }
  const vendor = await resolveVendor(ctx.db, target);
  const result = await generateDpa(ctx, vendor.id, { effectiveDate: flags["effective-date"] });
  const stored = await findDpaPdf(ctx.db, result.documentId);
  if (!stored) throw new AppError("internal", "The DPA was not stored");
  await writeFile(flags.output, stored.pdf);
  io.out(
    `${result.created ? "Generated" : "Unchanged, reused"} version ${result.version} of the DPA with ${vendor.name}`,
  );
  io.out(`document ${result.documentId}, ${result.pages} pages, sha256 ${result.sha256}`);
  io.out(`Wrote ${flags.output}`);
  return 0;
}
