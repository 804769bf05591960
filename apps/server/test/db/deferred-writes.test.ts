import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { cloneTestDatabase } from "../database";

/**
 * The database client's deferred writes and commit hooks, on PGlite and on PostgreSQL (where the
 * deferred writes are pipelined with the next query or COMMIT): the checkout's money safety rests on
 * these semantics.
 */
let db: Db;
beforeAll(async () => {
  db = await cloneTestDatabase();
  await db.exec("CREATE TABLE deferred_probe (id text PRIMARY KEY, n integer NOT NULL DEFAULT 0)");
});
afterAll(() => db.close());

const ids = async () =>
  (await db.query<{ id: string }>("SELECT id FROM deferred_probe ORDER BY id")).map((r) => r.id);

class ExpectedError extends Error {}

describe("deferred writes", () => {
  it("take effect, in order, before the transaction's next query reads", async () => {
    const seen = await db.transaction(async (tx) => {
      await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["a1"]);
      await tx.defer("UPDATE deferred_probe SET n = n + 5 WHERE id = $1", ["a1"]);
      return tx.query<{ n: number }>("SELECT n FROM deferred_probe WHERE id = $1", ["a1"]);
    });
    expect(seen).toEqual([{ n: 5 }]);
    expect(await ids()).toContain("a1");
  });

  it("commit with the transaction when nothing is read after them", async () => {
    await db.transaction(async (tx) => {
      await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["b1"]);
      await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["b2"]);
    });
    expect(await ids()).toEqual(expect.arrayContaining(["b1", "b2"]));
  });

  it("roll the whole transaction back when one of them fails, whatever was sent after it", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO deferred_probe (id) VALUES ($1)", ["c1"]);
        await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["c2"]);
        await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["c2"]); // duplicate key
        await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["c3"]);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect((await ids()).filter((id) => id.startsWith("c"))).toEqual([]);
  });

  it("fail with the caller's error, and roll back, when the rows written are not the expected count", async () => {
    await db.query("INSERT INTO deferred_probe (id) VALUES ($1)", ["d1"]);
    await expect(
      db.transaction(async (tx) => {
        await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["d2"]);
        await tx.defer("UPDATE deferred_probe SET n = 1 WHERE id = $1", ["no such row"], {
          rows: 1,
          orElse: () => new ExpectedError("nothing to update"),
        });
        await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["d3"]);
      }),
    ).rejects.toBeInstanceOf(ExpectedError);
    expect((await ids()).filter((id) => id.startsWith("d"))).toEqual(["d1"]);

    await db.transaction(async (tx) => {
      await tx.defer("UPDATE deferred_probe SET n = 7 WHERE id = $1", ["d1"], {
        rows: 1,
        orElse: () => new ExpectedError("nothing to update"),
      });
    });
    expect(await db.query("SELECT n FROM deferred_probe WHERE id = 'd1'")).toEqual([{ n: 7 }]);
  });

  it("fail with the caller's mapped error when the database refuses them", async () => {
    await db.query("INSERT INTO deferred_probe (id) VALUES ($1)", ["m1"]);
    await expect(
      db.transaction(async (tx) => {
        await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["m2"]);
        await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["m1"], {
          mapError: () => new ExpectedError("already there"),
        });
        await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["m3"]);
      }),
    ).rejects.toThrow(ExpectedError);
    expect((await ids()).filter((id) => id.startsWith("m"))).toEqual(["m1"]);
  });

  it("a query nobody awaits before the COMMIT: its failure fails the transaction, with its own error", async () => {
    await db.query("INSERT INTO deferred_probe (id) VALUES ($1)", ["u1"]);
    let answered: unknown;
    await expect(
      db.transaction(async (tx) => {
        await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["u2"]);
        // Not awaited: its answer comes with the COMMIT's; nothing is sent after it.
        tx.query("INSERT INTO deferred_probe (id) VALUES ($1) RETURNING id", ["u1"]).catch((e: unknown) => {
          answered = e;
        });
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(String(answered)).toMatch(/duplicate key/);
    expect((await ids()).filter((id) => id.startsWith("u"))).toEqual(["u1"]);
  });

  it("a query nobody awaits before the COMMIT: the writes after it report its error, not their own", async () => {
    await db.query("INSERT INTO deferred_probe (id) VALUES ($1)", ["v1"]);
    await expect(
      db.transaction(async (tx) => {
        tx.query("INSERT INTO deferred_probe (id) VALUES ($1)", ["v1"]).catch(() => undefined);
        await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["v2"], {
          rows: 1,
          orElse: () => new ExpectedError("not this one"),
        });
      }),
    ).rejects.toThrow(/duplicate key/);
    expect((await ids()).filter((id) => id.startsWith("v"))).toEqual(["v1"]);
  });

  it("a query nobody awaits before the COMMIT: its answer is there once the transaction has committed", async () => {
    let pending: Promise<{ id: string }[]> | undefined;
    await db.transaction(async (tx) => {
      await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["w1"]);
      pending = tx.query<{ id: string }>("INSERT INTO deferred_probe (id) VALUES ($1) RETURNING id", ["w2"]);
    });
    expect(await pending).toEqual([{ id: "w2" }]);
    expect((await ids()).filter((id) => id.startsWith("w"))).toEqual(["w1", "w2"]);
  });

  it("run at once outside a transaction, with the same expectation", async () => {
    await db.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["e1"]);
    expect(await ids()).toContain("e1");
    await expect(
      db.defer("DELETE FROM deferred_probe WHERE id = $1", ["e-missing"], {
        rows: 1,
        orElse: () => new ExpectedError("gone"),
      }),
    ).rejects.toBeInstanceOf(ExpectedError);
  });
});

describe("afterCommit", () => {
  it("runs after a commit and never after a rollback", async () => {
    const ran: string[] = [];
    await db.transaction(async (tx) => {
      tx.afterCommit(() => ran.push("committed"));
      await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["f1"]);
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(["committed"]);
    await expect(
      db.transaction(async (tx) => {
        tx.afterCommit(() => ran.push("rolled back"));
        await tx.defer("INSERT INTO deferred_probe (id) VALUES ($1)", ["f1"]); // duplicate at commit
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(ran).toEqual(["committed"]);
  });
});
