import { parseArgs } from "node:util";
import { buildDeps } from "../app/bootstrap";
import { loadConfig } from "../app/config";
import { migrate } from "../db/migrate";
import { openDatabase } from "../db/open";
import { DataDirLockedError } from "../platform/data-dir-lock";
import { isEmptyMarketplace, seedDemo } from "../seed/demo";
import { ensureReferenceData } from "../seed/reference";

const USAGE = `Usage: atelier <command>

Commands:
  migrate            apply pending database migrations
  seed [--force]     load the demo marketplace (only into an empty one unless --force)
`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const config = loadConfig();
  if (command !== "migrate" && command !== "seed") {
    process.stdout.write(USAGE);
    process.exit(command ? 1 : 0);
  }
  const { values } = parseArgs({ args: rest, options: { force: { type: "boolean", default: false } } });
  const db = await openDatabase(config);
  try {
    const { applied } = await migrate(db);
    process.stdout.write(applied.length ? `applied ${applied.join(", ")}\n` : "database is up to date\n");
    if (command === "seed") {
      await ensureReferenceData(db);
      const deps = buildDeps(config, db);
      if (!values.force && !(await isEmptyMarketplace(db))) {
        process.stdout.write("the marketplace already has data; use --force to add the demo data anyway\n");
      } else {
        await seedDemo(deps);
        process.stdout.write("demo data loaded\n");
      }
    }
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    error instanceof DataDirLockedError ? `${error.message}\n` : `failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
