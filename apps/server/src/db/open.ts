import path from "node:path";
import type { Config } from "../app/config";
import { lockDataDir } from "../platform/data-dir-lock";
import type { Db } from "./client";

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in the data dir.
 * Only the driver in use is imported (each costs a moment at start).
 */
export async function openDatabase(config: Pick<Config, "databaseUrl" | "dataDir">): Promise<Db> {
  if (config.databaseUrl) {
    const { postgresDb } = await import("./postgres");
    return postgresDb(config.databaseUrl);
  }
  const release = lockDataDir(config.dataDir);
  try {
    const { openPglite } = await import("./pglite");
    const db = await openPglite({ dataDir: path.join(config.dataDir, "pglite") });
    return {
      ...db,
      close: async () => {
        await db.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
