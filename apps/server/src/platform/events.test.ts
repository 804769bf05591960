import { describe, expect, it } from "vitest";
import type { Queryable } from "../db/client";
import { EventBus, type DomainEvent } from "./events";

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

const orderUpdated = (buyerId: string): DomainEvent => ({
  type: "order.updated",
  userIds: [buyerId],
  data: {
    orderId: "ord_1",
    kind: "placed",
    status: "pending_requirements",
    actorId: buyerId,
    gigTitle: "A logo",
    buyerId,
    sellerId: "usr_s",
  },
});

describe("EventBus", () => {
  it("publishes the events of the transactions that committed in one tick as one batch, after commit", async () => {
    const batches: string[][] = [];
    const bus = new EventBus(async (payloads) => {
      batches.push(payloads);
    });
    const first = fakeTransaction();
    const second = fakeTransaction();
    await bus.emit(first.tx, orderUpdated("usr_a"), new Date());
    await bus.emit(second.tx, orderUpdated("usr_b"), new Date());
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
    await bus.emit(
      t.tx,
      { type: "level.changed", userIds: [], data: { from: "new", to: "level_1", promoted: true } },
      new Date(),
    );
    t.commit();
    await bus.drained();
    expect(finished).toBe(true);
  });

  it("hands a subscriber the events of its own type, typed by that type", async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe("level.changed", async (_tx, events) => {
      for (const e of events) seen.push(`${e.data.from}->${e.data.to}`);
    });
    bus.subscribe("*", async (_tx, events) => {
      for (const e of events) seen.push(`* ${e.type}`);
    });
    // @ts-expect-error -- an unknown event type does not compile
    bus.subscribe("level.changd", async () => undefined);
    const t = fakeTransaction();
    await bus.emitMany(
      t.tx,
      [
        orderUpdated("usr_a"),
        { type: "level.changed", userIds: [], data: { from: "new", to: "level_1", promoted: true } },
      ],
      new Date(),
    );
    expect(seen).toEqual(["* order.updated", "new->level_1", "* level.changed"]);
  });
});
