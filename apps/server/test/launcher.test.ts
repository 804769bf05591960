import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `npm start` (root package.json → scripts/start.mjs → the server) stops as a whole: a signal to the
 * npm process frees the port and the data-dir lock within 10 seconds, and a new server starts on the
 * same data directory. The web build is skipped (`--skip-build`); everything else is `npm start`.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const STOP_WITHIN_MS = 10_000;

let dataDir: string;
const started: ChildProcess[] = [];

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function npmStart(port: number): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    ATELIER_DATA_DIR: dataDir,
    ATELIER_SEED_DEMO: "0",
    LOG_LEVEL: "warn",
  };
  // The data-dir lock is PGlite's: this runs on PGlite whatever the suite's database.
  delete env.DATABASE_URL;
  delete env.ATELIER_TEST_MODE;
  const npm = spawn("npm", ["start", "--", "--skip-build"], { cwd: root, env, stdio: "pipe" });
  started.push(npm);
  let output = "";
  npm.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  npm.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (npm.exitCode !== null) throw new Error(`npm start exited ${npm.exitCode}:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return npm;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) throw new Error(`npm start did not become healthy:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Sends `signal` to the npm process; resolves with how long until the port and lock were released. */
async function stopAndWait(npm: ChildProcess, port: number, signal: NodeJS.Signals): Promise<number> {
  const lock = path.join(dataDir, "atelier.lock");
  expect(existsSync(lock)).toBe(true);
  const t0 = Date.now();
  npm.kill(signal);
  while (Date.now() - t0 < STOP_WITHIN_MS) {
    if (!(await portOpen(port)) && !existsSync(lock)) return Date.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `after ${signal} the port is ${(await portOpen(port)) ? "still open" : "free"}` +
      ` and the lock ${existsSync(lock) ? "still held" : "released"}`,
  );
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "atelier-launcher-"));
});
afterAll(async () => {
  for (const npm of started) if (npm.exitCode === null) npm.kill("SIGKILL");
  await rm(dataDir, { recursive: true, force: true });
});

// The tests share one data directory: each start is also the proof that the previous stop released it.
describe("npm start", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`stops the server within 10 s of ${signal} to npm`, async () => {
      const port = await freePort();
      const npm = await npmStart(port);
      const took = await stopAndWait(npm, port, signal);
      expect(took).toBeLessThan(STOP_WITHIN_MS);
    }, 120_000);
  }

  it("stops the server when npm is killed outright (no signal reaches its children)", async () => {
    const port = await freePort();
    const npm = await npmStart(port);
    const took = await stopAndWait(npm, port, "SIGKILL");
    expect(took).toBeLessThan(STOP_WITHIN_MS);
    // And a server starts again on the same data directory and port.
    await stopAndWait(await npmStart(port), port, "SIGTERM");
  }, 180_000);
});
