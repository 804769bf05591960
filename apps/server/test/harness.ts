import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildDeps } from "../src/app/bootstrap";
import { loadConfig, type Config } from "../src/app/config";
import { createApp } from "../src/app/create-app";
import type { AppDeps } from "../src/platform/deps";
import { createLogger } from "../src/platform/logger";
import { ApiClient } from "./client";
import { cloneTestDatabase } from "./database";
import { startTestS3, testStorageKind, type TestS3 } from "./s3";

export interface TestServer {
  url: string;
  deps: AppDeps;
  config: Config;
  /** The local S3 server holding the uploads, when the suite runs with S3 storage. */
  s3: TestS3 | undefined;
  /** A new client with its own cookie jar (a new browser). */
  client(): ApiClient;
  close(): Promise<void>;
}

/** Cheap argon2 for tests; the production cost is asserted separately. */
export const TEST_ARGON2 = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

/** Boots the real app on a fresh database, listening on a random local port (real HTTP). */
export async function startTestServer(
  overrides: (config: Config) => void = () => undefined,
): Promise<TestServer> {
  const config = loadConfig({
    ATELIER_TEST_MODE: "1",
    ATELIER_SEED_DEMO: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
  });
  config.auth.argon2 = TEST_ARGON2;
  // Each server keeps its uploads in its own fresh directory, removed on close.
  const dataDir = await mkdtemp(path.join(tmpdir(), "atelier-test-"));
  config.dataDir = dataDir;
  // ATELIER_TEST_STORAGE=s3: uploads go to a local S3 server of this server's own.
  const s3 = testStorageKind() === "s3" ? await startTestS3() : undefined;
  if (s3) config.storage.s3 = s3.location;
  overrides(config);
  const db = await cloneTestDatabase();
  const deps = buildDeps(config, db, createLogger(config.logLevel));
  const app = await createApp(deps);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    deps,
    config,
    s3,
    client: () => new ApiClient(url),
    async close() {
      await deps.jobs.stop();
      await app.close();
      await db.close();
      await s3?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
