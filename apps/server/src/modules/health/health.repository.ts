import type { Queryable } from "../../db/client";

/** Read-only figures for readiness and /metrics; no module's rows are written here. */
export function createHealthRepository(db: Queryable) {
  return {
    async ping(): Promise<void> {
      await db.query("SELECT 1");
    },
    async appliedMigrations(): Promise<Set<string>> {
      const rows = await db.query<{ name: string }>("SELECT name FROM schema_migrations");
      return new Set(rows.map((r) => r.name));
    },
    /** Jobs due and not yet done, by kind, with the age of the oldest one due. */
    async jobQueue(now: Date): Promise<Array<{ kind: string; depth: number; oldestSeconds: number }>> {
      const rows = await db.query<{ kind: string; depth: string; oldest: Date | string }>(
        `SELECT kind, count(*) AS depth, min(run_at) AS oldest FROM scheduled_jobs
          WHERE done_at IS NULL AND dead_at IS NULL AND run_at <= $1 GROUP BY kind`,
        [now],
      );
      return rows.map((r) => ({
        kind: r.kind,
        depth: Number(r.depth),
        oldestSeconds: Math.max(0, (now.getTime() - new Date(r.oldest).getTime()) / 1000),
      }));
    },
    async ordersPlaced(): Promise<number> {
      const rows = await db.query<{ n: string }>("SELECT count(*) AS n FROM orders");
      return Number(rows[0]?.n ?? 0);
    },
    async searchDocuments(): Promise<boolean> {
      await db.query("SELECT 1 FROM search_documents LIMIT 1");
      return true;
    },
  };
}
