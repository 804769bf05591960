import { parseArgs } from "node:util";
import { SignupBodySchema } from "@atelier/contracts";
import { grantAdmin, signup } from "../modules/identity/identity.usecases";
import { buildDeps } from "../app/bootstrap";
import { ConfigError, loadConfig, type Config } from "../app/config";
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
  admin create --email E [--username U]
                     create an administrator (the first one of a production install); the password
                     is read from ATELIER_ADMIN_PASSWORD, else asked for on the terminal
`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const config = loadConfig();
  if (command === "admin") return adminCommand(config, rest);
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

/** Reads a line from the terminal without echoing it (a password). */
async function askHidden(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    throw new Error("no terminal to ask for the password: set ATELIER_ADMIN_PASSWORD");
  }
  process.stdout.write(question);
  input.setRawMode(true);
  input.resume();
  input.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let line = "";
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          input.setRawMode(false);
          input.pause();
          input.off("data", onData);
          process.stdout.write("\n");
          resolve(line);
          return;
        }
        if (ch === "\u0003") {
          input.setRawMode(false);
          reject(new Error("cancelled"));
          return;
        }
        if (ch === "\u007f") line = line.slice(0, -1);
        else line += ch;
      }
    };
    input.on("data", onData);
  });
}

/** `admin create --email E [--username U]`: an account with the admin role, signed up as anyone is. */
async function adminCommand(config: Config, argv: string[]) {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: "string" }, username: { type: "string" } },
  });
  if (sub !== "create" || !values.email) {
    process.stdout.write(USAGE);
    process.exit(1);
  }
  const password = process.env.ATELIER_ADMIN_PASSWORD || (await askHidden("Password for the new admin: "));
  const username =
    values.username ??
    values.email
      .split("@")[0]!
      .replace(/[^a-z0-9_]/gi, "")
      .toLowerCase();
  const body = SignupBodySchema.safeParse({ email: values.email, username, password });
  if (!body.success) {
    throw new Error(body.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "));
  }
  const db = await openDatabase(config);
  try {
    await migrate(db);
    await ensureReferenceData(db);
    const deps = buildDeps(config, db);
    const { user } = await signup(deps, { body: body.data, meta: {} });
    await grantAdmin(deps, { email: user.email });
    await deps.events.drained();
    process.stdout.write(`admin ${user.email} (@${user.username}) created\n`);
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
    error instanceof DataDirLockedError || error instanceof ConfigError
      ? `${error.message}\n`
      : `failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
