import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Db } from "./client";

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));

export interface MigrationResult {
  applied: string[];
}

/** A migration file that changed after it was applied: the database and the code disagree. */
export class MigrationChecksumError extends Error {
  constructor(readonly files: string[]) {
    super(
      `Migration${files.length > 1 ? "s" : ""} ${files.join(", ")} changed after ${files.length > 1 ? "they were" : "it was"} applied ` +
        "to this database. Migrations are append-only: restore the original file and put the change in a new migration.",
    );
    this.name = "MigrationChecksumError";
  }
}

/** SHA-256 of a migration's text, with line endings normalised so a checkout on Windows agrees. */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
}

/**
 * Applies the numbered SQL files of `migrations/` that have not run yet, in one transaction, and
 * checks that every applied file is unchanged (its checksum is recorded when it runs; databases
 * migrated before checksums existed record the current text once). A changed file refuses to start.
 * On PostgreSQL an advisory lock keeps two starting servers from migrating at once.
 */
export async function migrate(db: Db, dir: string = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}-.+\.sql$/.test(f)).sort();
  const texts = new Map(
    await Promise.all(files.map(async (f) => [f, await readFile(dir + f, "utf8")] as const)),
  );
  await db.query(
    "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
  );
  await db.query("ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text");
  return db.transaction(async (tx) => {
    if (db.kind === "postgres") await tx.query("SELECT pg_advisory_xact_lock(7243001)");
    const rows = await tx.query<{ name: string; checksum: string | null }>(
      "SELECT name, checksum FROM schema_migrations",
    );
    const changed = rows
      .filter((r) => r.checksum !== null && texts.has(r.name))
      .filter((r) => r.checksum !== migrationChecksum(texts.get(r.name) ?? ""))
      .map((r) => r.name);
    if (changed.length > 0) throw new MigrationChecksumError(changed);
    for (const r of rows) {
      const text = texts.get(r.name);
      if (r.checksum === null && text !== undefined) {
        await tx.query("UPDATE schema_migrations SET checksum = $2 WHERE name = $1", [
          r.name,
          migrationChecksum(text),
        ]);
      }
    }
    const done = new Set(rows.map((r) => r.name));
    const applied: string[] = [];
    for (const [file, sql] of texts) {
      if (done.has(file)) continue;
      await tx.exec(sql);
      await tx.query("INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", [
        file,
        migrationChecksum(sql),
      ]);
      applied.push(file);
    }
    return { applied };
  });
}

/** The migration files this build carries (readiness: every one must be applied). */
export async function migrationFiles(dir: string = MIGRATIONS_DIR): Promise<string[]> {
  return (await readdir(dir)).filter((f) => /^\d{4}-.+\.sql$/.test(f)).sort();
}
