import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import * as tar from "tar";
import { openPglite } from "../db/pglite";
import { lockDataDir } from "../platform/data-dir-lock";
import { silentProgress, type Progress } from "../platform/progress";
import { systemClock } from "../platform/clock";

/**
 * Backups of a single-machine installation: the embedded database (PGlite) and the uploaded files
 * (local disk), together in one gzip-compressed tar archive with a manifest. The server must be
 * stopped: the data-directory lock is taken for the whole run, so a running server makes the backup
 * refuse rather than copy a database that is being written. PostgreSQL and S3 installations use
 * their own tools (pg_dump, bucket versioning or replication): see docs/operations.md, "Backups".
 */

export const BACKUP_FORMAT = "atelier-backup";
export const BACKUP_VERSION = 1;
const MANIFEST = "atelier-backup.json";
/** What an archive carries, relative to the data directory. */
const PARTS = ["pglite", "files"] as const;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** Row counts at backup time; restore checks the restored database against them. */
  counts: Record<string, number>;
  /** Number of stored blobs (originals and variants). */
  blobs: number;
}

/** Tables whose row counts the manifest records (the things a restore must not lose). */
const COUNTED = ["users", "orders", "files", "ledger_transactions", "ledger_postings", "messages"];

export type ProgressFactory = (label: string, total: number) => Progress;

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

async function countBlobs(filesDir: string): Promise<number> {
  const entries = await readdir(filesDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && !path.relative(filesDir, e.parentPath).startsWith(".tmp"))
    .length;
}

async function countRows(pgliteDir: string): Promise<Record<string, number>> {
  const db = await openPglite({ dataDir: pgliteDir });
  try {
    const counts: Record<string, number> = {};
    for (const table of COUNTED) {
      const exists = await db.query<{ ok: boolean }>("SELECT to_regclass($1) IS NOT NULL AS ok", [table]);
      if (!exists[0]?.ok) continue;
      const rows = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
      counts[table] = Number(rows[0]?.n ?? 0);
    }
    return counts;
  } finally {
    await db.close();
  }
}

/** Writes `archive` from the data directory `dataDir`. */
export async function backup(
  dataDir: string,
  archive: string,
  makeProgress: ProgressFactory = silentProgress,
): Promise<BackupManifest> {
  if (!existsSync(path.join(dataDir, "pglite"))) {
    throw new Error(`There is no embedded database in ${dataDir} (no pglite/ folder) to back up.`);
  }
  const release = lockDataDir(dataDir);
  const manifestFile = path.join(dataDir, MANIFEST);
  try {
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: systemClock.now().toISOString(),
      counts: await countRows(path.join(dataDir, "pglite")),
      blobs: await countBlobs(path.join(dataDir, "files")),
    };
    await writeFile(manifestFile, JSON.stringify(manifest, null, 2));
    const parts = PARTS.filter((p) => existsSync(path.join(dataDir, p)));
    let total = 1;
    for (const p of parts) total += await countFiles(path.join(dataDir, p));
    const bar = makeProgress("backup", total);
    await mkdir(path.dirname(path.resolve(archive)), { recursive: true });
    const partial = `${archive}.${randomBytes(4).toString("hex")}.part`;
    try {
      await tar.c(
        {
          gzip: true,
          file: partial,
          cwd: dataDir,
          portable: true,
          // Half-written uploads are not worth keeping.
          filter: (p, st) => {
            if (p.startsWith("files/.tmp")) return false;
            if ("isFile" in st && st.isFile()) bar.tick();
            return true;
          },
        },
        [MANIFEST, ...parts],
      );
      await rename(partial, archive);
    } catch (e) {
      await rm(partial, { force: true });
      throw e;
    } finally {
      bar.stop();
    }
    return manifest;
  } finally {
    await rm(manifestFile, { force: true });
    release();
  }
}

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreError";
  }
}

/**
 * Unpacks `archive` into `dataDir`, which must hold no database or files yet (a new directory, or
 * one emptied on purpose): a restore never mixes two installations. Checks the manifest and, after
 * unpacking, that the database opens and holds the counted rows and that every blob is there.
 */
export async function restore(
  archive: string,
  dataDir: string,
  makeProgress: ProgressFactory = silentProgress,
): Promise<BackupManifest> {
  if (!existsSync(archive)) throw new RestoreError(`No backup archive at ${archive}.`);
  for (const p of PARTS) {
    if (existsSync(path.join(dataDir, p))) {
      throw new RestoreError(
        `${dataDir} already holds ${p}/: restore into a new, empty data directory (or move that one away).`,
      );
    }
  }
  const release = lockDataDir(dataDir);
  const staging = path.join(dataDir, `.restore-${randomBytes(4).toString("hex")}`);
  try {
    await mkdir(staging, { recursive: true });
    let entries = 0;
    await tar.t({ file: archive, onReadEntry: () => void entries++ });
    const bar = makeProgress("restore", entries);
    try {
      await tar.x({ file: archive, cwd: staging, strict: true, onReadEntry: () => bar.tick() });
    } finally {
      bar.stop();
    }
    const manifest = JSON.parse(await readFile(path.join(staging, MANIFEST), "utf8")) as BackupManifest;
    if (manifest.format !== BACKUP_FORMAT || manifest.version !== BACKUP_VERSION) {
      throw new RestoreError(`${archive} is not an Atelier backup this version can restore.`);
    }
    const counts = await countRows(path.join(staging, "pglite"));
    for (const [table, n] of Object.entries(manifest.counts)) {
      if (counts[table] !== n) {
        throw new RestoreError(`The restored ${table} has ${counts[table]} rows; the backup recorded ${n}.`);
      }
    }
    const blobs = await countBlobs(path.join(staging, "files"));
    if (blobs !== manifest.blobs) {
      throw new RestoreError(`The archive holds ${blobs} files; the backup recorded ${manifest.blobs}.`);
    }
    for (const p of PARTS) {
      if ((await stat(path.join(staging, p)).catch(() => undefined))?.isDirectory()) {
        await rename(path.join(staging, p), path.join(dataDir, p));
      }
    }
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
    release();
  }
}
