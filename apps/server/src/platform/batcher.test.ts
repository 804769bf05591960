import { describe, expect, it } from "vitest";
import { createBatcher } from "./batcher";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("createBatcher", () => {
  it("writes requests that arrive together in one batch, and each gets its own result", async () => {
    const batches: number[][] = [];
    const b = createBatcher<number, string>({
      write: async (items) => {
        batches.push(items);
        return items.map((i) => `r${i}`);
      },
      maxSize: 10,
      concurrency: 1,
    });
    const results = await Promise.all([1, 2, 3].map((i) => b.submit(i)));
    expect(results).toEqual(["r1", "r2", "r3"]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("queues what arrives while a batch is written for the next one, up to maxSize", async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const b = createBatcher<number, number>({
      write: async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items;
      },
      maxSize: 2,
      concurrency: 1,
    });
    const first = b.submit(0);
    await tick();
    const rest = [1, 2, 3].map((i) => b.submit(i));
    await tick();
    expect(batches).toEqual([[0]]);
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[0], [1, 2], [3]]);
  });

  it("writes the items of a failed batch again one by one, so only the bad one fails", async () => {
    const batches: number[][] = [];
    const b = createBatcher<number, number>({
      write: async (items) => {
        batches.push(items);
        if (items.includes(2)) throw new Error(`bad ${items.join(",")}`);
        return items.map((i) => i * 10);
      },
      maxSize: 10,
      concurrency: 1,
    });
    const results = await Promise.allSettled([1, 2, 3].map((i) => b.submit(i)));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      10,
      "bad 2",
      30,
    ]);
    expect(batches[0]).toEqual([1, 2, 3]);
    expect(batches.slice(1).sort()).toEqual([[1], [2], [3]]);
  });

  it("never puts two items with the same key in one batch", async () => {
    const batches: string[][] = [];
    const b = createBatcher<string, string>({
      write: async (items) => {
        batches.push(items);
        return items;
      },
      maxSize: 10,
      concurrency: 1,
      keyOf: (s) => s.split(":")[0]!,
    });
    await Promise.all(["a:1", "b:1", "a:2"].map((s) => b.submit(s)));
    expect(batches).toEqual([["a:1", "b:1"], ["a:2"]]);
  });
});
