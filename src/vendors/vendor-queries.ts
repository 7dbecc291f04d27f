import { sql } from "kysely";
import type { Db } from "../db/connection.ts";
import type {
  ProcessingRecordRow,
  SubprocessorRow,
  VendorContactRow,
  VendorDecisionRow,
  VendorRow,
  VendorTierHistoryRow,
} from "../db/schema.ts";
import { decodeCursor, encodeCursor } from "../shared/cursor.ts";
import type { RiskTier } from "./register-vocabulary.ts";
import type { VendorListQuery } from "./vendor-schemas.ts";

export function findVendor(db: Db, id: string): Promise<VendorRow | undefined> {
  return db.selectFrom("vendors").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A decision on a vendor; undefined when the id is null or names another vendor's decision. */
export async function findVendorDecision(
  db: Db,
  vendorId: string,
  decisionId: string | null,
): Promise<VendorDecisionRow | undefined> {
  if (!decisionId) return undefined;
  return db
    .selectFrom("vendor_decisions")
    .selectAll()
    .where("id", "=", decisionId)
    .where("vendor_id", "=", vendorId)
    .executeTakeFirst();
}

export function findVendorByNameKey(db: Db, nameKey: string): Promise<VendorRow | undefined> {
  return db
    .selectFrom("vendors")
    .selectAll()
    .where("name_key", "=", nameKey)
    .orderBy("created_at")
    .executeTakeFirst();
}

export function listContacts(db: Db, vendorId: string): Promise<VendorContactRow[]> {
  return db
    .selectFrom("vendor_contacts")
    .selectAll()
    .where("vendor_id", "=", vendorId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function listProcessing(db: Db, vendorId: string): Promise<ProcessingRecordRow[]> {
  return db
    .selectFrom("processing_records")
    .selectAll()
    .where("vendor_id", "=", vendorId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** One of the vendor's data-sharing records; undefined when it belongs to another vendor or does not exist. */
export function findProcessingRecord(
  db: Db,
  vendorId: string,
  recordId: string,
): Promise<ProcessingRecordRow | undefined> {
  return db
    .selectFrom("processing_records")
    .selectAll()
    .where("id", "=", recordId)
    .where("vendor_id", "=", vendorId)
    .executeTakeFirst();
}

export function findSubprocessor(
  db: Db,
  vendorId: string,
  subId: string,
): Promise<SubprocessorRow | undefined> {
  return db
    .selectFrom("subprocessors")
    .selectAll()
    .where("id", "=", subId)
    .where("vendor_id", "=", vendorId)
    .executeTakeFirst();
}

export function listSubprocessors(db: Db, vendorId: string): Promise<SubprocessorRow[]> {
  return db
    .selectFrom("subprocessors")
    .selectAll()
    .where("vendor_id", "=", vendorId)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

export function listTierHistory(db: Db, vendorId: string): Promise<VendorTierHistoryRow[]> {
  return db
    .selectFrom("vendor_tier_history")
    .selectAll()
    .where("vendor_id", "=", vendorId)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** Counts per tier over the whole register; an index-only scan of vendors_tier, cheap at 100,000 vendors. */
export async function countByTier(db: Db): Promise<Partial<Record<RiskTier, number>>> {
  const rows = await db
    .selectFrom("vendors")
    .select(["tier", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("tier")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.tier, Number(r.n)]));
}

/**
 * Letters with no Unicode decomposition, so stripping accents leaves them as they are, and how a European user
 * spells them on a plain keyboard. Applied after lower-casing. Final sigma folds to σ because JavaScript
 * lower-cases a typed "ΑΣ" to "ας", which would otherwise not be a prefix of "ασφαλεια".
 */
const PLAIN_LETTERS: Readonly<Record<string, string>> = {
  ł: "l",
  ø: "o",
  đ: "d",
  ð: "d",
  ħ: "h",
  ŧ: "t",
  ı: "i",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  þ: "th",
  ς: "σ",
};
const PLAIN_LETTER = new RegExp(`[${Object.keys(PLAIN_LETTERS).join("")}]`, "gu");
// Only Latin and Greek lose their marks: in Devanagari, Thai or Japanese kana the marks are part of the letter.
const LATIN_OR_GREEK_MARKS = /([\p{Script=Latin}\p{Script=Greek}])\p{M}+/gu;

/**
 * The key vendors are sorted, prefix-searched and matched as duplicates by: "Müller  GmbH", "MULLER GmbH" and
 * "Muller GmbH" share one, as do "Łódź" and "lodz". Stored keys were computed by it: a change here needs a new
 * migration recomputing name_key (0008 keeps its own frozen copy of this version).
 */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .toLowerCase()
    .replace(PLAIN_LETTER, (letter) => PLAIN_LETTERS[letter] ?? letter)
    .replace(LATIN_OR_GREEK_MARKS, "$1")
    .normalize("NFC")
    .trim()
    .replace(/\s+/g, " ");
}

/** FTS5 query for a literal phrase; quotes are doubled so user text is never query syntax. */
function ftsPhrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}

/**
 * vendors_fts indexes name_key, and legal_name folded by SQLite (see migration 0008), so the folded text finds
 * both. The text as typed is also tried: SQLite does not strip Greek accents from a legal name.
 */
function ftsQuery(typed: string, key: string): string {
  const asTyped = typed.trim().replace(/\s+/g, " ");
  return asTyped === key ? ftsPhrase(key) : `${ftsPhrase(key)} OR ${ftsPhrase(asTyped)}`;
}

/** Above this many records holding a category, the list filter probes vendors in sort order instead. */
const COMMON_CATEGORY_RECORDS = 2000;

/** Counts at most one past the threshold, so the answer costs the same in any register. */
async function isCommonCategory(db: Db, category: string): Promise<boolean> {
  const { n } = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("processing_categories")
        .select(sql.lit(1).as("one"))
        .where("category", "=", category)
        .limit(COMMON_CATEGORY_RECORDS + 1)
        .as("held"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return n > COMMON_CATEGORY_RECORDS;
}

/** A page of vendors, keyset-paginated on (sort column, id) so page 1,000 costs the same as page 1. */
export async function listVendors(
  db: Db,
  query: VendorListQuery,
): Promise<{ rows: VendorRow[]; nextCursor: string | null }> {
  const column = query.sort.endsWith("created") ? "created_at" : "name_key";
  const direction = query.sort.startsWith("-") ? "desc" : "asc";
  let q = db.selectFrom("vendors").selectAll();
  if (query.q) {
    const key = nameKey(query.q);
    // Trigram search needs three characters; shorter text matches name prefixes.
    q =
      [...key].length >= 3
        ? q.where(
            sql<boolean>`vendors.rowid in (select rowid from vendors_fts where vendors_fts match ${ftsQuery(query.q, key)})`,
          )
        : // A range on the name index instead of LIKE, which SQLite cannot serve from a case-sensitive index.
          q.where("name_key", ">=", key).where("name_key", "<", `${key}\u{10FFFF}`);
  }
  if (query.status) q = q.where("status", "=", query.status);
  if (query.tier) q = q.where("tier", "=", query.tier);
  if (query.country) q = q.where("country", "=", query.country);
  if (query.needsReassessment)
    q = q.where("needs_reassessment", "=", query.needsReassessment === "true" ? 1 : 0);
  if (query.residual === "none") q = q.where("residual_rating", "is", null);
  else if (query.residual) q = q.where("residual_rating", "=", query.residual);
  // A null next review date (never reviewed) is not "due": `<=` leaves it out.
  if (query.reviewDue) q = q.where("next_review_date", "<=", query.reviewDue);
  if (query.dataCategory) {
    const category = query.dataCategory;
    q = (await isCommonCategory(db, category))
      ? // Walk the sort index and probe each vendor: among many holders the page fills after a few rows.
        q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom("processing_categories as pc")
              .select(sql.lit(1).as("one"))
              .whereRef("pc.vendor_id", "=", "vendors.id")
              .where("pc.category", "=", category),
          ),
        )
      : // Collect the few holders first: walking the sort index would probe most of the register for them.
        q.where("id", "in", (eb) =>
          eb.selectFrom("processing_categories").select("vendor_id").where("category", "=", category),
        );
  }
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    const op = direction === "asc" ? ">" : "<";
    // A row-value comparison lets SQLite seek straight to the cursor in the (column, id) index.
    q = q.where((eb) => eb(eb.refTuple(column, "id"), op, eb.tuple(value, id)));
  }
  const rows = await q
    .orderBy(column, direction)
    .orderBy("id", direction)
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last[column], last.id) : null,
  };
}
