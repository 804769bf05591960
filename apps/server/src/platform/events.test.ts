import { describe, expect, it } from "vitest";
import type { Queryable } from "../db/client";
import { EventBus } from "./events";

/** A transaction stand-in whose commit runs the after-commit hooks when the test says so. */
function fakeTransaction() {
  const hooks: (() => void)[] = [];
  const tx = {
    query: () => Promise.resolve([]),
    defer: () => Promise.resolve(),
    exec: () => Promise.resolve(),
    afterCommit: (fn: () => void) => hooks.push(fn),
  } as unknown as Queryable;
  return { tx, commit: () => hooks.splice(0).forEach((fn) => fn()) };
}

describe("EventBus", () => {
  it("publishes the events of the transactions that committed in one tick as one batch, after commit", async () => {
    const batches: string[][] = [];
    const bus = new EventBus(async (payloads) => {
      batches.push(payloads);
    });
    const first = fakeTransaction();
    const second = fakeTransaction();
    await bus.emit(first.tx, { type: "order.updated", userIds: ["usr_a"], data: { n: 1 } }, new Date());
    await bus.emit(second.tx, { type: "order.updated", userIds: ["usr_b"], data: { n: 2 } }, new Date());
    await bus.drained();
    expect(batches).toEqual([]);

    first.commit();
    second.commit();
    await bus.drained();
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((p) => (JSON.parse(p) as { userIds: string[] }).userIds)).toEqual([
      ["usr_a"],
      ["usr_b"],
    ]);
  });

  it("lets a closing process wait until a slow publish has finished", async () => {
    let finished = false;
    const bus = new EventBus(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      finished = true;
    });
    const t = fakeTransaction();
    await bus.emit(t.tx, { type: "message.created", userIds: [], data: {} }, new Date());
    t.commit();
    await bus.drained();
    expect(finished).toBe(true);
  });
});
