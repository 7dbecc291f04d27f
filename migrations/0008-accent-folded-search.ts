import { type Kysely, sql } from "kysely";

/*
 * Accent-insensitive vendor search: "muller" finds "Müller GmbH", "lodz" finds "Łódź Logistics".
 *
 * SQLite's trigram tokenizer with remove_diacritics folds ü and ó, but not letters without a Unicode
 * decomposition (ł, ø, ß, æ ...) and not Greek accents. So vendors_fts no longer indexes the raw name: it
 * indexes name_key, which the application folds fully (nameKey in src/vendors/vendor-queries.ts) and which
 * the 1-2 character prefix search already uses, so both search paths agree on what "lodz" means. The legal
 * name has no folded column; the triggers fold its non-decomposable letters with replace() and leave the
 * accents to remove_diacritics. The table is contentless (contentless_delete needs SQLite 3.43; the
 * better-sqlite3 build bundles 3.53): what it indexes is not a copy of any vendors column, so an external
 * content table would disagree with it.
 */

/** A frozen copy of the nameKey this migration introduced: a migration must not change when the app does. */
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
const LATIN_OR_GREEK_MARKS = /([\p{Script=Latin}\p{Script=Greek}])\p{M}+/gu;

function foldName(name: string): string {
  return name
    .normalize("NFKD")
    .toLowerCase()
    .replace(PLAIN_LETTER, (letter) => PLAIN_LETTERS[letter] ?? letter)
    .replace(LATIN_OR_GREEK_MARKS, "$1")
    .normalize("NFC")
    .trim()
    .replace(/\s+/g, " ");
}

/** The name_key of migration 0002, for down(). */
function previousNameKey(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** SQL lower() knows only ASCII, so the capitals are replaced too (ẞ lower-cases to ß; ı and ς have none to fold). */
const SQL_LETTERS: readonly (readonly [string, string])[] = [
  ...Object.entries(PLAIN_LETTERS),
  ...Object.entries({ Ł: "l", Ø: "o", Đ: "d", Ð: "d", Ħ: "h", Ŧ: "t", ẞ: "ss", Æ: "ae", Œ: "oe", Þ: "th" }),
];

function foldedInSql(column: string): string {
  return SQL_LETTERS.reduce(
    (inner, [from, to]) => `replace(${inner}, '${from}', '${to}')`,
    `coalesce(${column}, '')`,
  );
}

const BATCH = 1000;

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the app's evolving types
async function recomputeNameKeys(db: Kysely<any>, fold: (name: string) => string): Promise<void> {
  let after = -1;
  for (;;) {
    const rows = await sql<{ rowid: number; name: string; name_key: string }>`
      select rowid, name, name_key from vendors where rowid > ${after} order by rowid limit ${BATCH}`.execute(
      db,
    );
    for (const row of rows.rows) {
      const key = fold(row.name);
      if (key !== row.name_key) {
        await sql`update vendors set name_key = ${key} where rowid = ${row.rowid}`.execute(db);
      }
    }
    const last = rows.rows.at(-1);
    if (!last) return;
    after = last.rowid;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see recomputeNameKeys
async function dropSearchTable(db: Kysely<any>): Promise<void> {
  for (const trigger of ["vendors_fts_insert", "vendors_fts_delete", "vendors_fts_update"]) {
    await sql`drop trigger if exists ${sql.ref(trigger)}`.execute(db);
  }
  await sql`drop table if exists vendors_fts`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see recomputeNameKeys
export async function up(db: Kysely<any>): Promise<void> {
  // Kysely runs SQLite migrations outside a transaction; this one rewrites data, so it makes its own.
  if (!db.isTransaction) return db.transaction().execute(up);
  // The old triggers would re-index every row the recompute touches; the table is rebuilt afterwards anyway.
  await dropSearchTable(db);
  await recomputeNameKeys(db, foldName);

  const legalName = (row: "new" | "old") => sql.raw(foldedInSql(`${row}.legal_name`));
  await sql`create virtual table vendors_fts using fts5(name_key, legal_name, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1')`.execute(
    db,
  );
  await sql`create trigger vendors_fts_insert after insert on vendors begin
    insert into vendors_fts(rowid, name_key, legal_name) values (new.rowid, new.name_key, ${legalName("new")});
  end`.execute(db);
  await sql`create trigger vendors_fts_delete after delete on vendors begin
    delete from vendors_fts where rowid = old.rowid;
  end`.execute(db);
  await sql`create trigger vendors_fts_update after update of name_key, legal_name on vendors begin
    delete from vendors_fts where rowid = old.rowid;
    insert into vendors_fts(rowid, name_key, legal_name) values (new.rowid, new.name_key, ${legalName("new")});
  end`.execute(db);
  await sql`insert into vendors_fts(rowid, name_key, legal_name)
    select rowid, name_key, ${sql.raw(foldedInSql("legal_name"))} from vendors`.execute(db);

  // `/vendors?residual=x` pages in name order; without this it walks the whole name index filtering on rating.
  await db.schema
    .createIndex("vendors_residual_name")
    .on("vendors")
    .columns(["residual_rating", "name_key", "id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see recomputeNameKeys
export async function down(db: Kysely<any>): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute(down);
  await db.schema.dropIndex("vendors_residual_name").execute();
  await dropSearchTable(db);
  await recomputeNameKeys(db, previousNameKey);
  // Migration 0002's search table and triggers, as they were.
  await sql`create virtual table vendors_fts using fts5(name, legal_name, content='vendors', content_rowid='rowid', tokenize='trigram')`.execute(
    db,
  );
  await sql`create trigger vendors_fts_insert after insert on vendors begin
    insert into vendors_fts(rowid, name, legal_name) values (new.rowid, new.name, coalesce(new.legal_name, ''));
  end`.execute(db);
  await sql`create trigger vendors_fts_delete after delete on vendors begin
    insert into vendors_fts(vendors_fts, rowid, name, legal_name) values ('delete', old.rowid, old.name, coalesce(old.legal_name, ''));
  end`.execute(db);
  await sql`create trigger vendors_fts_update after update of name, legal_name on vendors begin
    insert into vendors_fts(vendors_fts, rowid, name, legal_name) values ('delete', old.rowid, old.name, coalesce(old.legal_name, ''));
    insert into vendors_fts(rowid, name, legal_name) values (new.rowid, new.name, coalesce(new.legal_name, ''));
  end`.execute(db);
  await sql`insert into vendors_fts(vendors_fts) values ('rebuild')`.execute(db);
}
