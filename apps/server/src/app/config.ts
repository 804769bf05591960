import { DEFAULT_LEVEL_RULES, type LevelRules } from "../modules/reputation/reputation.models";
import { DEFAULT_FEES, type FeeConfig } from "../modules/orders/orders.pricing";
import path from "node:path";
import { z } from "zod";
import { REPO_ROOT } from "../platform/paths";
import { searchConfig, type SearchConfig } from "../modules/search/search.config";
import { credentialsConfig, type CredentialsConfig } from "../modules/credentials/credentials.config";
import { messagingConfig, type MessagingConfig } from "../modules/messaging/messaging.config";
import { notificationsConfig, type NotificationsConfig } from "../modules/notifications/notifications.config";
import { realtimeConfig, type RealtimeConfig } from "../modules/realtime/realtime.config";
import { defaultRateLimits, type RateLimitRules } from "../platform/rate-limit";
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
  /** Trust X-Forwarded-* from the proxy in front (`ATELIER_TRUST_PROXY=1`). */
  trustProxy: boolean;
  /** When set, `GET /metrics` requires `Authorization: Bearer <token>` (`ATELIER_METRICS_TOKEN`). */
  metricsToken: string | undefined;
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
    /** Lowest zxcvbn score (0–4) a new password may have; below → 400 `weak_password`. */
    passwordMinScore: number;
    /** How long an e-mail verification link works. */
    verifyEmailSeconds: number;
    /** How long a password reset link works. */
    passwordResetSeconds: number;
    /** Admin routes answer 403 `two_factor_required` to an admin without two-factor (production default). */
    requireAdminTwoFactor: boolean;
    /** The issuer shown in authenticator apps. */
    totpIssuer: string;
    webauthn: {
      rpName: string;
      /** The relying party id (a domain); unset: the host name of the request. */
      rpId: string | undefined;
      /** Origins accepted in passkey responses; unset: the origin of the request. */
      origins: string[] | undefined;
      challengeSeconds: number;
    };
  };
  /** Request limits per route group (see platform/rate-limit.ts); generous in test mode. */
  rateLimits: RateLimitRules;
  currency: string;
  search: SearchConfig;
  credentials: CredentialsConfig;
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
    /** Prohibited services: a gig whose text (any field, see catalog.moderation.ts) contains one waits for an admin. */
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

const repoRoot = REPO_ROOT;

/** A configuration error: every line names the variable (`PORT: expected …, got "abc"`). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** An optional variable; unset or empty means its default. */
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v));

function flag() {
  return optional.transform((v, ctx) => {
    if (v === undefined) return undefined;
    const lower = v.toLowerCase();
    if (lower === "1" || lower === "true") return true;
    if (lower === "0" || lower === "false") return false;
    ctx.addIssue({ code: "custom", message: `expected 1, 0, true or false, got "${v}"` });
    return z.NEVER;
  });
}

/** A whole number within [min, max] (durations, counts and sizes are never negative). */
function whole(min: number, max = Number.MAX_SAFE_INTEGER) {
  return optional.transform((v, ctx) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
      ctx.addIssue({ code: "custom", message: `expected a whole number ${range}, got "${v}"` });
      return z.NEVER;
    }
    return n;
  });
}

function url(protocols: string[]) {
  return optional.transform((v, ctx) => {
    if (v === undefined) return undefined;
    let parsed: URL | undefined;
    try {
      parsed = new URL(v);
    } catch {
      parsed = undefined;
    }
    if (
      !parsed ||
      !protocols.includes(parsed.protocol) ||
      (parsed.protocol !== "file:" && !parsed.hostname)
    ) {
      ctx.addIssue({
        code: "custom",
        message: `expected a ${protocols.map((p) => `${p}//…`).join(" or ")} URL, got "${v.replace(/:[^:@/]*@/, ":***@")}"`,
      });
      return z.NEVER;
    }
    return v;
  });
}

function oneOf<const T extends readonly string[]>(values: T) {
  return optional.transform((v, ctx) => {
    if (v === undefined) return undefined;
    if ((values as readonly string[]).includes(v)) return v;
    ctx.addIssue({ code: "custom", message: `expected one of ${values.join(", ")}, got "${v}"` });
    return z.NEVER;
  });
}

/**
 * Every environment variable the server reads, in one schema: parsed before anything starts, and
 * each error names its variable. Unset (or empty) variables take the defaults in loadConfig.
 */
export const EnvSchema = z.object({
  NODE_ENV: optional,
  PORT: whole(0, 65535),
  HOST: optional,
  DATABASE_URL: url(["postgres:", "postgresql:"]),
  ATELIER_DATA_DIR: optional,
  ATELIER_CONTENT_DIR: optional,
  ATELIER_TEST_MODE: flag(),
  ATELIER_SEED_DEMO: flag(),
  ATELIER_TRUST_PROXY: flag(),
  ATELIER_METRICS_TOKEN: optional,
  LOG_LEVEL: oneOf(LEVELS),
  ATELIER_CURRENCY: optional.refine((v) => v === undefined || /^[A-Z]{3}$/.test(v), {
    message: "expected a three-letter ISO 4217 code such as USD",
  }),
  ATELIER_SESSION_IDLE_SECONDS: whole(1),
  ATELIER_SESSION_ABSOLUTE_SECONDS: whole(1),
  ATELIER_LOGIN_FAILURES_PER_ACCOUNT: whole(1),
  ATELIER_LOGIN_FAILURES_PER_IP: whole(1),
  ATELIER_LOGIN_WINDOW_SECONDS: whole(1),
  ATELIER_SEARCH_ENGINE: oneOf(["memory", "sql", "auto"] as const),
  ATELIER_SEARCH_SAMPLE_SIZE: whole(0),
  ATELIER_SEARCH_EXACT_COUNT_LIMIT: whole(0),
  ATELIER_SEARCH_COUNT_CACHE_SECONDS: whole(0),
  ATELIER_SEARCH_COUNT_CACHE_ENTRIES: whole(0),
  ATELIER_SEARCH_PAGE_CACHE_SECONDS: whole(0),
  ATELIER_SEARCH_PAGE_CACHE_ENTRIES: whole(0),
  ATELIER_SEARCH_LOG_BATCH_SIZE: whole(0),
  ATELIER_SEARCH_LOG_FLUSH_MS: whole(0),
  ATELIER_SEARCH_COUNTER_FLUSH_MS: whole(0),
  ATELIER_SEARCH_LOG_ROWS_PER_STATEMENT: whole(0),
  ATELIER_SEARCH_SUGGEST_MIN_USERS: whole(0),
  ATELIER_MESSAGES_PER_MINUTE: whole(1),
  ATELIER_NEW_CONVERSATIONS_PER_HOUR: whole(1),
  ATELIER_OFF_PLATFORM_REPORT_THRESHOLD: whole(1),
  SMTP_URL: url(["smtp:", "smtps:"]),
  ATELIER_MAIL_FROM: optional,
  ATELIER_PUBLIC_URL: url(["http:", "https:"]),
  ATELIER_EMAIL_MAX_ATTEMPTS: whole(1),
  ATELIER_DEV_MAILBOX: flag(),
  ATELIER_WS_HEARTBEAT_SECONDS: whole(1),
  ATELIER_WS_REAUTH_SECONDS: whole(1),
  ATELIER_WS_MAX_SOCKETS_PER_USER: whole(1),
  ATELIER_WS_ALLOWED_ORIGINS: optional,
  ATELIER_FILES_MAX_BYTES: whole(1),
  ATELIER_FILES_MAX_IMAGE_PIXELS: whole(1),
  ATELIER_FILES_PUBLIC_MAX_AGE_SECONDS: whole(0),
  ATELIER_GIG_LIMIT_NEW: whole(0),
  ATELIER_GIG_LIMIT_LEVEL_1: whole(0),
  ATELIER_GIG_LIMIT_LEVEL_2: whole(0),
  ATELIER_GIG_LIMIT_TOP_RATED: whole(0),
  ATELIER_PROHIBITED_TERMS: optional,
  ATELIER_GIG_IMAGE_MAX_BYTES: whole(1),
  ATELIER_PASSWORD_MIN_SCORE: whole(0, 4),
  ATELIER_VERIFY_EMAIL_SECONDS: whole(1),
  ATELIER_PASSWORD_RESET_SECONDS: whole(1),
  ATELIER_ADMIN_TWO_FACTOR: flag(),
  ATELIER_TOTP_ISSUER: optional,
  ATELIER_WEBAUTHN_RP_NAME: optional,
  ATELIER_WEBAUTHN_RP_ID: optional,
  ATELIER_WEBAUTHN_ORIGINS: optional,
  ATELIER_CREDENTIALS_KEY_FILE: optional,
  ATELIER_CREDENTIALS_CERT_FILE: optional,
  ATELIER_CREDENTIALS_ORGANISATION: optional,
  ATELIER_STORAGE_URL: optional,
  ATELIER_SEARCH_RELAX_BELOW: whole(0),
});

export type Env = z.output<typeof EnvSchema>;

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function parseEnv(env: NodeJS.ProcessEnv): Env {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const parsed = result.data;
  const problems: string[] = [];
  if (parsed.NODE_ENV === "production" && parsed.ATELIER_TEST_MODE) {
    problems.push(
      "ATELIER_TEST_MODE: refused when NODE_ENV=production (test mode lets anyone move the clock)",
    );
  }
  if (parsed.NODE_ENV === "production" && parsed.ATELIER_DEV_MAILBOX) {
    problems.push(
      "ATELIER_DEV_MAILBOX: refused when NODE_ENV=production (the mailbox shows every user's e-mail)",
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(env);
  const production = e.NODE_ENV === "production";
  const testMode = e.ATELIER_TEST_MODE ?? false;
  return {
    port: e.PORT ?? 3000,
    host: e.HOST ?? "127.0.0.1",
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.ATELIER_DATA_DIR ?? path.join(repoRoot, ".data")),
    testMode,
    // Production starts empty: demo accounts have published passwords (ATELIER_SEED_DEMO=1 asks for them).
    seedDemo: e.ATELIER_SEED_DEMO ?? !production,
    production,
    trustProxy: e.ATELIER_TRUST_PROXY ?? false,
    metricsToken: e.ATELIER_METRICS_TOKEN,
    version: env.npm_package_version ?? "0.1.0",
    logLevel: e.LOG_LEVEL ?? (testMode ? "warn" : "info"),
    webDistDir: path.join(repoRoot, "apps/web/dist"),
    contentDir: e.ATELIER_CONTENT_DIR ? path.resolve(e.ATELIER_CONTENT_DIR) : undefined,
    auth: {
      sessionIdleSeconds: e.ATELIER_SESSION_IDLE_SECONDS ?? 14 * 24 * 3600,
      sessionAbsoluteSeconds: e.ATELIER_SESSION_ABSOLUTE_SECONDS ?? 60 * 24 * 3600,
      loginFailuresPerAccount: e.ATELIER_LOGIN_FAILURES_PER_ACCOUNT ?? 5,
      loginFailuresPerIp: e.ATELIER_LOGIN_FAILURES_PER_IP ?? 50,
      loginWindowSeconds: e.ATELIER_LOGIN_WINDOW_SECONDS ?? 15 * 60,
      argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
      passwordMinScore: e.ATELIER_PASSWORD_MIN_SCORE ?? 3,
      verifyEmailSeconds: e.ATELIER_VERIFY_EMAIL_SECONDS ?? 48 * 3600,
      passwordResetSeconds: e.ATELIER_PASSWORD_RESET_SECONDS ?? 3600,
      requireAdminTwoFactor: e.ATELIER_ADMIN_TWO_FACTOR ?? production,
      totpIssuer: env.ATELIER_TOTP_ISSUER ?? "Atelier",
      webauthn: {
        rpName: env.ATELIER_WEBAUTHN_RP_NAME ?? "Atelier",
        rpId: env.ATELIER_WEBAUTHN_RP_ID || undefined,
        origins: env.ATELIER_WEBAUTHN_ORIGINS
          ? env.ATELIER_WEBAUTHN_ORIGINS.split(",").map((o) => o.trim().replace(/\/+$/, ""))
          : undefined,
        challengeSeconds: 300,
      },
    },
    rateLimits: defaultRateLimits(testMode),
    currency: e.ATELIER_CURRENCY ?? "USD",
    search: searchConfig(env),
    credentials: credentialsConfig(env, e.PORT ?? 3000),
    messaging: messagingConfig(env),
    notifications: notificationsConfig(env, production, testMode),
    realtime: realtimeConfig(env),
    orders: defaultOrdersConfig(),
    reviews: { windowSeconds: 14 * 24 * 3600, revealSeconds: 10 * 24 * 3600 },
    reputation: { windowDays: 60, levels: structuredClone(DEFAULT_LEVEL_RULES) },
    files: {
      maxBytes: e.ATELIER_FILES_MAX_BYTES ?? 25 * 1024 * 1024,
      maxImagePixels: e.ATELIER_FILES_MAX_IMAGE_PIXELS ?? 50_000_000,
      publicMaxAgeSeconds: e.ATELIER_FILES_PUBLIC_MAX_AGE_SECONDS ?? 3600,
    },
    // --- Uploaded files' store (scale-out) ---
    storage: {
      s3: env.ATELIER_STORAGE_URL ? parseStorageUrl(env.ATELIER_STORAGE_URL, env) : undefined,
    },
    // --- end of the store ---
    catalog: {
      activeGigLimits: {
        new: e.ATELIER_GIG_LIMIT_NEW ?? 4,
        level_1: e.ATELIER_GIG_LIMIT_LEVEL_1 ?? 10,
        level_2: e.ATELIER_GIG_LIMIT_LEVEL_2 ?? 20,
        top_rated: e.ATELIER_GIG_LIMIT_TOP_RATED ?? 30,
      },
      prohibitedTerms: e.ATELIER_PROHIBITED_TERMS
        ? e.ATELIER_PROHIBITED_TERMS.split(",")
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
      maxImageBytes: e.ATELIER_GIG_IMAGE_MAX_BYTES ?? 5 * 1024 * 1024,
    },
  };
}
