import { one, type Queryable } from "../../db/client";

export interface FileRow {
  id: string;
  owner_id: string;
  name: string;
  size: number;
  content_type: string;
  sha256: string;
  storage_key: string;
  width: number | null;
  height: number | null;
  created_at: Date;
}

export interface FileVariantRow {
  file_id: string;
  variant: string;
  storage_key: string;
  content_type: string;
  width: number;
  height: number;
  size: number;
}

export interface FileLinkRow {
  subject_type: string;
  subject_id: string;
}

const FILE_COLUMNS = "id, owner_id, name, size, content_type, sha256, storage_key, width, height, created_at";
const VARIANT_COLUMNS = "file_id, variant, storage_key, content_type, width, height, size";

/** The only place the files module's SQL lives. */
export function createFilesRepository(db: Queryable) {
  return {
    async insertFile(row: FileRow): Promise<void> {
      await db.query(`INSERT INTO files (${FILE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
        row.id,
        row.owner_id,
        row.name,
        row.size,
        row.content_type,
        row.sha256,
        row.storage_key,
        row.width,
        row.height,
        row.created_at,
      ]);
    },

    async insertVariant(row: FileVariantRow): Promise<void> {
      await db.query(`INSERT INTO file_variants (${VARIANT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        row.file_id,
        row.variant,
        row.storage_key,
        row.content_type,
        row.width,
        row.height,
        row.size,
      ]);
    },

    /** Points a file at other stored bytes (a content credential embedded in them). */
    async updateStoredBytes(
      id: string,
      bytes: { storage_key: string; sha256: string; size: number },
    ): Promise<void> {
      await db.query("UPDATE files SET storage_key = $2, sha256 = $3, size = $4 WHERE id = $1", [
        id,
        bytes.storage_key,
        bytes.sha256,
        bytes.size,
      ]);
    },

    findFile: (id: string) => one<FileRow>(db, `SELECT ${FILE_COLUMNS} FROM files WHERE id = $1`, [id]),

    findVariants: (fileId: string) =>
      db.query<FileVariantRow>(
        `SELECT ${VARIANT_COLUMNS} FROM file_variants WHERE file_id = $1 ORDER BY variant`,
        [fileId],
      ),

    findVariant: (fileId: string, variant: string) =>
      one<FileVariantRow>(
        db,
        `SELECT ${VARIANT_COLUMNS} FROM file_variants WHERE file_id = $1 AND variant = $2`,
        [fileId, variant],
      ),

    findLinks: (fileId: string) =>
      db.query<FileLinkRow>("SELECT subject_type, subject_id FROM file_links WHERE file_id = $1", [fileId]),

    findOwnedFiles: (ownerId: string, ids: readonly string[]) =>
      db.query<FileRow>(`SELECT ${FILE_COLUMNS} FROM files WHERE owner_id = $1 AND id = ANY($2::text[])`, [
        ownerId,
        [...ids],
      ]),

    async linkFiles(
      fileIds: readonly string[],
      subject: { type: string; id: string },
      now: Date,
    ): Promise<void> {
      await db.query(
        `INSERT INTO file_links (file_id, subject_type, subject_id, created_at)
         SELECT DISTINCT f, $2, $3, $4::timestamptz FROM unnest($1::text[]) AS f
         ON CONFLICT (file_id, subject_type, subject_id) DO NOTHING`,
        [[...fileIds], subject.type, subject.id, now],
      );
    },

    async unlinkFiles(subject: { type: string; id: string }, keepFileIds: readonly string[]): Promise<void> {
      await db.query(
        `DELETE FROM file_links
         WHERE subject_type = $1 AND subject_id = $2 AND NOT (file_id = ANY($3::text[]))`,
        [subject.type, subject.id, [...keepFileIds]],
      );
    },
  };
}

export type FilesRepository = ReturnType<typeof createFilesRepository>;
