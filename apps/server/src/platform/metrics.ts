import { Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The Prometheus series of one server process (docs/operations.md lists them). Each app has its own
 * registry; modules add gauges read at scrape time (`gauge`).
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: "atelier_http_request_duration_seconds",
    help: "HTTP request duration by method, route pattern and status code.",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true)
      collectDefaultMetrics({ register: this.registry, prefix: "atelier_" });
  }

  /** A gauge (optionally with labels) whose values are read when /metrics is scraped. */
  gauge<L extends string = never>(
    name: string,
    help: string,
    read: () => Promise<Array<{ labels?: Record<L, string>; value: number }>>,
    labelNames: readonly L[] = [],
  ): void {
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { labels, value } of await read()) {
          if (labels) this.set(labels, value);
          else this.set(value);
        }
      },
    });
  }
}
