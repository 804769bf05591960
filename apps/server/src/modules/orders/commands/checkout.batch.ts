/**
 * The checkout's performance mechanisms, all in this file (measured in docs/benchmarks/checkout.md):
 *
 * - group commit: placed orders that reach the writer together are written in ONE transaction, a
 *   statement per table however many orders, every statement deferred to travel with the COMMIT;
 * - a gig loader: the gig reads of concurrent checkouts and quotes share one statement.
 *
 * Both are one per app (`deps.state.orders`, made by `createOrdersState` in the composition root). Without them, `placeOrder` would read its gig and run
 * `writePlacedOrders([pending])` in a transaction of its own; that is what a batch of one does.
 */
import type { Queryable } from "../../../db/client";
import { createBatcher, createLoader } from "../../../platform/batcher";
import { saveResponses, type KeyClaim, type StoredResponse } from "../../../platform/idempotency";
import { money } from "../../../platform/money";
import { accounts } from "../../ledger/ledger.usecases";
import { ledger } from "../../ledger/ledger.usecases";
import type { OrdersDeps } from "../orders.deps";
import { orderUpdatedEvent } from "../orders.models";
import { paymentError, paymentPostings } from "../orders.payments";
import { createOrdersRepository } from "../orders.repository";
import type { GigForOrder, OrderRow } from "../orders.rows";

type Deps = Pick<OrdersDeps, "db" | "clock" | "payments" | "events">;

/** A checkout priced, authorized and holding its key's claim: all that is left is to write it. */
export interface PendingOrder {
  order: OrderRow;
  /** The order's `NewOrder` as JSON, and the 201 with its body as JSON: made before the batch. */
  orderJson: string;
  response: StoredResponse;
  claim: KeyClaim;
}

/** How many checkouts one transaction writes at most, and how many such transactions run at once. */
const CHECKOUT_BATCH = { maxSize: 64, concurrency: 1 };

/** The orders module's per-app state: the gig loader and the checkout writer. */
export function createOrdersState(deps: Deps) {
  return {
    gigLoader: createLoader(async (ids) => {
      const rows = await createOrdersRepository(deps.db).findGigsForOrder(ids);
      return new Map(rows.map((g) => [g.id, g]));
    }),
    checkoutWriter: createBatcher<PendingOrder, StoredResponse>({
      ...CHECKOUT_BATCH,
      write: async (items) => {
        try {
          return await deps.db.transaction((tx) => writePlacedOrders(deps, tx, items));
        } catch (e) {
          throw paymentError(e);
        }
      },
    }),
  };
}

declare module "../../../platform/deps" {
  interface AppState {
    orders: ReturnType<typeof createOrdersState>;
  }
}

/** A gig as an order needs it; the reads of one moment share one statement. */
export function loadGig(deps: Pick<OrdersDeps, "state">, gigId: string): Promise<GigForOrder | undefined> {
  return deps.state.orders.gigLoader(gigId);
}

/**
 * Writes a placed order together with the others that reach the writer at the same moment, and
 * resolves to its stored 201. All or nothing per batch: the batcher writes the orders of a failed
 * batch again one by one (credits that do not cover one order fail that order alone).
 */
export function writePlacedOrder(
  deps: Pick<OrdersDeps, "state">,
  pending: PendingOrder,
): Promise<StoredResponse> {
  return deps.state.orders.checkoutWriter.submit(pending);
}

/**
 * Writes placed orders inside `tx`: the orders, their `card/credits → escrow` ledger entries, the
 * captures, the timelines' first events, the notifications (through `order.updated`), and each
 * key's stored response.
 */
export async function writePlacedOrders(
  deps: Deps,
  tx: Queryable,
  items: readonly PendingOrder[],
  { respond = true }: { respond?: boolean } = {},
): Promise<StoredResponse[]> {
  const now = deps.clock.now();
  const repo = createOrdersRepository(tx);
  // Nothing here waits for the database: every statement travels with the COMMIT (one round trip
  // for the batch), and the database itself refuses what the checks would (balances, captures,
  // claims), rolling the batch back.
  await repo.insertOrders(items.map((i) => i.orderJson));
  await ledger.deferMany(
    tx,
    items.map(({ order }) => ({
      businessKey: `order:${order.id}:capture`,
      kind: "capture",
      orderId: order.id,
      postings: paymentPostings({
        buyerId: order.buyer_id,
        chargeId: order.charge_id,
        total: money(order.total, order.currency),
        to: [{ account: accounts.escrow(order.id), amount: money(order.total, order.currency) }],
      }),
    })),
    now,
  );
  await deps.events.emitMany(
    tx,
    items.map((i) => orderUpdatedEvent(i.order, "placed")),
    now,
  );
  await deps.payments.capture(
    tx,
    items.flatMap((i) => (i.order.charge_id ? [i.order.charge_id] : [])),
  );
  await repo.insertEvents(
    items.map(({ order }) => ({
      orderId: order.id,
      kind: "placed",
      actorId: order.buyer_id,
      actorRole: "buyer" as const,
      data: { total: money(order.total, order.currency), payment: order.payment_method },
      now: order.created_at,
    })),
  );
  // An offer paid in milestones stores its 201 itself, once its first milestone has started.
  if (respond)
    await saveResponses(
      tx,
      items.map((i) => ({ claim: i.claim, response: i.response })),
    );
  return items.map((i) => i.response);
}
