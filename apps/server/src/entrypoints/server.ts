import { boot } from "../app/bootstrap";
import { loadConfig } from "../app/config";
import { DAY } from "../platform/clock";
import { DataDirLockedError } from "../platform/data-dir-lock";
import { MigrationChecksumError } from "../db/migrate";

async function main() {
  const config = loadConfig();
  const running = await boot(config);
  const { app, deps } = running;
  const now = deps.clock.now();
  const { jobs, db } = deps;
  await jobs.ensureRecurring(db, "platform.purge_idempotency_keys", { runAt: now, payload: {} }, now);
  await jobs.ensureRecurring(db, "payments.reconcile", { runAt: now, payload: {} }, now);
  const tomorrow = new Date(now.getTime() + DAY * 1000);
  await jobs.ensureRecurring(db, "reputation.evaluate_levels", { runAt: tomorrow, payload: {} }, now);
  deps.jobs.start();
  await app.listen({ port: config.port, host: config.host });
  const where = `http://${config.host}:${config.port}`;
  deps.log.info(
    `Atelier is running at ${where} (database: ${deps.db.kind}${config.testMode ? ", test mode" : ""})`,
  );
  if (process.stdout.isTTY) process.stdout.write(`\n  Atelier is running: ${where}\n\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    deps.log.info({ signal }, "shutting down");
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError || error instanceof MigrationChecksumError) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(
      `Atelier failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
