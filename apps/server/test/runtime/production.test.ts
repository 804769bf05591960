import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { boot } from "../../src/app/bootstrap";
import { loadConfig } from "../../src/app/config";
import { openDatabase } from "../../src/db/open";
import { verifyPassword } from "../../src/platform/passwords";
import { cloneTestDatabase } from "../database";

const serverDir = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/entrypoints/cli.ts", ...args], {
    cwd: serverDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

describe("production mode", () => {
  it("starts an empty marketplace: no demo data, no demo accounts", async () => {
    const config = loadConfig({ NODE_ENV: "production", LOG_LEVEL: "silent" });
    config.dataDir = await mkdtemp(path.join(tmpdir(), "atelier-prod-"));
    dirs.push(config.dataDir);
    const running = await boot(config, { db: await cloneTestDatabase(), quietSeed: true });
    try {
      const [users] = await running.deps.db.query<{ n: string }>("SELECT count(*) AS n FROM users");
      const [gigs] = await running.deps.db.query<{ n: string }>("SELECT count(*) AS n FROM gigs");
      expect(Number(users!.n)).toBe(0);
      expect(Number(gigs!.n)).toBe(0);
      const login = await running.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "admin@atelier.local", password: "atelier-admin-2026" },
      });
      expect(login.statusCode).toBe(401);
      expect((await running.app.inject({ url: "/api/dev/mailbox" })).statusCode).toBe(404);
    } finally {
      await running.close();
    }
  }, 120_000);

  it("creates the first admin from the command line, and refuses a bad configuration", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "atelier-admin-"));
    dirs.push(dataDir);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      ATELIER_DATA_DIR: dataDir,
      ATELIER_ADMIN_PASSWORD: "correct-horse-battery",
      LOG_LEVEL: "silent",
    };
    delete env.DATABASE_URL;
    delete env.ATELIER_TEST_MODE;
    const created = await run(["admin", "create", "--email", "ops@example.com"], env);
    expect(created.output).toContain("admin ops@example.com (@ops) created");
    expect(created.code).toBe(0);

    const bad = await run(["admin", "create", "--email", "x@example.com"], { ...env, PORT: "abc" });
    expect(bad.code).toBe(1);
    expect(bad.output).toMatch(/PORT: expected a whole number/);

    const db = await openDatabase(loadConfig({ ATELIER_DATA_DIR: dataDir }));
    try {
      const rows = await db.query<{ roles: string[]; password_hash: string }>(
        "SELECT roles, password_hash FROM users WHERE email = 'ops@example.com'",
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.roles).toContain("admin");
      expect(await verifyPassword(rows[0]!.password_hash, "correct-horse-battery")).toBe(true);
    } finally {
      await db.close();
    }
  }, 240_000);
});
