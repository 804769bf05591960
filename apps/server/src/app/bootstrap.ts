import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client";
import { migrate } from "../db/migrate";
import { openDatabase } from "../db/open";
import { ControllableClock, systemClock } from "../platform/clock";
import { EVENTS_CHANNEL, EventBus } from "../platform/events";
import { JobRunner } from "../platform/jobs";
import { createLogger, type Logger } from "../platform/logger";
import { Metrics } from "../platform/metrics";
import { createLocalStorage, type BlobStorage } from "../platform/storage";
import { createS3Storage } from "../platform/storage-s3";
import { isEmptyMarketplace, seedDemo } from "../seed/demo";
import { ensureReferenceData } from "../seed/reference";
import type { Config } from "./config";
import { createApp } from "./create-app";
import { queueAccountEmail } from "../modules/notifications/notifications.public";
import { createFileAccessRules } from "../modules/files/files.public";
import type { AppDeps } from "../platform/deps";
import { registerJobs } from "./jobs";
import { createAppState } from "./state";
import { createSandboxProcessor } from "../modules/payments/payments.processor";

export interface Running {
  app: FastifyInstance;
  deps: AppDeps;
  close(): Promise<void>;
}

/**
 * The uploads' store: an S3-compatible bucket when configured, else `<dataDir>/files` on local disk.
 * Local disk serves several processes only when they share the data directory (one machine, or a
 * shared volume): every process writes and reads the same `files/` tree.
 */
export function createStorage(config: Pick<Config, "dataDir" | "storage">): BlobStorage {
  if (config.storage.s3) return createS3Storage(config.storage.s3);
  return createLocalStorage(path.join(config.dataDir, "files"));
}

/** Wires the dependencies for a database that is open and migrated. */
export function buildDeps(config: Config, db: Db, log: Logger = createLogger(config.logLevel)): AppDeps {
  const testClock = config.testMode ? new ControllableClock() : undefined;
  const clock = testClock ?? systemClock;
  const jobs = new JobRunner(db, clock, log);
  const storage = createStorage(config);
  const payments = createSandboxProcessor({ db, clock });
  const events = new EventBus(
    async (payloads) => {
      await db.query("SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p", [EVENTS_CHANNEL, payloads]);
    },
    (e) => log.warn({ err: e }, "could not publish events"),
  );
  const accountMail = { queue: queueAccountEmail };
  const metrics = new Metrics();
  const shared = {
    db,
    clock,
    testClock,
    config,
    log,
    jobs,
    storage,
    payments,
    events,
    accountMail,
    metrics,
    fileAccess: createFileAccessRules(),
  };
  const deps: AppDeps = { ...shared, state: createAppState(shared) };
  registerJobs(deps);
  return deps;
}

/** Opens the database, migrates, seeds an empty marketplace, and builds the app (not yet listening). */
export async function boot(config: Config, options: { db?: Db; quietSeed?: boolean } = {}): Promise<Running> {
  const log = createLogger(config.logLevel);
  const started = performance.now();
  const timings: Record<string, number> = {};
  const lap = (name: string) => (timings[name] = Math.round(performance.now() - started));
  const db = options.db ?? (await openDatabase(config));
  lap("databaseOpenMs");
  try {
    const { applied } = await migrate(db);
    lap("migratedMs");
    if (applied.length > 0) log.info({ applied }, "migrations applied");
    await ensureReferenceData(db);
    const deps = buildDeps(config, db, log);
    if (config.seedDemo && (await isEmptyMarketplace(db))) {
      log.info("empty marketplace: seeding demo data");
      await seedDemo(deps, { quiet: options.quietSeed ?? false });
    }
    lap("seededMs");
    const app = await createApp(deps);
    lap("appBuiltMs");
    log.info(timings, "booted");
    return {
      app,
      deps,
      async close() {
        await deps.jobs.stop();
        await app.close();
        await deps.events.drained();
        await db.close();
      },
    };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}
