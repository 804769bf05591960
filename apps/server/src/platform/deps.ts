import type { Db } from "../db/client";
import type { Clock, ControllableClock } from "./clock";
import type { JobRunner } from "./jobs";
import type { Logger } from "./logger";
import type { Metrics } from "./metrics";
import type { BlobStorage } from "./storage";
import type { PaymentProcessor } from "./payments";
import type { EventBus } from "./events";
import type { Queryable } from "../db/client";
import type { FileAccessRules } from "./file-access";
// The configuration is composed of every module's settings in the composition root; the deps type only
// names it (type-only), so a module reads its own settings without importing `app/`.
import type { Config, OrdersConfig } from "../app/config";

export type { Config, OrdersConfig };

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
  /**
   * Queues a transactional e-mail (verification, reset, security notices) in the caller's
   * transaction, whatever the person's preferences. Implemented by notifications and wired in the
   * composition root, so identity (below notifications) can send mail without importing it.
   */
  accountMail: AccountMail;
  /** Prometheus series served at `GET /metrics`. */
  metrics: Metrics;
  /**
   * Who may read a linked file, per subject type: this app's registry (implemented by files, built
   * in the composition root). Modules register their rules from their routes factories.
   */
  fileAccess: FileAccessRules;
  /**
   * Per-app state of the modules (batchers, loaders): one value per module, made once in the
   * composition root (`app/state.ts`). Each module declares its member by augmenting `AppState`
   * beside its code, so nothing is cached at module scope and two apps never share a batcher.
   */
  state: AppState;
}

/** Augmented by each module that keeps per-app state (`declare module "…/platform/deps"`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface AppState {}

export interface AccountEmail {
  userId: string;
  to: string;
  subject: string;
  text: string;
  now: Date;
}

export interface AccountMail {
  queue(tx: Queryable, email: AccountEmail): Promise<void>;
}
