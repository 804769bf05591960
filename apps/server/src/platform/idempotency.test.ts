import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneTestDatabase } from "../../test/database";
import type { Db } from "../db/client";
import { ControllableClock } from "./clock";
import { AppError, paymentFailed } from "./errors";
import {
  createIdempotencyState,
  IDEMPOTENCY_LOCK_SECONDS,
  IDEMPOTENCY_TTL_SECONDS,
  purgeExpiredIdempotencyKeys,
  requestHash,
  runIdempotent,
  validateIdempotencyKey,
  type StoredResponse,
} from "./idempotency";
import { newId } from "./ids";

describe("requestHash", () => {
  it("ignores key order, at every depth, and undefined fields", () => {
    const a = requestHash("POST /api/orders", {
      gigId: "g1",
      extras: [{ id: "x", qty: 1 }],
      note: undefined,
    });
    const b = requestHash("POST /api/orders", { extras: [{ qty: 1, id: "x" }], gigId: "g1" });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it("tells different requests apart", () => {
    const base = requestHash("POST /api/orders", { gigId: "g1", qty: 1 });
    expect(requestHash("POST /api/orders", { gigId: "g1", qty: 2 })).not.toBe(base);
    expect(requestHash("POST /api/tips", { gigId: "g1", qty: 1 })).not.toBe(base);
    expect(requestHash("POST /api/orders", { gigId: "g1", qty: "1" })).not.toBe(base);
    expect(requestHash("POST /api/orders", [1, 2])).not.toBe(requestHash("POST /api/orders", [2, 1]));
  });

  it("is the same in every process whatever its locale", () => {
    // Lithuanian collation sorts "y" before "j": a locale-aware sort would change the hash.
    const params = { j: 1, y: 2, B: 3, a: 4, _: 5 };
    const module = path.join(import.meta.dirname, "idempotency.ts");
    const script = `const { requestHash } = await import(${JSON.stringify(module)});
      console.log(requestHash("POST /x", ${JSON.stringify(params)}));`;
    const hashIn = (locale: string) =>
      execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        env: { ...process.env, LC_ALL: locale, LANG: locale },
        encoding: "utf8",
      }).trim();
    const here = requestHash("POST /x", params);
    expect(hashIn("lt_LT.UTF-8")).toBe(here);
    expect(hashIn("en_US.UTF-8")).toBe(here);
  });
});

describe("validateIdempotencyKey", () => {
  it("accepts 1 to 255 characters", () => {
    expect(validateIdempotencyKey("k")).toBe("k");
    expect(validateIdempotencyKey("k".repeat(255))).toHaveLength(255);
  });

  it.each([
    { label: "a missing key", key: undefined },
    { label: "an empty key", key: "" },
    { label: "256 characters", key: "k".repeat(256) },
    { label: "a repeated header", key: ["a", "b"] },
  ])("refuses $label with 400", ({ key }) => {
    expect(() => validateIdempotencyKey(key)).toThrow(
      expect.objectContaining({ status: 400, code: "idempotency_key_required" }),
    );
  });
});

describe("runIdempotent", () => {
  let db: Db;
  let clock: ControllableClock;
  let idempotency: ReturnType<typeof createIdempotencyState>;
  beforeAll(async () => {
    db = await cloneTestDatabase();
    await db.exec("CREATE TABLE idem_effects (id text PRIMARY KEY, key text NOT NULL)");
    clock = new ControllableClock();
    idempotency = createIdempotencyState({ db, clock });
  });
  afterAll(() => db.close());

  const deps = () => ({ db, clock, state: { idempotency } });
  const effectsOf = async (key: string) =>
    (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM idem_effects WHERE key = $1", [key]))[0]!
      .n;

  /** Work that commits one effect row and its response together, as a route's use-case would. */
  function creates(key: string, status = 201) {
    const work = async (
      save: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0], r: StoredResponse) => Promise<void>,
    ) => {
      work.calls += 1;
      return db.transaction(async (tx) => {
        const id = newId("ord");
        await tx.query("INSERT INTO idem_effects (id, key) VALUES ($1, $2)", [id, key]);
        const response = { status, body: { id, call: work.calls } };
        await save(tx, response);
        return response;
      });
    };
    work.calls = 0;
    return work;
  }

  function gate() {
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  }

  const input = (
    key: string,
    params: unknown = { gigId: "gig_1", packageTier: "basic" },
    userId = "usr_a",
  ) => ({
    userId,
    key,
    methodPath: "POST /api/orders",
    params,
  });

  it("replays the first response without doing the work again", async () => {
    const work = creates("replay");
    const first = await runIdempotent(deps(), input("replay"), work);
    expect(first).toEqual({
      status: 201,
      body: { id: expect.stringMatching(/^ord_/), call: 1 },
      replayed: false,
    });
    const second = await runIdempotent(
      deps(),
      input("replay", { packageTier: "basic", gigId: "gig_1" }),
      work,
    );
    expect(second).toEqual({ status: 201, body: first.body, replayed: true });
    expect(work.calls).toBe(1);
    expect(await effectsOf("replay")).toBe(1);
  });

  it("refuses the same key with other parameters: 422", async () => {
    const work = creates("reused");
    await runIdempotent(deps(), input("reused"), work);
    await expect(
      runIdempotent(deps(), input("reused", { gigId: "gig_2", packageTier: "basic" }), work),
    ).rejects.toMatchObject({
      status: 422,
      code: "idempotency_key_reused",
    });
    await expect(
      runIdempotent(deps(), { ...input("reused"), methodPath: "POST /api/tips" }, work),
    ).rejects.toMatchObject({ status: 422, code: "idempotency_key_reused" });
    expect(work.calls).toBe(1);
  });

  it("answers 409 to a duplicate while the first is in flight, then replays", async () => {
    const g = gate();
    const inner = creates("inflight");
    const slow = runIdempotent(deps(), input("inflight"), async (save) => {
      await g.opened;
      return inner(save);
    });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the claim is committed
    await expect(runIdempotent(deps(), input("inflight"), inner)).rejects.toMatchObject({ status: 409 });
    g.open();
    const first = await slow;
    expect(await runIdempotent(deps(), input("inflight"), inner)).toEqual({ ...first, replayed: true });
    expect(inner.calls).toBe(1);
  });

  it("never runs the work twice for simultaneous duplicates", async () => {
    const work = creates("race");
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => runIdempotent(deps(), input("race"), work)),
    );
    expect(work.calls).toBe(1);
    expect(await effectsOf("race")).toBe(1);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toMatchObject({ status: 409 });
    }
  });

  it("keeps users apart: the same key from another user is a new request", async () => {
    const work = creates("shared");
    const mine = await runIdempotent(deps(), input("shared"), work);
    const theirs = await runIdempotent(deps(), input("shared", undefined, "usr_b"), work);
    expect(theirs.replayed).toBe(false);
    expect(theirs.body).not.toEqual(mine.body);
    expect(work.calls).toBe(2);
  });

  it("forgets a key after 24 hours", async () => {
    const work = creates("ttl");
    await runIdempotent(deps(), input("ttl"), work);
    clock.advance(IDEMPOTENCY_TTL_SECONDS - 60);
    expect((await runIdempotent(deps(), input("ttl"), work)).replayed).toBe(true);
    clock.advance(61);
    const fresh = await runIdempotent(deps(), input("ttl", { other: "parameters are fine now" }), work);
    expect(fresh.replayed).toBe(false);
    expect(work.calls).toBe(2);
  });

  it("stores a definite refusal (4xx) and replays it", async () => {
    let calls = 0;
    const declined = async (): Promise<StoredResponse> => {
      calls += 1;
      throw paymentFailed("card_declined", "The card was declined.");
    };
    await expect(runIdempotent(deps(), input("declined"), declined)).rejects.toBeInstanceOf(AppError);
    const replay = await runIdempotent(deps(), input("declined"), declined);
    expect(calls).toBe(1);
    expect(replay).toEqual({
      status: 402,
      body: {
        type: "/api/docs/errors#card_declined",
        title: "Payment failed",
        status: 402,
        code: "card_declined",
        detail: "The card was declined.",
      },
      replayed: true,
    });
  });

  it("frees the key after an unexpected failure so the client can retry", async () => {
    let fail = true;
    const work = creates("crash");
    const flaky = async (save: Parameters<typeof work>[0]) => {
      if (fail) throw new Error("connection reset");
      return work(save);
    };
    await expect(runIdempotent(deps(), input("crash"), flaky)).rejects.toThrow("connection reset");
    fail = false;
    const retry = await runIdempotent(deps(), input("crash"), flaky);
    expect(retry.replayed).toBe(false);
    expect(work.calls).toBe(1);
  });

  it("takes over the claim of a crashed process after a minute", async () => {
    const crashed = runIdempotent(deps(), input("stale"), () => new Promise<StoredResponse>(() => undefined));
    void crashed; // never settles, as if the process died mid-request
    await new Promise((resolve) => setTimeout(resolve, 50));
    const work = creates("stale");
    await expect(runIdempotent(deps(), input("stale"), work)).rejects.toMatchObject({ status: 409 });
    clock.advance(IDEMPOTENCY_LOCK_SECONDS - 5);
    await expect(runIdempotent(deps(), input("stale"), work)).rejects.toMatchObject({ status: 409 });
    clock.advance(10);
    const taken = await runIdempotent(deps(), input("stale"), work);
    expect(taken.replayed).toBe(false);
    expect((await runIdempotent(deps(), input("stale"), work)).replayed).toBe(true);
    expect(work.calls).toBe(1);
  });

  it("does not let a request that was only slow commit after its claim was taken over", async () => {
    const g = gate();
    const slowWork = creates("slow");
    const slow = runIdempotent(deps(), input("slow"), async (save) => {
      await g.opened;
      return slowWork(save);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    clock.advance(IDEMPOTENCY_LOCK_SECONDS + 1);
    const retryWork = creates("slow");
    const retry = await runIdempotent(deps(), input("slow"), retryWork);
    g.open(); // the first request wakes up and tries to commit
    await expect(slow).rejects.toMatchObject({ status: 409 });
    expect(await effectsOf("slow")).toBe(1);
    expect(await runIdempotent(deps(), input("slow"), retryWork)).toEqual({ ...retry, replayed: true });
  });

  it("purges expired keys", async () => {
    await runIdempotent(deps(), input("purge-me"), creates("purge-me"));
    const count = async () =>
      (
        await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'purge-me'",
        )
      )[0]!.n;
    await purgeExpiredIdempotencyKeys(db, clock.now());
    expect(await count()).toBe(1);
    await purgeExpiredIdempotencyKeys(
      db,
      new Date(clock.now().getTime() + (IDEMPOTENCY_TTL_SECONDS + 1) * 1000),
    );
    expect(await count()).toBe(0);
  });
});
