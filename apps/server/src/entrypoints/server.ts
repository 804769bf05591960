import { boot } from "../app/bootstrap";
import { loadConfig } from "../app/config";
import { scheduleJob } from "../platform/jobs";
import { DataDirLockedError } from "../platform/data-dir-lock";

async function main() {
  const config = loadConfig();
  const running = await boot(config);
  const { app, deps } = running;
  await scheduleJob(
    deps.db,
    {
      kind: "platform.purge_idempotency_keys",
      runAt: deps.clock.now(),
      dedupeKey: `purge-idempotency:${deps.clock.now().toISOString().slice(0, 10)}`,
    },
    deps.clock.now(),
  );
  await scheduleJob(
    deps.db,
    { kind: "payments.reconcile", runAt: deps.clock.now(), dedupeKey: `reconcile:${deps.clock.now().toISOString()}` },
    deps.clock.now(),
  );
  deps.jobs.start();
  await app.listen({ port: config.port, host: config.host });
  const where = `http://${config.host}:${config.port}`;
  deps.log.info(`Atelier is running at ${where} (database: ${deps.db.kind}${config.testMode ? ", test mode" : ""})`);
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
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(`Atelier failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
