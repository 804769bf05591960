import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import type { Db } from "../src/db/client";
import { openPglite } from "../src/db/pglite";
import { postgresDb } from "../src/db/postgres";

/**
 * A fresh migrated database for one test file: a clone of the template built in global setup,
 * on PGlite by default or on the PostgreSQL server when DATABASE_URL is set.
 */
export async function cloneTestDatabase(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  const pgTemplate = inject("postgresTemplate");
  if (url && pgTemplate) {
    const name = `atelier_t_${randomBytes(6).toString("hex")}`;
    const admin = postgresDb(url, 1);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${pgTemplate}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const db = postgresDb(target.toString(), 10);
    return {
      ...db,
      async close() {
        await db.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
        await admin.close();
      },
    };
  }
  const tarball = await readFile(inject("pgliteTemplate"));
  return openPglite({ loadDataDir: new Blob([tarball]) });
}
