import type { Db } from "../db/client";
import type { Clock, ControllableClock } from "../platform/clock";
import type { JobRunner } from "../platform/jobs";
import type { Logger } from "../platform/logger";
import type { Metrics } from "../platform/metrics";
import type { BlobStorage } from "../platform/storage";
import type { PaymentProcessor } from "../modules/payments/payments.processor";
import type { EventBus } from "../platform/events";
import type { Config } from "./config";

/** What every module may depend on. Modules take the narrowest `Pick<>` of it they need. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  /** Present in test mode only: the clock that `POST /api/test/clock` moves. */
  testClock: ControllableClock | undefined;
  config: Config;
  log: Logger;
  jobs: JobRunner;
  /** Uploaded bytes (local disk under the data directory by default). */
  storage: BlobStorage;
  /** The card processor (the built-in sandbox unless another is configured). */
  payments: PaymentProcessor;
  /** Domain events: in-transaction subscribers, then pg_notify to every process at commit. */
  events: EventBus;
  /** Prometheus series served at `GET /metrics`. */
  metrics: Metrics;
}
