import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/app/config";

function problems(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message;
  }
  throw new Error("the configuration was accepted");
}

describe("configuration (one schema, every error names its variable)", () => {
  it("refuses a port that is not a number", () => {
    expect(problems({ PORT: "abc" })).toMatch(/PORT: expected a whole number from 0 to 65535, got "abc"/);
  });

  it("refuses a database URL that is not a PostgreSQL URL, without echoing its password", () => {
    expect(problems({ DATABASE_URL: "garbage" })).toMatch(/DATABASE_URL: expected a postgres:\/\/… /);
    const message = problems({ DATABASE_URL: "mysql://u:secret@h/db" });
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).not.toContain("secret");
  });

  it("refuses negative durations and lists every bad variable at once", () => {
    const message = problems({ ATELIER_SESSION_IDLE_SECONDS: "-5", ATELIER_WS_HEARTBEAT_SECONDS: "1.5" });
    expect(message).toMatch(/ATELIER_SESSION_IDLE_SECONDS: expected a whole number ≥ 1, got "-5"/);
    expect(message).toMatch(/ATELIER_WS_HEARTBEAT_SECONDS/);
  });

  it("refuses unknown flag and enum values", () => {
    expect(problems({ ATELIER_SEED_DEMO: "yes please" })).toMatch(/ATELIER_SEED_DEMO: expected 1, 0/);
    expect(problems({ LOG_LEVEL: "loud" })).toMatch(/LOG_LEVEL: expected one of/);
    expect(problems({ ATELIER_SEARCH_ENGINE: "elastic" })).toMatch(/ATELIER_SEARCH_ENGINE/);
  });

  it("production: no demo data unless asked, no test mode, no development mailbox", () => {
    expect(loadConfig({ NODE_ENV: "production" }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", ATELIER_SEED_DEMO: "1" }).seedDemo).toBe(true);
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(problems({ NODE_ENV: "production", ATELIER_TEST_MODE: "1" })).toMatch(/ATELIER_TEST_MODE/);
    expect(problems({ NODE_ENV: "production", ATELIER_DEV_MAILBOX: "1" })).toMatch(/ATELIER_DEV_MAILBOX/);
    expect(loadConfig({ NODE_ENV: "production" }).notifications.devMailbox).toBe(false);
  });

  it("takes valid values", () => {
    const config = loadConfig({
      PORT: "8080",
      DATABASE_URL: "postgres://atelier@db:5432/atelier",
      ATELIER_METRICS_TOKEN: "t0ken",
      ATELIER_TRUST_PROXY: "1",
    });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe("postgres://atelier@db:5432/atelier");
    expect(config.metricsToken).toBe("t0ken");
    expect(config.trustProxy).toBe(true);
  });
});
