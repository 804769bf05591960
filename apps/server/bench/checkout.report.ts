/** The checkout benchmark's options, its result and the side-by-side report it prints. */
/** orders/s ÷ pgbench TPS the checkout path should reach (issue "Orders, escrow and the ledger", item 8). */
export const TARGET_RATIO = 0.3;

export interface CheckoutBenchOptions {
  databaseUrl: string;
  /** Seconds of measured load, for checkout and for pgbench alike. */
  duration: number;
  warmup: number;
  connections: number;
  buyers: number;
  sellers: number;
  gigsPerSeller: number;
  pgbenchScale: number;
  pgbenchClients: number;
  pgbenchJobs: number;
  /** Keep both databases afterwards (to look at the rows). */
  keep: boolean;
  skipPgbench: boolean;
}

export interface CheckoutBenchResult {
  checkout: {
    orders: number;
    ordersPerSecond: number;
    latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
    errors: number;
    statusCodes: Record<string, number>;
    commitsPerOrder: number;
    /** Busy CPU of the machine per order placed, in ms (load generator included). */
    cpuMsPerOrder: number | null;
    /** Share of the machine's CPU time that was busy during the load: below ~95 % it was not saturated. */
    machineBusy: number | null;
    rowsWrittenPerOrder: number;
  };
  checks: {
    /** Every 2xx named a distinct order that exists, and every other order is a request the load generator hung up on. */
    ordersMatch: boolean;
    ordersInDb: number;
    ok2xx: number;
    /** Orders whose response autocannon never read: requests in flight when it stopped (at most one per connection). */
    unanswered: number;
    /** Orders without exactly one completed Idempotency-Key naming them. */
    ordersWithoutKey: number;
    ledgerBalanced: boolean;
    strayAuthorizations: number;
  };
  pgbench: {
    tps: number;
    latencyAvgMs: number;
    cpuMsPerTransaction: number | null;
    machineBusy: number | null;
  } | null;
  ratio: number | null;
  meetsTarget: boolean | null;
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : "–";

/** The side-by-side table. */
export function formatCheckoutReport(r: CheckoutBenchResult, o: CheckoutBenchOptions): string {
  const c = r.checkout;
  const left = [
    ["orders/s", fmt(c.ordersPerSecond, 1)],
    ["orders placed", fmt(c.orders)],
    ["latency p50", `${fmt(c.latencyMs.p50, 1)} ms`],
    ["latency p95", `${fmt(c.latencyMs.p95, 1)} ms`],
    ["latency p99", `${fmt(c.latencyMs.p99, 1)} ms`],
    ["errors", fmt(c.errors)],
    ["DB commits/order", fmt(c.commitsPerOrder, 1)],
    ["rows written/order", fmt(c.rowsWrittenPerOrder, 1)],
    ["machine CPU/order", c.cpuMsPerOrder === null ? "–" : `${fmt(c.cpuMsPerOrder, 2)} ms`],
    ["machine busy", c.machineBusy === null ? "–" : `${fmt(c.machineBusy * 100, 0)} %`],
  ];
  const right = r.pgbench
    ? [
        ["TPS", fmt(r.pgbench.tps, 1)],
        ["latency average", `${fmt(r.pgbench.latencyAvgMs, 2)} ms`],
        ["scale", String(o.pgbenchScale)],
        ["clients/threads", `${o.pgbenchClients}/${o.pgbenchJobs}`],
        [
          "machine CPU/txn",
          r.pgbench.cpuMsPerTransaction === null ? "–" : `${fmt(r.pgbench.cpuMsPerTransaction, 2)} ms`,
        ],
        ["machine busy", r.pgbench.machineBusy === null ? "–" : `${fmt(r.pgbench.machineBusy * 100, 0)} %`],
      ]
    : [["(skipped)", ""]];
  const head = [
    `checkout: POST /api/orders (${o.connections} connections, ${o.duration} s)`,
    `pgbench TPC-B (-c ${o.pgbenchClients} -j ${o.pgbenchJobs} -T ${o.duration})`,
  ];
  const lw = 44;
  const cell = (pair: string[] | undefined) =>
    pair ? `${(pair[0] ?? "").padEnd(20)}${(pair[1] ?? "").padStart(14)}` : "";
  const lines = [`${head[0]!.padEnd(lw)}  │ ${head[1]}`, `${"─".repeat(lw)}──┼${"─".repeat(40)}`];
  for (let i = 0; i < Math.max(left.length, right.length); i++)
    lines.push(`${cell(left[i]).padEnd(lw)}  │ ${cell(right[i])}`);
  lines.push("");
  if (r.ratio !== null) {
    lines.push(
      `ratio orders/s ÷ pgbench TPS = ${fmt(r.ratio, 3)}×  (target ≥ ${TARGET_RATIO}×: ${r.meetsTarget ? "met" : "NOT met"})`,
    );
  }
  const txnCpu = r.pgbench?.cpuMsPerTransaction;
  if (c.cpuMsPerOrder !== null && txnCpu) {
    lines.push(
      `machine CPU: one order costs ${fmt(c.cpuMsPerOrder / txnCpu, 1)}× a TPC-B transaction ` +
        `(${fmt(c.cpuMsPerOrder, 2)} vs ${fmt(txnCpu, 2)} ms, load generators included)`,
    );
  }
  const ch = r.checks;
  lines.push(
    `checks: orders in database ${fmt(ch.ordersInDb)} = ${fmt(ch.ok2xx)} 2xx (warm-up included) + ${fmt(ch.unanswered)} in flight when ` +
      `the load stopped (${ch.ordersMatch ? "match" : "MISMATCH"}); orders without exactly one completed Idempotency-Key: ` +
      `${fmt(ch.ordersWithoutKey)}; ledger ${ch.ledgerBalanced ? "balanced" : "NOT balanced"}; ` +
      `uncaptured card authorizations: ${fmt(ch.strayAuthorizations)}`,
  );
  const codes = Object.entries(c.statusCodes)
    .map(([code, n]) => `${code}×${n}`)
    .join(", ");
  lines.push(`status codes: ${codes || "none"}`);
  return lines.join("\n");
}
