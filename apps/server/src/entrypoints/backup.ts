import path from "node:path";
import { parseArgs } from "node:util";
import { backup, restore, RestoreError } from "../app/backup";
import { loadConfig } from "../app/config";
import { systemClock } from "../platform/clock";
import { DataDirLockedError } from "../platform/data-dir-lock";
import { progress } from "../platform/progress";

const USAGE = `Usage:
  npm run backup [-- --out FILE]            archive the embedded database and the uploaded files
  npm run restore -- FILE [--data-dir DIR]  unpack an archive into a new, empty data directory

Both work on ATELIER_DATA_DIR (or --data-dir) with the server stopped. With DATABASE_URL
(PostgreSQL) or ATELIER_STORAGE_URL (S3) use pg_dump and the store's own copies instead:
see docs/operations.md, "Backups".
`;

/** npm runs workspace scripts in apps/server; paths on the command line are the caller's. */
const fromCaller = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      "data-dir": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help || (command !== "backup" && command !== "restore")) {
    process.stdout.write(USAGE);
    process.exit(values.help ? 0 : 1);
  }
  const config = loadConfig();
  const dataDir = values["data-dir"] ? fromCaller(values["data-dir"]) : config.dataDir;
  const bar = (label: string, total: number) => progress(label, total);

  if (command === "backup") {
    if (config.databaseUrl) {
      throw new RestoreError(
        "DATABASE_URL is set: back PostgreSQL up with pg_dump (docs/operations.md, Backups).",
      );
    }
    const stamp = systemClock.now().toISOString().replace(/[:.]/g, "-");
    const out = values.out ? fromCaller(values.out) : fromCaller(`atelier-backup-${stamp}.tar.gz`);
    const manifest = await backup(dataDir, out, bar);
    if (config.storage.s3) {
      process.stdout.write("note: uploads live in S3 (ATELIER_STORAGE_URL); back the bucket up separately\n");
    }
    process.stdout.write(
      `backup written to ${out}\n${JSON.stringify(manifest.counts)} ${manifest.blobs} files\n`,
    );
  } else {
    const archive = positionals[0];
    if (!archive) {
      process.stdout.write(USAGE);
      process.exit(1);
    }
    const manifest = await restore(fromCaller(archive), dataDir, bar);
    process.stdout.write(
      `restored the backup of ${manifest.createdAt} into ${dataDir}\n` +
        `${JSON.stringify(manifest.counts)} ${manifest.blobs} files\n`,
    );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof DataDirLockedError || error instanceof RestoreError) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
