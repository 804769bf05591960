import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildDeps } from "../app/bootstrap";
import { loadConfig } from "../app/config";
import { createApp } from "../app/create-app";
import { openPglite } from "../db/pglite";
import { migrate } from "../db/migrate";
import { createLogger } from "../platform/logger";

/**
 * Writes the OpenAPI document the server serves at /api/openapi.json to the file named by the first
 * argument (stdout without one): the app is built in-process on an in-memory database, not started.
 * `npm run lint:openapi` lints the result with Redocly.
 */
const out = process.argv[2];
const dataDir = await mkdtemp(path.join(tmpdir(), "atelier-openapi-"));
const config = loadConfig({
  ...process.env,
  ATELIER_SEED_DEMO: "0",
  ATELIER_TEST_MODE: "0",
  LOG_LEVEL: "silent",
});
config.dataDir = dataDir;
config.databaseUrl = undefined;
const db = await openPglite({});
try {
  await migrate(db);
  const deps = buildDeps(config, db, createLogger("silent"));
  const app = await createApp(deps);
  await app.ready();
  const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  if (out) {
    // A clean clone has no dist/ yet.
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, text);
  } else process.stdout.write(text);
} finally {
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
}
