/**
 * Group commit (commands/checkout.batch.ts): checkouts that reach the writer together are
 * written in one transaction. These call the use case in process, all in one turn of the event
 * loop, so that they are claimed, read and written in the same batches — which HTTP requests only
 * do when they happen to arrive together.
 */
import { describe, expect, it } from "vitest";
import { accounts } from "../../src/modules/ledger/ledger.models";
import { createLedgerRepository } from "../../src/modules/ledger/ledger.repository";
import * as orders from "../../src/modules/orders/orders.usecases";
import { money } from "../../src/platform/money";
import { unique } from "../client";
import { newParty } from "../messaging/messaging.helpers";
import { balances, expectLedgerBalanced, orderBody, useOrderScene } from "./orders.helpers";

const cast = useOrderScene();

/** Gives a buyer Atelier credits (as a refund would). */
async function grantCredits(userId: string, amount: number) {
  await createLedgerRepository(cast.server.deps.db).post(
    {
      businessKey: unique("test-credits"),
      kind: "refund",
      postings: [
        { account: accounts.card(), amount: money(-amount, "USD") },
        { account: accounts.credits(userId), amount: money(amount, "USD") },
      ],
    },
    cast.server.deps.clock.now(),
  );
}

async function countOrders(buyerIds: readonly string[]) {
  const rows = await cast.server.deps.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM orders WHERE buyer_id = ANY($1::text[])",
    [buyerIds],
  );
  return rows[0]!.n;
}

describe("checkouts written together", () => {
  it("one that cannot pay fails alone, with its own error; the others are placed, and its key replays the error", async () => {
    const buyers = await Promise.all(Array.from({ length: 6 }, () => newParty(cast.server)));
    // 55.75 (a basic order) for all but the last, who has 10.00.
    for (const [i, b] of buyers.entries()) await grantCredits(b.id, i < buyers.length - 1 ? 5575 : 1000);
    const keys = buyers.map(() => unique("key"));
    const place = (i: number) =>
      orders.placeOrder(cast.server.deps, {
        buyer: {
          id: buyers[i]!.id,
          roles: [],
          username: buyers[i]!.username,
          displayName: buyers[i]!.username,
        },
        body: orderBody(cast.gigId, { payment: { method: "balance" } }),
        idempotencyKey: keys[i]!,
      });
    const outcomes = await Promise.allSettled(buyers.map((_, i) => place(i)));
    const summary = outcomes.map((o) =>
      o.status === "fulfilled" ? o.value.status : (o.reason as { code?: string }).code,
    );
    expect(summary).toEqual([201, 201, 201, 201, 201, "insufficient_funds"]);
    expect(await countOrders(buyers.map((b) => b.id))).toBe(5);
    expect((await balances(buyers[5]!)).credits).toBe(1000);
    for (const b of buyers.slice(0, 5)) expect((await balances(b)).credits).toBe(0);
    // The refusal is part of the key's history.
    const replay = await Promise.allSettled([place(5)]);
    expect(replay[0]).toMatchObject({ status: "fulfilled", value: { status: 402, replayed: true } });
    await expectLedgerBalanced(cast.admin);
  });

  it("places a batch of card checkouts, each order with its own charge, event, notification and key", async () => {
    const buyers = await Promise.all(Array.from({ length: 5 }, () => newParty(cast.server)));
    const results = await Promise.all(
      buyers.map((b) =>
        orders.placeOrder(cast.server.deps, {
          buyer: { id: b.id, roles: [], username: b.username, displayName: b.username },
          body: orderBody(cast.gigId),
          idempotencyKey: unique("key"),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(buyers.map(() => 201));
    const ids = results.map((r) => (r.body as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    const [row] = await cast.server.deps.db.query<{
      events: number;
      charges: number;
      keys: number;
      notes: number;
    }>(
      `SELECT (SELECT count(*) FROM order_events WHERE order_id = ANY($1::text[]) AND kind = 'placed')::int AS events,
              (SELECT count(*) FROM sandbox_charges WHERE status = 'captured'
                 AND reference = ANY(SELECT 'order:' || x FROM unnest($1::text[]) x))::int AS charges,
              (SELECT count(*) FROM idempotency_keys WHERE status = 'done' AND response_body->>'id' = ANY($1::text[]))::int AS keys,
              (SELECT count(*) FROM notifications WHERE kind = 'order_placed'
                 AND data->>'orderId' = ANY($1::text[]))::int AS notes`,
      [ids],
    );
    expect(row).toEqual({ events: 5, charges: 5, keys: 5, notes: 5 });
    await expectLedgerBalanced(cast.admin);
  });
});
