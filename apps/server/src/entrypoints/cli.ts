import { parseArgs } from "node:util";
import { buildDeps } from "../app/bootstrap";
import { loadConfig, type Config } from "../app/config";
import type { Db } from "../db/client";
import { migrate } from "../db/migrate";
import { openDatabase } from "../db/open";
import { systemClock } from "../platform/clock";
import { DataDirLockedError } from "../platform/data-dir-lock";
import { rebuildSearchIndex } from "../modules/search/search.indexer";
import { progress } from "../platform/progress";
import { seedCorpus } from "../seed/corpus";
import { isEmptyMarketplace, seedDemo } from "../seed/demo";
import { ensureReferenceData } from "../seed/reference";

const USAGE = `Usage: atelier <command>

Commands:
  migrate            apply pending database migrations
  seed [--force]     load the demo marketplace (only into an empty one unless --force)
  seed --gigs N      add N generated gigs (with their sellers) and rebuild the search index
`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const config = loadConfig();
  if (command !== "migrate" && command !== "seed") {
    process.stdout.write(USAGE);
    process.exit(command ? 1 : 0);
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      force: { type: "boolean", default: false },
      gigs: { type: "string" },
      seed: { type: "string" },
    },
  });
  const db = await openDatabase(config);
  try {
    const { applied } = await migrate(db);
    process.stdout.write(applied.length ? `applied ${applied.join(", ")}\n` : "database is up to date\n");
    if (command === "seed" && values.gigs !== undefined) {
      const gigs = Number(values.gigs);
      if (!Number.isInteger(gigs) || gigs < 1) throw new Error("--gigs needs a positive whole number");
      await ensureReferenceData(db);
      await seedGeneratedCorpus(
        config,
        db,
        gigs,
        values.seed === undefined ? undefined : Number(values.seed),
      );
    } else if (command === "seed") {
      await ensureReferenceData(db);
      const deps = buildDeps(config, db);
      if (!values.force && !(await isEmptyMarketplace(db))) {
        process.stdout.write("the marketplace already has data; use --force to add the demo data anyway\n");
      } else {
        await seedDemo(deps);
        await deps.events.drained();
        process.stdout.write("demo data loaded\n");
      }
    }
  } finally {
    await db.close();
  }
}

/** `seed --gigs N`: the corpus generator, then a bulk rebuild of the search index. */
async function seedGeneratedCorpus(config: Config, db: Db, gigs: number, seed: number | undefined) {
  const started = performance.now();
  const bar = progress("generating gigs", gigs);
  let made: { gigs: number; sellers: number };
  try {
    made = await seedCorpus(db, {
      gigs,
      ...(seed === undefined ? {} : { seed }),
      now: systemClock.now(),
      currency: config.currency,
      argon2: config.auth.argon2,
      progress: bar,
    });
  } finally {
    bar.stop();
  }
  const loaded = performance.now();
  const { documents } = await rebuildSearchIndex(db, { sampleSize: config.search.sampleSize, progress });
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  process.stdout.write(
    `added ${made.gigs} gigs from ${made.sellers} sellers in ${seconds(loaded - started)} s; ` +
      `indexed ${documents} searchable gigs in ${seconds(performance.now() - loaded)} s\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    error instanceof DataDirLockedError
      ? `${error.message}\n`
      : `failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
