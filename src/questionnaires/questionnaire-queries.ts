import type { Db } from "../db/connection.ts";
import type { QuestionnaireVersionRow, QuestionnaireVersionsTable } from "../db/schema.ts";

/** A published version without its (possibly large) template content, for lists. */
export type QuestionnaireVersionMetaRow = Omit<QuestionnaireVersionRow, "content">;

const META_COLUMNS = [
  "id",
  "key",
  "version",
  "title",
  "description",
  "tiers",
  "question_count",
  "content_hash",
  "source",
  "source_name",
  "published_at",
  "published_by",
] as const satisfies readonly (keyof QuestionnaireVersionMetaRow)[];

/** Every published version of every questionnaire, by key and then oldest version first. */
export function listQuestionnaireVersionMeta(db: Db): Promise<QuestionnaireVersionMetaRow[]> {
  return db
    .selectFrom("questionnaire_versions")
    .select(META_COLUMNS)
    .orderBy("key")
    .orderBy("version")
    .execute();
}

/** The published versions of one questionnaire, oldest first. */
export function listVersionsOfKey(db: Db, key: string): Promise<QuestionnaireVersionMetaRow[]> {
  return db
    .selectFrom("questionnaire_versions")
    .select(META_COLUMNS)
    .where("key", "=", key)
    .orderBy("version")
    .execute();
}

/** The newest published version of a questionnaire, with its content. */
export function findLatestVersion(db: Db, key: string): Promise<QuestionnaireVersionRow | undefined> {
  return db
    .selectFrom("questionnaire_versions")
    .selectAll()
    .where("key", "=", key)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** One published version of a questionnaire, with its content. */
export function findVersion(
  db: Db,
  key: string,
  version: number,
): Promise<QuestionnaireVersionRow | undefined> {
  return db
    .selectFrom("questionnaire_versions")
    .selectAll()
    .where("key", "=", key)
    .where("version", "=", version)
    .executeTakeFirst();
}

/** A published version by its id (what assessments point at). */
export function findVersionById(db: Db, id: string): Promise<QuestionnaireVersionRow | undefined> {
  return db.selectFrom("questionnaire_versions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The version of a key that holds exactly this content, if one was ever published. */
export function findVersionByHash(
  db: Db,
  key: string,
  contentHash: string,
): Promise<QuestionnaireVersionMetaRow | undefined> {
  return db
    .selectFrom("questionnaire_versions")
    .select(META_COLUMNS)
    .where("key", "=", key)
    .where("content_hash", "=", contentHash)
    .executeTakeFirst();
}

export async function insertQuestionnaireVersion(db: Db, row: QuestionnaireVersionsTable): Promise<void> {
  await db.insertInto("questionnaire_versions").values(row).execute();
}
