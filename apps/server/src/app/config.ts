import { DEFAULT_LEVEL_RULES, type LevelRules } from "../modules/reputation/reputation.models";
import { DEFAULT_FEES, type FeeConfig } from "../modules/orders/orders.pricing";
import path from "node:path";
import { searchConfig, type SearchConfig } from "../modules/search/search.config";
import { messagingConfig, type MessagingConfig } from "../modules/messaging/messaging.config";
import { notificationsConfig, type NotificationsConfig } from "../modules/notifications/notifications.config";
import { realtimeConfig, type RealtimeConfig } from "../modules/realtime/realtime.config";
import { parseStorageUrl, type S3Location } from "../platform/storage-s3";

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
  /** The operator's Terms/Privacy/Help Markdown (`ATELIER_CONTENT_DIR`); unset: `<dataDir>/content`. */
  contentDir: string | undefined;
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
  search: SearchConfig;
  messaging: MessagingConfig;
  notifications: NotificationsConfig;
  realtime: RealtimeConfig;
  orders: OrdersConfig;
  reviews: { windowSeconds: number; revealSeconds: number };
  reputation: { windowDays: number; levels: LevelRules };
  files: {
    /** Largest accepted upload in bytes (413 above). */
    maxBytes: number;
    /** Images with more pixels than this are refused before decoding (decompression bombs). */
    maxImagePixels: number;
    /** How long browsers and proxies may cache publicly readable images. */
    publicMaxAgeSeconds: number;
  };
  // --- Uploaded files' store (scale-out) ---
  /** Local disk under `<dataDir>/files` unless `ATELIER_STORAGE_URL=s3://bucket?…` names an S3 store. */
  storage: { s3: S3Location | undefined };
  // --- end of the store ---
  catalog: {
    /** How many gigs a seller may have active (or waiting in review) at each level. */
    activeGigLimits: { new: number; level_1: number; level_2: number; top_rated: number };
    /** Prohibited services: a gig whose title, description or tags contain one waits for an admin. */
    prohibitedTerms: string[];
    /** Largest gallery image a gig may show, in bytes. */
    maxImageBytes: number;
  };
}

/** Order timings and fees (PRODUCT.md). Durations in seconds. */
export interface OrdersConfig {
  fees: FeeConfig;
  autoCompleteSeconds: number;
  lateCancelAfterSeconds: number;
  cancellationAutoAcceptSeconds: number;
  extensionLapseSeconds: number;
  clearingSeconds: number;
  topRatedClearingSeconds: number;
  /** After a revision request the seller has at least this long before the order counts as late. */
  revisionGraceSeconds: number;
  /** Card authorizations no order claimed within this time are voided by reconciliation. */
  authorizationTtlSeconds: number;
  maxWithdrawal: number;
  withdrawalIntervalSeconds: number;
}

export function defaultOrdersConfig(): OrdersConfig {
  const day = 24 * 3600;
  return {
    fees: { ...DEFAULT_FEES },
    autoCompleteSeconds: 3 * day,
    lateCancelAfterSeconds: day,
    cancellationAutoAcceptSeconds: 2 * day,
    extensionLapseSeconds: 4 * day,
    clearingSeconds: 14 * day,
    topRatedClearingSeconds: 7 * day,
    revisionGraceSeconds: day,
    authorizationTtlSeconds: 600,
    maxWithdrawal: 500000,
    withdrawalIntervalSeconds: day,
  };
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
    throw new Error(
      "ATELIER_TEST_MODE=1 is refused when NODE_ENV=production: test mode lets anyone move the clock.",
    );
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
    contentDir: env.ATELIER_CONTENT_DIR ? path.resolve(env.ATELIER_CONTENT_DIR) : undefined,
    auth: {
      sessionIdleSeconds: int(env.ATELIER_SESSION_IDLE_SECONDS, 14 * 24 * 3600),
      sessionAbsoluteSeconds: int(env.ATELIER_SESSION_ABSOLUTE_SECONDS, 60 * 24 * 3600),
      loginFailuresPerAccount: int(env.ATELIER_LOGIN_FAILURES_PER_ACCOUNT, 5),
      loginFailuresPerIp: int(env.ATELIER_LOGIN_FAILURES_PER_IP, 50),
      loginWindowSeconds: int(env.ATELIER_LOGIN_WINDOW_SECONDS, 15 * 60),
      argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
    },
    currency: env.ATELIER_CURRENCY ?? "USD",
    search: searchConfig(env),
    messaging: messagingConfig(env),
    notifications: notificationsConfig(env, production, testMode),
    realtime: realtimeConfig(env),
    orders: defaultOrdersConfig(),
    reviews: { windowSeconds: 14 * 24 * 3600, revealSeconds: 10 * 24 * 3600 },
    reputation: { windowDays: 60, levels: structuredClone(DEFAULT_LEVEL_RULES) },
    files: {
      maxBytes: int(env.ATELIER_FILES_MAX_BYTES, 25 * 1024 * 1024),
      maxImagePixels: int(env.ATELIER_FILES_MAX_IMAGE_PIXELS, 50_000_000),
      publicMaxAgeSeconds: int(env.ATELIER_FILES_PUBLIC_MAX_AGE_SECONDS, 3600),
    },
    // --- Uploaded files' store (scale-out) ---
    storage: {
      s3: env.ATELIER_STORAGE_URL ? parseStorageUrl(env.ATELIER_STORAGE_URL, env) : undefined,
    },
    // --- end of the store ---
    catalog: {
      activeGigLimits: {
        new: int(env.ATELIER_GIG_LIMIT_NEW, 4),
        level_1: int(env.ATELIER_GIG_LIMIT_LEVEL_1, 10),
        level_2: int(env.ATELIER_GIG_LIMIT_LEVEL_2, 20),
        top_rated: int(env.ATELIER_GIG_LIMIT_TOP_RATED, 30),
      },
      prohibitedTerms: env.ATELIER_PROHIBITED_TERMS
        ? env.ATELIER_PROHIBITED_TERMS.split(",")
            .map((t) => t.trim())
            .filter((t) => t !== "")
        : [
            "fake reviews",
            "fake review",
            "essay for exam",
            "exam taker",
            "take my exam",
            "academic cheating",
            "followers bot",
            "buy followers",
            "hacking account",
            "hack account",
            "account hacking",
            "fake id",
            "fake passport",
            "adult content",
            "counterfeit",
            "stolen credit card",
          ],
      maxImageBytes: int(env.ATELIER_GIG_IMAGE_MAX_BYTES, 5 * 1024 * 1024),
    },
  };
}
