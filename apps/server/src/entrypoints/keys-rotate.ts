import { loadConfig } from "../app/config";
import { migrate } from "../db/migrate";
import { openDatabase } from "../db/open";
import { systemClock } from "../platform/clock";
import { DataDirLockedError } from "../platform/data-dir-lock";
import { rotateKey } from "../modules/credentials/credentials.usecases";

/**
 * `npm run keys:rotate`: retires the current content-credentials key (it stays listed at
 * /api/verify/keys, so what it signed stays verifiable) and generates a new current one. With the
 * embedded database, stop the server first (it holds the data directory); with PostgreSQL the
 * running servers sign with the new key from their next delivery on.
 */
async function main() {
  const config = loadConfig();
  if (config.credentials.keyFile) {
    throw new Error(
      "An operator-supplied key is configured (ATELIER_CREDENTIALS_KEY_FILE): rotate by supplying a new key and certificate.",
    );
  }
  const db = await openDatabase(config);
  try {
    await migrate(db);
    const { retired, current } = await rotateKey({ db, clock: systemClock, config });
    process.stdout.write(`${retired ? `retired ${retired}; ` : ""}signing with ${current}\n`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof DataDirLockedError
      ? `${error.message}\n`
      : `failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
