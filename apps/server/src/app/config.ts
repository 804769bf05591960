import path from "node:path";

/** Configuration, read once from the environment; every product rule's number lives here. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  testMode: boolean;
  seedDemo: boolean;
  production: boolean;
  version: string;
  logLevel: string;
  /** Serve the built web app from this folder when it exists. */
  webDistDir: string;
  auth: {
    sessionIdleSeconds: number;
    sessionAbsoluteSeconds: number;
    /** Failed logins per account within the window before 429. */
    loginFailuresPerAccount: number;
    loginFailuresPerIp: number;
    loginWindowSeconds: number;
    /** argon2id cost; the defaults are OWASP's baseline. Tests may lower them. */
    argon2: { memoryCost: number; timeCost: number; parallelism: number };
  };
  currency: string;
}

const repoRoot = path.resolve(import.meta.dirname, "../../../..");

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return value === "1" || value.toLowerCase() === "true";
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`expected an integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === "production";
  const testMode = bool(env.ATELIER_TEST_MODE, false);
  if (testMode && production) {
    throw new Error("ATELIER_TEST_MODE=1 is refused when NODE_ENV=production: test mode lets anyone move the clock.");
  }
  return {
    port: int(env.PORT, 3000),
    host: env.HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.ATELIER_DATA_DIR ?? path.join(repoRoot, ".data")),
    testMode,
    seedDemo: bool(env.ATELIER_SEED_DEMO, true),
    production,
    version: env.npm_package_version ?? "0.1.0",
    logLevel: env.LOG_LEVEL ?? (testMode ? "warn" : "info"),
    webDistDir: path.join(repoRoot, "apps/web/dist"),
    auth: {
      sessionIdleSeconds: int(env.ATELIER_SESSION_IDLE_SECONDS, 14 * 24 * 3600),
      sessionAbsoluteSeconds: int(env.ATELIER_SESSION_ABSOLUTE_SECONDS, 60 * 24 * 3600),
      loginFailuresPerAccount: int(env.ATELIER_LOGIN_FAILURES_PER_ACCOUNT, 5),
      loginFailuresPerIp: int(env.ATELIER_LOGIN_FAILURES_PER_IP, 50),
      loginWindowSeconds: int(env.ATELIER_LOGIN_WINDOW_SECONDS, 15 * 60),
      argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
    },
    currency: env.ATELIER_CURRENCY ?? "USD",
  };
}
