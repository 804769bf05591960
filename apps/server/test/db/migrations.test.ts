import { cp, mkdtemp, readdir, rm, writeFile, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { MigrationChecksumError, migrate, migrationChecksum } from "../../src/db/migrate";
import { cloneTestDatabase } from "../database";

const SOURCE = fileURLToPath(new URL("../../src/db/migrations/", import.meta.url));

describe("migrations are append-only", () => {
  let db: Db;
  let dir: string;

  beforeAll(async () => {
    db = await cloneTestDatabase();
    dir = (await mkdtemp(path.join(tmpdir(), "atelier-migrations-"))) + "/";
    await cp(SOURCE, dir, { recursive: true });
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("records a checksum for every applied migration", async () => {
    await migrate(db, dir);
    const rows = await db.query<{ name: string; checksum: string | null }>(
      "SELECT name, checksum FROM schema_migrations ORDER BY name",
    );
    const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
    expect(rows.map((r) => r.name)).toEqual(files);
    expect(rows.every((r) => r.checksum !== null && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
  });

  it("applies a new migration and records its checksum", async () => {
    const sql = "CREATE TABLE migration_probe (id int PRIMARY KEY);\n";
    await writeFile(dir + "9999-probe.sql", sql);
    const { applied } = await migrate(db, dir);
    expect(applied).toEqual(["9999-probe.sql"]);
    const [row] = await db.query<{ checksum: string }>(
      "SELECT checksum FROM schema_migrations WHERE name = '9999-probe.sql'",
    );
    expect(row?.checksum).toBe(migrationChecksum(sql));
  });

  it("refuses to start when an applied migration was edited, naming the file", async () => {
    await appendFile(dir + "9999-probe.sql", "ALTER TABLE migration_probe ADD COLUMN x int;\n");
    const failure = await migrate(db, dir).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MigrationChecksumError);
    expect((failure as Error).message).toContain("9999-probe.sql");
    const columns = await db.query(
      "SELECT 1 FROM information_schema.columns WHERE table_name = 'migration_probe' AND column_name = 'x'",
    );
    expect(columns).toHaveLength(0);
  });
});
