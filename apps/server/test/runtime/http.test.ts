import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDeps } from "../../src/app/bootstrap";
import { loadConfig } from "../../src/app/config";
import { createApp } from "../../src/app/create-app";
import { createLogger } from "../../src/platform/logger";
import { ApiClient } from "../client";
import { cloneTestDatabase } from "../database";
import { startTestServer, TEST_ARGON2, type TestServer } from "../harness";
import { newParty, openSocket, wsUrl } from "../messaging/messaging.helpers";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((config) => {
    config.metricsToken = "scrape-me";
  });
});
afterAll(() => server.close());

describe("health", () => {
  it("answers liveness and readiness (database, migrations, search)", async () => {
    const live = await fetch(`${server.url}/api/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "ok", search: "ok", accepting: "ok" },
    });
  });
});

describe("metrics", () => {
  it("requires the bearer token when one is configured", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
  });

  it("serves the series of section 15 in Prometheus text format", async () => {
    await fetch(`${server.url}/api/categories`);
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer scrape-me" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(
      /atelier_http_request_duration_seconds_count\{method="GET",route="\/api\/categories",status_code="200"\} [1-9]/,
    );
    for (const series of [
      "atelier_db_pool_connections",
      "atelier_job_queue_depth",
      "atelier_job_queue_oldest_age_seconds",
      "atelier_orders_placed",
      "atelier_websocket_connections",
      "atelier_process_cpu_seconds_total",
    ]) {
      expect(text).toContain(`# TYPE ${series}`);
    }
  });
});

describe("request ids", () => {
  it("honours an incoming X-Request-Id and echoes it; makes one otherwise", async () => {
    const given = await fetch(`${server.url}/api/health/live`, {
      headers: { "x-request-id": "proxy-42.abc" },
    });
    expect(given.headers.get("x-request-id")).toBe("proxy-42.abc");
    const bad = await fetch(`${server.url}/api/health/live`, { headers: { "x-request-id": "no spaces <>" } });
    expect(bad.headers.get("x-request-id")).toMatch(/^req_/);
    const none = await fetch(`${server.url}/api/health/live`);
    expect(none.headers.get("x-request-id")).toMatch(/^req_/);
  });
});

describe("HTTP delivery", () => {
  it("compresses responses for clients that accept it", async () => {
    const res = await fetch(`${server.url}/api/openapi.json`, { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    // fetch decodes the gzip body (a corrupt one would throw here).
    const spec = (await res.json()) as { openapi: string };
    expect(spec.openapi).toMatch(/^3\./);
  });

  it("gives public reads an ETag and Cache-Control, and answers a revalidation with 304", async () => {
    const first = await fetch(`${server.url}/api/categories`);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const again = await fetch(`${server.url}/api/categories`, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });
});

describe("graceful shutdown", () => {
  it("finishes requests in flight, closes WebSockets (1001) and stops within 10 s", async () => {
    const config = loadConfig({ ATELIER_TEST_MODE: "1", ATELIER_SEED_DEMO: "0", LOG_LEVEL: "silent" });
    config.auth.argon2 = TEST_ARGON2;
    config.dataDir = await mkdtemp(path.join(tmpdir(), "atelier-shutdown-"));
    const db = await cloneTestDatabase();
    const deps = buildDeps(config, db, createLogger("silent"));
    const app = await createApp(deps);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    app.get("/test/slow", async () => {
      await held;
      return { done: true };
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      const party = await newParty({ url, client: () => new ApiClient(url) } as unknown as TestServer);
      const token = (await party.client.post("/api/auth/tokens", { name: "socket" })).body.token as string;
      const socket = await openSocket(wsUrl({ url }, `?token=${token}`));
      const inFlight = fetch(`${url}/test/slow`);
      await new Promise((r) => setTimeout(r, 100));

      const started = Date.now();
      const closing = app.close();
      expect(await socket.closed).toBe(1001);
      setTimeout(release, 300);
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ done: true });
      await closing;
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await deps.jobs.stop();
      await db.close();
      await rm(config.dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
