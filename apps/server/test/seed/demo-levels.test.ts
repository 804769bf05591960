import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/seed/demo";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "../../src/seed/demo-people";
import { startTestServer, type TestServer } from "../harness";

const DAY = 86_400;
let server: TestServer;
let seedMs = 0;
beforeAll(async () => {
  server = await startTestServer((c) => {
    c.auth.sessionIdleSeconds = 400 * DAY;
    c.auth.sessionAbsoluteSeconds = 400 * DAY;
  });
  const started = performance.now();
  await seedDemo(server.deps, { quiet: true });
  seedMs = performance.now() - started;
}, 600_000);
afterAll(() => server.close());

const levels = async () =>
  new Map(
    (
      await server.deps.db.query<{ username: string; seller_level: string }>(
        "SELECT username, seller_level FROM users WHERE is_seller ORDER BY username",
      )
    ).map((r) => [r.username, r.seller_level]),
  );

describe("demo reputations", { timeout: 600_000 }, () => {
  it("are backed by history: the daily evaluation keeps every demo seller's level", async () => {
    console.log(`demo seed: ${Math.round(seedMs)} ms`);
    const before = await levels();
    const count = (m: Map<string, string>, level: string) =>
      [...m.values()].filter((l) => l === level).length;
    expect(count(before, "top_rated")).toBeGreaterThan(0);
    expect(count(before, "level_2")).toBeGreaterThan(0);
    expect(count(before, "level_1")).toBeGreaterThan(0);

    // The daily evaluation, as the server schedules it, a day later.
    const now = server.deps.clock.now();
    await server.deps.jobs.ensureRecurring(
      server.deps.db,
      "reputation.evaluate_levels",
      { runAt: new Date(now.getTime() + DAY * 1000), payload: {} },
      now,
    );
    const res = await server.client().post("/api/test/clock", { advanceSeconds: DAY + 60 });
    expect(res.status).toBe(200);
    const evaluated = await server.deps.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE is_seller AND level_evaluated_at IS NOT NULL",
    );
    expect(evaluated[0]?.n).toBe(before.size);
    const after = await levels();
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(before));

    // Top Rated was approved the way an admin approves it, and the ledger behind the earnings holds.
    const unapproved = await server.deps.db.query(
      "SELECT username FROM users WHERE seller_level = 'top_rated' AND top_rated_approved_at IS NULL",
    );
    expect(unapproved).toEqual([]);
    const admin = server.client();
    expect(
      (await admin.post("/api/auth/login", { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).status,
    ).toBe(200);
    const check = await admin.get("/api/admin/ledger/check");
    expect(check.body).toMatchObject({
      balanced: true,
      negativeAccounts: [],
      unbalancedTransactions: [],
      cachedBalanceMismatches: [],
    });
  });
});
