import { boot, type Running } from "../app/bootstrap";
import { ConfigError, loadConfig } from "../app/config";
import { DAY } from "../platform/clock";
import { DataDirLockedError } from "../platform/data-dir-lock";
import { MigrationChecksumError } from "../db/migrate";

/** A stop (signal, launcher gone) ends the process within this, whatever holds the close up. */
const SHUTDOWN_GRACE_MS = 7_000;

let running: Running | undefined;
let stopRequested: string | undefined;

function shutdown(reason: string) {
  if (stopRequested) return;
  stopRequested = reason;
  setTimeout(() => {
    process.stderr.write("Atelier: shutdown timed out; exiting\n");
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  // Still booting: main() closes as soon as the app exists.
  if (!running) return;
  running.deps.log.info({ reason }, "shutting down");
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}

process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGHUP", () => shutdown("SIGHUP"));
// Started with an IPC channel (scripts/start.mjs, tsx's CLI): the launcher's death closes it, and the
// server must not outlive its launcher holding the port and the data-dir lock.
if (process.connected) process.on("disconnect", () => shutdown("launcher exited"));

async function main() {
  const config = loadConfig();
  const booted = await boot(config);
  running = booted;
  if (stopRequested) {
    const reason = stopRequested;
    stopRequested = undefined;
    shutdown(reason);
    return;
  }
  const { app, deps } = booted;
  const now = deps.clock.now();
  const { jobs, db } = deps;
  await jobs.ensureRecurring(db, "platform.purge_idempotency_keys", { runAt: now, payload: {} }, now);
  await jobs.ensureRecurring(db, "payments.reconcile", { runAt: now, payload: {} }, now);
  await jobs.ensureRecurring(db, "search.aggregate_demand", { runAt: now, payload: {} }, now);
  const tomorrow = new Date(now.getTime() + DAY * 1000);
  await jobs.ensureRecurring(db, "reputation.evaluate_levels", { runAt: tomorrow, payload: {} }, now);
  deps.jobs.start();
  await app.listen({ port: config.port, host: config.host });
  const where = `http://${config.host}:${config.port}`;
  deps.log.info(
    `Atelier is running at ${where} (database: ${deps.db.kind}${config.testMode ? ", test mode" : ""})`,
  );
  if (process.stdout.isTTY) process.stdout.write(`\n  Atelier is running: ${where}\n\n`);
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof MigrationChecksumError
  ) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(
      `Atelier failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
