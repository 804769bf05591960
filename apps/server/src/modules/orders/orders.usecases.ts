import type { Order, PlaceOrderBody, QuoteBody, RequirementAnswersBody } from "@atelier/contracts";
import type { AppDeps } from "../../platform/deps";
import type { Queryable } from "../../db/client";
import { addSeconds } from "../../platform/clock";
import {
  conflict,
  forbidden,
  invalidTransition,
  isAppError,
  notFound,
  paymentFailed,
  validationFailed,
} from "../../platform/errors";
import { createBatcher, createLoader, onePer } from "../../platform/batcher";
import type { DomainEvent } from "../../platform/events";
import {
  runIdempotent,
  saveResponses,
  type IdempotentResult,
  type KeyClaim,
  type StoredResponse,
} from "../../platform/idempotency";
import { newId } from "../../platform/ids";
import { money } from "../../platform/money";
import { findOwnedFiles, linkFiles } from "../files/files.public";
import { accounts, transfer } from "../ledger/ledger.usecases";
import { InsufficientBalanceError, ledger } from "../ledger/ledger.usecases";
import { allowed, transition, type Actor, type TransitionName } from "./orders.lifecycle";
import { roleOf, type Viewer } from "./orders.models";
import { breakdown, priceOrder, resolutionShares, type ResolutionOutcome } from "./orders.pricing";
import {
  createOrdersRepository,
  newOrderRow,
  type GigForOrder,
  type NewOrder,
  type OrderRow,
} from "./orders.repository";
import { buildOrderView, toOrderView } from "./orders.view";

type Deps = Pick<AppDeps, "db" | "clock" | "config" | "payments" | "events" | "jobs">;

const repo = createOrdersRepository();

function priceFor(deps: Deps, gig: GigForOrder, body: QuoteBody) {
  const pkg = gig.packages.find((p) => p.tier === body.tier);
  if (!pkg) throw validationFailed([{ path: "tier", message: `this gig has no ${body.tier} package` }]);
  const seen = new Set<string>();
  const extras = body.extraIds.map((id, i) => {
    const extra = gig.extras.find((e) => e.id === id);
    if (!extra || seen.has(id)) {
      throw validationFailed([
        { path: `extraIds.${i}`, message: extra ? "is listed twice" : "is not an extra of this gig" },
      ]);
    }
    seen.add(id);
    return extra;
  });
  const price = priceOrder(
    { price: money(pkg.price.amount, gig.currency), deliveryDays: pkg.deliveryDays },
    extras.map((e) => ({ price: money(e.price.amount, gig.currency), additionalDays: e.additionalDays })),
    body.quantity,
    deps.config.orders.fees,
  );
  return { pkg, extras, price };
}

/** Gig reads of concurrent checkouts and quotes share one statement (one loader per app). */
const gigLoader = onePer((deps: Deps) =>
  createLoader(async (ids) => {
    const rows = await repo.findGigsForOrder(deps.db, ids);
    return new Map(rows.map((g) => [g.id, g]));
  }),
);

async function orderableGig(deps: Deps, gigId: string): Promise<GigForOrder> {
  const gig = await gigLoader(deps)(gigId);
  if (!gig || gig.status !== "active" || gig.seller_suspended) throw notFound("gig");
  return gig;
}

/** The price of an order, computed on the server from the gig's current packages and extras. */
export async function quote(deps: Deps, { body }: { body: QuoteBody }) {
  const gig = await orderableGig(deps, body.gigId);
  const { price } = priceFor(deps, gig, body);
  return {
    subtotal: price.subtotal,
    serviceFee: price.serviceFee,
    total: price.total,
    deliveryDays: price.deliveryDays,
    sellerEarnings: price.sellerEarnings,
  };
}

/** A ledger refusal as the payer sees it: credits that do not cover the payment are a 402. */
function paymentError(e: unknown): unknown {
  return e instanceof InsufficientBalanceError
    ? paymentFailed("insufficient_funds", "Your Atelier credits do not cover this payment.")
    : e;
}

/** Moves `amount` from the buyer's payment source into `to`, inside `tx`; credits must cover it. */
async function collect(
  deps: Deps,
  tx: Queryable,
  input: {
    businessKey: string;
    kind: string;
    orderId: string;
    buyerId: string;
    chargeId: string | null;
    postingsTo: { account: string; amount: number }[];
    total: number;
    currency: string;
  },
  now: Date,
) {
  const source = input.chargeId ? accounts.card() : accounts.credits(input.buyerId);
  const postings = [
    { account: source, amount: money(-input.total, input.currency) },
    ...input.postingsTo.map((p) => ({ account: p.account, amount: money(p.amount, input.currency) })),
  ];
  try {
    await ledger.post(
      tx,
      { businessKey: input.businessKey, kind: input.kind, orderId: input.orderId, postings },
      now,
    );
  } catch (e) {
    throw paymentError(e);
  }
  if (input.chargeId) await deps.payments.capture(tx, [input.chargeId]);
}

/** A checkout priced, authorized and holding its key's claim: all that is left is to write it. */
interface PendingOrder {
  order: OrderRow;
  /** The order's `NewOrder` as JSON, and the 201 with its body as JSON: made before the batch. */
  orderJson: string;
  response: StoredResponse;
  claim: KeyClaim;
}

/** How many checkouts one transaction writes at most, and how many such transactions run at once. */
const CHECKOUT_BATCH = { maxSize: 64, concurrency: 1 };

/** The group-commit writer of placed orders (one per app). */
const checkoutWriter = onePer((deps: Deps) =>
  createBatcher<PendingOrder, StoredResponse>({
    ...CHECKOUT_BATCH,
    write: (items) => writeOrders(deps, items),
  }),
);

/**
 * Writes placed orders in ONE transaction, a statement per table however many orders: the orders,
 * their `card/credits → escrow` ledger entries, the captures, the timeline's first events, the
 * notifications (through `order.updated`), and each key's stored response. All or nothing: the
 * batcher writes the orders of a failed batch again one by one (credits that do not cover one
 * order fail that order alone).
 */
async function writeOrders(deps: Deps, items: readonly PendingOrder[]): Promise<StoredResponse[]> {
  try {
    return await writeOrdersIn(deps, items);
  } catch (e) {
    throw paymentError(e);
  }
}

function writeOrdersIn(deps: Deps, items: readonly PendingOrder[]): Promise<StoredResponse[]> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    // Nothing here waits for the database: every statement travels with the COMMIT (one round
    // trip for the batch), and the database itself refuses what the checks would (balances,
    // captures, claims), rolling the batch back.
    await repo.insertOrders(
      tx,
      items.map((i) => i.orderJson),
    );
    await ledger.deferMany(
      tx,
      items.map(({ order }) => ({
        businessKey: `order:${order.id}:capture`,
        kind: "capture",
        orderId: order.id,
        postings: [
          {
            account: order.charge_id ? accounts.card() : accounts.credits(order.buyer_id),
            amount: money(-order.total, order.currency),
          },
          { account: accounts.escrow(order.id), amount: money(order.total, order.currency) },
        ],
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
      tx,
      items.map(({ order }) => ({
        orderId: order.id,
        kind: "placed",
        actorId: order.buyer_id,
        actorRole: "buyer" as const,
        data: { total: money(order.total, order.currency), payment: order.payment_method },
        now: order.created_at,
      })),
    );
    await saveResponses(
      tx,
      items.map((i) => ({ claim: i.claim, response: i.response })),
    );
    return items.map((i) => i.response);
  });
}

/**
 * Places an order (POST /api/orders), at most once per Idempotency-Key. The sequence: price on the
 * server → authorize the card (outside our transaction) → in ONE transaction: insert the order, post
 * `card → escrow` to the ledger, capture the charge, store the idempotent response → on any failure
 * void the authorization. A crash between authorize and commit leaves an authorization no order
 * claims, which reconciliation voids (docs/orders.md). Concurrent checkouts share that transaction
 * (group commit, `writeOrders`).
 */
export async function placeOrder(
  deps: Deps,
  {
    buyer,
    body,
    idempotencyKey,
  }: {
    buyer: Viewer & { username: string; displayName: string };
    body: PlaceOrderBody;
    idempotencyKey: string;
  },
): Promise<IdempotentResult> {
  // Read while the key is claimed (one round trip instead of two in a row); unused on a replay.
  const gigRead = orderableGig(deps, body.gigId);
  gigRead.catch(() => undefined);
  return runIdempotent(
    deps,
    { userId: buyer.id, key: idempotencyKey, methodPath: "POST /api/orders", params: body },
    async (_save, claim) => {
      const gig = await gigRead;
      if (gig.seller_id === buyer.id) throw conflict("You cannot buy your own gig.", "own_gig");
      const { pkg, extras, price } = priceFor(deps, gig, body);
      const orderId = newId("ord");
      let chargeId: string | null = null;
      if (body.payment.method === "card") {
        ({ chargeId } = await deps.payments.authorize({
          token: body.payment.token,
          amount: price.total,
          // One authorization per attempt, never per key: a key that expired (24 h) or was freed by
          // a failed attempt must not find the earlier, captured or voided, charge again.
          reference: `order:${orderId}`,
        }));
      }
      try {
        // Everything about the order but its writing is made here, outside the batch's transaction.
        const now = deps.clock.now();
        const fields: NewOrder = {
          id: orderId,
          buyer_id: buyer.id,
          seller_id: gig.seller_id,
          gig_id: gig.id,
          gig_title: gig.title,
          tier: body.tier,
          package: pkg,
          extras,
          quantity: body.quantity,
          currency: gig.currency,
          subtotal: price.subtotal.amount,
          service_fee: price.serviceFee.amount,
          total: price.total.amount,
          commission: price.commission.amount,
          seller_earnings: price.sellerEarnings.amount,
          delivery_days: price.deliveryDays,
          revisions_allowed: pkg.revisions,
          status: "awaiting_requirements",
          requirements: gig.requirements,
          payment_method: body.payment.method,
          charge_id: chargeId,
          created_at: now,
        };
        const order = newOrderRow(fields);
        const parties = [
          { id: buyer.id, username: buyer.username, display_name: buyer.displayName },
          { id: gig.seller_id, username: gig.seller_username, display_name: gig.seller_display_name },
        ];
        const view = buildOrderView(
          order,
          { users: parties, deliveries: [], requests: [], tips: [], files: [] },
          "buyer",
          deps,
          now,
        );
        return await checkoutWriter(deps).submit({
          order,
          orderJson: JSON.stringify(fields),
          response: { status: 201, body: view, json: JSON.stringify(view) },
          claim,
        });
      } catch (e) {
        if (chargeId) await deps.payments.void(deps.db, chargeId);
        throw e;
      }
    },
  );
}

export interface TransitionInput {
  requestId?: string;
  message?: string;
  reason?: string;
  days?: number;
  fileIds?: string[];
  answers?: RequirementAnswersBody["answers"];
  buyerRefundPercent?: number;
  fault?: "seller" | "buyer" | "none";
  /** An admin's note on a dispute decision, shown to both parties. */
  note?: string;
  /** System transitions: the due time or delivery the job was scheduled for. */
  expected?: string;
}

interface Ctx {
  deps: Deps;
  tx: Queryable;
  order: OrderRow;
  actor: Actor;
  actorId: string | null;
  now: Date;
  input: TransitionInput;
  fields: Record<string, unknown>;
  eventData: Record<string, unknown>;
}

const day = (seconds: number) => seconds * 1000;

function dueAt(ctx: Ctx): Date | null {
  const pending = ctx.fields.due_at;
  return pending instanceof Date ? pending : ctx.order.due_at;
}

/** How long a seller's earnings wait in pending clearance: shorter for Top Rated sellers. */
export function clearingSeconds(config: Pick<Deps["config"], "orders">, sellerLevel: string | null): number {
  const c = config.orders;
  return sellerLevel === "top_rated" ? c.topRatedClearingSeconds : c.clearingSeconds;
}

const requestKind = (name: TransitionName): "cancellation" | "extension" =>
  name.includes("extension") ? "extension" : "cancellation";

/** Checks that run before any effect writes; they decide whether the transition may happen at all. */
const GUARDS: Partial<Record<TransitionName, (ctx: Ctx) => Promise<void> | void>> = {
  request_revision: ({ order }) => {
    if (order.revisions_allowed !== null && order.revisions_used >= order.revisions_allowed) {
      throw conflict("No revisions are left on this order.", "no_revisions_left");
    }
  },
  late_cancel: (ctx) => {
    const due = ctx.order.due_at;
    const threshold = ctx.deps.config.orders.lateCancelAfterSeconds;
    if (!due || ctx.now.getTime() < due.getTime() + day(threshold)) {
      throw conflict("The order can be cancelled alone only once it is 24 hours late.", "not_late_enough");
    }
  },
  flag_late: (ctx) => {
    const due = ctx.order.due_at;
    if (
      ctx.order.is_late ||
      !due ||
      due.getTime() > ctx.now.getTime() ||
      (ctx.input.expected && due.toISOString() !== ctx.input.expected)
    ) {
      throw conflict("Not due.", "not_due");
    }
  },
  auto_complete: (ctx) => {
    if (ctx.input.expected && ctx.order.delivered_at?.toISOString() !== ctx.input.expected) {
      throw conflict("A newer delivery replaced this one.", "stale_timer");
    }
  },
};

/** Each effect named in the lifecycle table, applied in the transition's transaction. */
const EFFECTS: Record<string, (ctx: Ctx, name: TransitionName) => Promise<void>> = {
  async save_requirements(ctx) {
    const answers = ctx.input.answers ?? [];
    const errors: { path: string; message: string }[] = [];
    const byId = new Map(answers.map((a) => [a.requirementId, a]));
    answers.forEach((a, i) => {
      const req = ctx.order.requirements.find((r) => r.id === a.requirementId);
      if (!req)
        errors.push({ path: `answers.${i}.requirementId`, message: "is not a requirement of this order" });
      else if (req.kind === "choice" && a.choice !== undefined && !(req.choices ?? []).includes(a.choice)) {
        errors.push({ path: `answers.${i}.choice`, message: "is not one of the choices" });
      }
    });
    ctx.order.requirements.forEach((req) => {
      const a = byId.get(req.id);
      const answered =
        a && ((a.text ?? "").trim() !== "" || (a.fileIds ?? []).length > 0 || a.choice !== undefined);
      if (req.required && !answered)
        errors.push({ path: "answers", message: `"${req.question}" needs an answer` });
    });
    if (errors.length > 0) throw validationFailed(errors);
    const fileIds = answers.flatMap((a) => a.fileIds ?? []);
    await attachFiles(ctx, fileIds, ctx.order.buyer_id, "answers");
    ctx.fields.requirement_answers = answers;
  },
  async start_clock(ctx) {
    ctx.fields.started_at = ctx.now;
    ctx.fields.due_at = new Date(ctx.now.getTime() + ctx.order.delivery_days * 86_400_000);
  },
  async schedule_late_flag(ctx) {
    const due = dueAt(ctx);
    if (!due) return;
    await ctx.deps.jobs.schedule(
      ctx.tx,
      "orders.transition",
      {
        runAt: due,
        payload: { orderId: ctx.order.id, transition: "flag_late", expected: due.toISOString() },
        dedupeKey: `order:${ctx.order.id}:late:${due.toISOString()}`,
      },
      ctx.now,
    );
  },
  async flag_late(ctx) {
    ctx.fields.is_late = true;
  },
  async record_delivery(ctx) {
    const fileIds = ctx.input.fileIds ?? [];
    await attachFiles(ctx, fileIds, ctx.order.seller_id, "fileIds");
    const id = await repo.insertDelivery(ctx.tx, {
      orderId: ctx.order.id,
      message: ctx.input.message ?? "",
      fileIds,
      now: ctx.now,
    });
    ctx.fields.delivered_at = ctx.now;
    ctx.eventData.deliveryId = id;
  },
  async schedule_auto_complete(ctx) {
    await ctx.deps.jobs.schedule(
      ctx.tx,
      "orders.transition",
      {
        runAt: addSeconds(ctx.now, ctx.deps.config.orders.autoCompleteSeconds),
        payload: { orderId: ctx.order.id, transition: "auto_complete", expected: ctx.now.toISOString() },
        dedupeKey: `order:${ctx.order.id}:auto-complete:${ctx.now.toISOString()}`,
      },
      ctx.now,
    );
  },
  async use_revision(ctx) {
    ctx.fields.revisions_used = ctx.order.revisions_used + 1;
    const grace = new Date(ctx.now.getTime() + day(ctx.deps.config.orders.revisionGraceSeconds));
    const due = ctx.order.due_at && ctx.order.due_at > grace ? ctx.order.due_at : grace;
    ctx.fields.due_at = due;
    ctx.fields.is_late = false;
    ctx.eventData.message = ctx.input.message ?? "";
  },
  async release_escrow(ctx) {
    const o = ctx.order;
    await ledger.post(
      ctx.tx,
      {
        businessKey: `order:${o.id}:release`,
        kind: "release",
        orderId: o.id,
        postings: [
          { account: accounts.escrow(o.id), amount: money(-o.total, o.currency) },
          { account: accounts.pending(o.seller_id), amount: money(o.seller_earnings, o.currency) },
          { account: accounts.commission(), amount: money(o.commission, o.currency) },
          { account: accounts.fees(), amount: money(o.service_fee, o.currency) },
        ],
      },
      ctx.now,
    );
    ctx.fields.completed_at = ctx.now;
    // A request still waiting for an answer has nothing left to decide once the order is complete
    // (as refund_escrow does for cancellations); left pending, it would show an expiry that never comes.
    await repo.closePendingRequests(ctx.tx, o.id, ctx.now);
  },
  async schedule_clearing(ctx) {
    const [seller] = await repo.users(ctx.tx, [ctx.order.seller_id]);
    const clearsAt = addSeconds(ctx.now, clearingSeconds(ctx.deps.config, seller?.seller_level ?? null));
    ctx.fields.clears_at = clearsAt;
    await ctx.deps.jobs.schedule(
      ctx.tx,
      "orders.clear",
      {
        runAt: clearsAt,
        payload: { orderId: ctx.order.id },
        dedupeKey: `order:${ctx.order.id}:clear`,
      },
      ctx.now,
    );
  },
  async refund_escrow(ctx) {
    const o = ctx.order;
    await ledger.post(
      ctx.tx,
      {
        businessKey: `order:${o.id}:refund`,
        kind: "refund",
        orderId: o.id,
        postings: transfer(accounts.escrow(o.id), accounts.credits(o.buyer_id), money(o.total, o.currency)),
      },
      ctx.now,
    );
    ctx.fields.cancelled_at = ctx.now;
    await repo.closePendingRequests(ctx.tx, o.id, ctx.now);
  },
  async split_escrow(ctx) {
    const o = ctx.order;
    const pct = ctx.input.buyerRefundPercent ?? 0;
    // Split what the buyer paid at checkout: fees recomputed under today's configuration would not
    // add up to the escrow's total, and the entry would not balance.
    const split = sharesOf(ctx.deps, o, "split", pct);
    await ledger.post(
      ctx.tx,
      {
        businessKey: `order:${o.id}:split`,
        kind: "split",
        orderId: o.id,
        postings: [
          { account: accounts.escrow(o.id), amount: money(-o.total, o.currency) },
          { account: accounts.credits(o.buyer_id), amount: split.buyerRefund },
          { account: accounts.pending(o.seller_id), amount: split.sellerEarnings },
          { account: accounts.commission(), amount: split.commission },
          { account: accounts.fees(), amount: split.feeKept },
        ],
      },
      ctx.now,
    );
    ctx.fields.completed_at = ctx.now;
    ctx.fields.seller_earnings = split.sellerEarnings.amount;
    ctx.fields.commission = split.commission.amount;
  },
  async record_cancellation(ctx, name) {
    const fault =
      name === "late_cancel"
        ? "seller"
        : name === "resolve_cancel" || name === "admin_cancel"
          ? (ctx.input.fault ?? "none")
          : "none";
    const reason =
      ctx.input.reason ??
      (name === "late_cancel"
        ? "The order was more than 24 hours late."
        : typeof ctx.eventData.reason === "string" && ctx.eventData.reason !== ""
          ? ctx.eventData.reason
          : "Cancelled");
    ctx.fields.cancellation = { fault, reason, at: ctx.now.toISOString() };
  },
  async open_request(ctx, name) {
    const kind = requestKind(name);
    if (!ctx.actorId) throw new Error("requests need a person");
    const id = await repo.insertRequest(ctx.tx, {
      orderId: ctx.order.id,
      kind,
      requestedBy: ctx.actorId,
      reason: ctx.input.reason ?? "",
      days: kind === "extension" ? (ctx.input.days ?? null) : null,
      now: ctx.now,
    });
    if (!id) throw conflict(`A ${kind} request is already waiting for an answer.`, "request_pending");
    ctx.eventData.requestId = id;
    ctx.eventData.reason = ctx.input.reason ?? "";
    if (kind === "extension") ctx.eventData.days = ctx.input.days;
  },
  async schedule_request_timeout(ctx, name) {
    const kind = requestKind(name);
    const seconds =
      kind === "cancellation"
        ? ctx.deps.config.orders.cancellationAutoAcceptSeconds
        : ctx.deps.config.orders.extensionLapseSeconds;
    const requestId = String(ctx.eventData.requestId);
    await ctx.deps.jobs.schedule(
      ctx.tx,
      "orders.transition",
      {
        runAt: addSeconds(ctx.now, seconds),
        payload: {
          orderId: ctx.order.id,
          transition: kind === "cancellation" ? "auto_accept_cancellation" : "lapse_extension",
          requestId,
        },
        dedupeKey: `order:${ctx.order.id}:request:${requestId}`,
      },
      ctx.now,
    );
  },
  async close_request(ctx, name) {
    const kind = requestKind(name);
    const requestId = ctx.input.requestId;
    const request = requestId ? await repo.findRequest(ctx.tx, ctx.order.id, requestId) : undefined;
    if (!request || request.kind !== kind) throw notFound(`${kind} request`);
    if (request.status !== "pending")
      throw conflict(`This ${kind} request was already answered.`, "request_closed");
    if (ctx.actor !== "system" && request.requested_by === ctx.actorId) {
      throw conflict("The other party answers this request.", "own_request");
    }
    const status = name.startsWith("decline") ? "declined" : name.startsWith("lapse") ? "lapsed" : "accepted";
    await repo.closeRequest(ctx.tx, request.id, status, ctx.now);
    ctx.eventData.requestId = request.id;
    ctx.eventData.reason = request.reason;
    if (kind === "extension") ctx.eventData.days = request.days;
  },
  async extend_due(ctx) {
    const days = Number(ctx.eventData.days ?? 0);
    ctx.fields.delivery_days = ctx.order.delivery_days + days;
    if (ctx.order.due_at) {
      const due = new Date(ctx.order.due_at.getTime() + days * 86_400_000);
      ctx.fields.due_at = due;
      if (due > ctx.now) ctx.fields.is_late = false;
    }
  },
  async record_dispute(ctx) {
    const [actor] = ctx.actorId ? await repo.users(ctx.tx, [ctx.actorId]) : [];
    ctx.fields.dispute = {
      reason: ctx.input.reason ?? "",
      openedBy: actor?.username ?? "",
      at: ctx.now.toISOString(),
    };
    ctx.fields.status_before_dispute = ctx.order.status;
    await repo.closePendingRequests(ctx.tx, ctx.order.id, ctx.now);
    ctx.eventData.reason = ctx.input.reason ?? "";
  },
  async record_resolution(ctx, name) {
    const outcome = name === "resolve_complete" ? "complete" : name === "resolve_cancel" ? "cancel" : "split";
    const percent = outcome === "split" ? (ctx.input.buyerRefundPercent ?? 0) : null;
    const shares = sharesOf(ctx.deps, ctx.order, outcome, percent ?? 0);
    const note = ctx.input.note?.trim() || null;
    ctx.fields.resolution = {
      outcome,
      buyerRefundPercent: percent,
      note,
      buyerRefund: shares.buyerRefund.amount,
      sellerEarnings: shares.sellerEarnings.amount,
      at: ctx.now.toISOString(),
    };
    ctx.eventData.outcome = outcome;
    if (ctx.input.buyerRefundPercent !== undefined)
      ctx.eventData.buyerRefundPercent = ctx.input.buyerRefundPercent;
    ctx.eventData.buyerRefund = shares.buyerRefund;
    ctx.eventData.sellerEarnings = shares.sellerEarnings;
    if (note) ctx.eventData.note = note;
  },
};

/** What each side gets if an admin decides `outcome` on the order as paid (preview and ledger alike). */
function sharesOf(deps: Deps, o: OrderRow, outcome: ResolutionOutcome, buyerRefundPercent: number) {
  const m = (amount: number) => money(amount, o.currency);
  return resolutionShares(
    {
      subtotal: m(o.subtotal),
      serviceFee: m(o.service_fee),
      total: m(o.total),
      commission: m(o.commission),
      sellerEarnings: m(o.seller_earnings),
    },
    outcome,
    buyerRefundPercent,
    deps.config.orders.fees,
  );
}

/**
 * What a dispute decision would move, before the admin confirms it (moves nothing): the buyer's
 * refund as credits and the seller's earnings, exactly as `POST /api/admin/disputes/:id/resolve`
 * would post them.
 */
export async function previewResolution(
  deps: Deps,
  p: { orderId: string; outcome: ResolutionOutcome; buyerRefundPercent?: number },
) {
  // The route admits admins only.
  const order = await repo.findOrder(deps.db, p.orderId);
  if (!order) throw notFound("order");
  if (order.status !== "disputed") throw invalidTransition(order.status, `resolve ${p.outcome}`);
  const percent = p.outcome === "split" ? (p.buyerRefundPercent ?? 0) : null;
  const shares = sharesOf(deps, order, p.outcome, percent ?? 0);
  return {
    outcome: p.outcome,
    buyerRefundPercent: percent,
    total: money(order.total, order.currency),
    buyerRefund: shares.buyerRefund,
    sellerEarnings: shares.sellerEarnings,
    commission: shares.commission,
    feeKept: shares.feeKept,
  };
}

/** Validates files a party attaches to the order (its own uploads) and links them to the order. */
async function attachFiles(ctx: Ctx, fileIds: readonly string[], ownerId: string, path: string) {
  if (fileIds.length === 0) return;
  const owned = new Set((await findOwnedFiles(ctx.tx, ownerId, fileIds)).map((f) => f.id));
  const errors = fileIds.flatMap((id, i) =>
    owned.has(id) ? [] : [{ path: `${path}.${i}`, message: "is not a file you uploaded" }],
  );
  if (errors.length > 0) throw validationFailed(errors);
  await linkFiles(ctx.tx, fileIds, { type: "order", id: ctx.order.id }, ctx.now);
}

/**
 * Applies one transition of the lifecycle table inside `tx`: lock the order, authorise the actor,
 * check the status and guards, run the effects in order (ledger postings, jobs, records), then
 * compare-and-set the status and append the timeline event.
 */
export async function applyTransition(
  deps: Deps,
  tx: Queryable,
  p: { orderId: string; name: TransitionName; viewer: Viewer | "system"; input?: TransitionInput; at?: Date },
): Promise<OrderRow> {
  const order = await repo.lockOrder(tx, p.orderId);
  if (!order) throw notFound("order");
  const t = transition(p.name);
  let actor: Actor;
  let actorId: string | null = null;
  if (p.viewer === "system") {
    actor = "system";
  } else {
    const role = roleOf(order, p.viewer, t.actors);
    if (!role) throw notFound("order");
    actor = role;
    actorId = p.viewer.id;
  }
  if (!t.actors.includes(actor)) {
    throw forbidden(`Only the ${t.actors.join(" or ")} can do this.`);
  }
  if (!allowed(p.name, actor, order.status))
    throw invalidTransition(order.status.replace("_", " "), p.name.replace(/_/g, " "));
  const ctx: Ctx = {
    deps,
    tx,
    order,
    actor,
    actorId,
    now: p.at ?? deps.clock.now(),
    input: p.input ?? {},
    fields: {},
    eventData: {},
  };
  await GUARDS[p.name]?.(ctx);
  for (const effect of t.effects) {
    const run = EFFECTS[effect];
    if (!run) throw new Error(`effect ${effect} has no implementation`);
    await run(ctx, p.name);
  }
  const fields = { ...ctx.fields, ...(t.to ? { status: t.to } : {}) };
  const changed = await repo.update(tx, order.id, order.status, fields, ctx.now);
  if (!changed) throw invalidTransition(order.status, p.name);
  await repo.insertEvent(tx, {
    orderId: order.id,
    kind: p.name,
    actorId,
    actorRole: actor,
    data: { ...ctx.eventData, from: order.status, to: t.to ?? order.status },
    now: ctx.now,
  });
  const updated = await repo.findOrder(tx, order.id);
  if (!updated) throw new Error("order vanished");
  await emitOrderUpdated(deps, tx, updated, p.name, ctx.now, actorId);
  return updated;
}

/** `order.updated` to both parties, in the transaction of the change (notifications, live pages). */
function orderUpdatedEvent(order: OrderRow, kind: string, actorId: string | null = null): DomainEvent {
  return {
    type: "order.updated",
    userIds: [order.buyer_id, order.seller_id],
    data: {
      orderId: order.id,
      kind,
      status: order.status,
      actorId,
      gigTitle: order.gig_title,
      buyerId: order.buyer_id,
      sellerId: order.seller_id,
    },
  };
}

async function emitOrderUpdated(
  deps: Deps,
  tx: Queryable,
  order: OrderRow,
  kind: string,
  at: Date,
  actorId: string | null = null,
) {
  await deps.events.emit(tx, orderUpdatedEvent(order, kind, actorId), at);
}

/** A person's transition, in its own transaction; returns the order as that person sees it. */
export async function act(
  deps: Deps,
  p: { orderId: string; name: TransitionName; viewer: Viewer; input?: TransitionInput },
): Promise<Order> {
  return deps.db.transaction(async (tx) => {
    const order = await applyTransition(deps, tx, p);
    const role = roleOf(order, p.viewer, ["buyer", "seller", "admin"]);
    if (!role) throw notFound("order");
    return toOrderView(tx, order, role, deps, deps.clock.now());
  });
}

/** Runs a timed transition for the job runner; a transition that no longer applies is skipped. */
export async function runSystemTransition(
  deps: Deps,
  tx: Queryable,
  p: { orderId: string; name: TransitionName; input: TransitionInput; at: Date },
): Promise<boolean> {
  await tx.query("SAVEPOINT system_transition");
  try {
    await applyTransition(deps, tx, { ...p, viewer: "system" });
    await tx.query("RELEASE SAVEPOINT system_transition");
    return true;
  } catch (e) {
    if (isAppError(e) && e.status < 500) {
      await tx.query("ROLLBACK TO SAVEPOINT system_transition");
      return false;
    }
    throw e;
  }
}

/** Moves a completed order's earnings from pending clearance to available (scheduled work). */
export async function clearOrder(deps: Deps, tx: Queryable, { orderId, at }: { orderId: string; at: Date }) {
  const order = await repo.lockOrder(tx, orderId);
  if (!order || order.status !== "completed" || order.cleared_at) return;
  if (order.seller_earnings > 0) {
    await ledger.post(
      tx,
      {
        businessKey: `order:${order.id}:clearing`,
        kind: "clearing",
        orderId: order.id,
        postings: transfer(
          accounts.pending(order.seller_id),
          accounts.available(order.seller_id),
          money(order.seller_earnings, order.currency),
        ),
      },
      at,
    );
  }
  await repo.update(tx, order.id, "completed", { cleared_at: at }, at);
  await repo.insertEvent(tx, {
    orderId: order.id,
    kind: "cleared",
    actorId: null,
    actorRole: "system",
    data: { amount: money(order.seller_earnings, order.currency) },
    now: at,
  });
  await emitOrderUpdated(deps, tx, order, "cleared", at);
}

/** Clears a tip's earnings after the same clearing period. */
export async function clearTip(_deps: Deps, tx: Queryable, { tipId, at }: { tipId: string; at: Date }) {
  const tip = await repo.findTip(tx, tipId);
  if (!tip || tip.cleared_at) return;
  const order = await repo.findOrder(tx, tip.order_id);
  if (!order) return;
  const earnings = tip.amount - tip.commission;
  if (earnings > 0) {
    await ledger.post(
      tx,
      {
        businessKey: `tip:${tip.id}:clearing`,
        kind: "clearing",
        orderId: order.id,
        postings: transfer(
          accounts.pending(order.seller_id),
          accounts.available(order.seller_id),
          money(earnings, tip.currency),
        ),
      },
      at,
    );
  }
  await repo.markTipCleared(tx, tip.id, at);
}

/**
 * What a tip of `amount` costs on this order, and who may give it: the buyer of a completed order,
 * 1.00 to 1,000.00 in the order's currency. The quote and the payment both price through here.
 */
async function tipPrice(
  deps: Deps,
  p: { orderId: string; viewer: Viewer; amount: { amount: number; currency: string } },
) {
  const order = await repo.findOrder(deps.db, p.orderId);
  const role = order ? roleOf(order, p.viewer, ["buyer"]) : null;
  if (!order || !role) throw notFound("order");
  if (role !== "buyer") throw forbidden("Only the buyer can tip.");
  if (order.status !== "completed") throw invalidTransition(order.status, "tip");
  if (p.amount.currency !== order.currency) {
    throw validationFailed([{ path: "amount.currency", message: `must be ${order.currency}` }]);
  }
  if (p.amount.amount < 100 || p.amount.amount > 100000) {
    throw validationFailed([{ path: "amount.amount", message: "must be between 1.00 and 1,000.00" }]);
  }
  return { order, price: breakdown(money(p.amount.amount, order.currency), deps.config.orders.fees) };
}

/** The buyer's cost of a tip before paying it: the amount, the service fee on it and the total. */
export async function quoteTip(
  deps: Deps,
  p: { orderId: string; viewer: Viewer; amount: { amount: number; currency: string } },
) {
  const { price } = await tipPrice(deps, p);
  return { amount: price.subtotal, serviceFee: price.serviceFee, total: price.total };
}

/**
 * A tip on a completed order (idempotent): the buyer pays the tip plus the buyer fee; the seller earns
 * the tip less commission, pending clearance like order earnings.
 */
export async function tip(
  deps: Deps,
  p: {
    orderId: string;
    viewer: Viewer;
    amount: { amount: number; currency: string };
    payment: PlaceOrderBody["payment"];
    idempotencyKey: string;
  },
): Promise<IdempotentResult> {
  return runIdempotent(
    deps,
    {
      userId: p.viewer.id,
      key: p.idempotencyKey,
      methodPath: `POST /api/orders/${p.orderId}/tips`,
      params: { amount: p.amount, payment: p.payment },
    },
    async (save) => {
      const { order, price } = await tipPrice(deps, p);
      const tipId = newId("txn").replace("txn_", "tip_");
      let chargeId: string | null = null;
      if (p.payment.method === "card") {
        ({ chargeId } = await deps.payments.authorize({
          token: p.payment.token,
          amount: price.total,
          reference: `tip:${tipId}`,
        }));
      }
      try {
        return await deps.db.transaction(async (tx) => {
          const now = deps.clock.now();
          const [seller] = await repo.users(tx, [order.seller_id]);
          const clearsAt = addSeconds(now, clearingSeconds(deps.config, seller?.seller_level ?? null));
          await repo.insertTip(tx, {
            id: tipId,
            orderId: order.id,
            amount: price.subtotal.amount,
            serviceFee: price.serviceFee.amount,
            commission: price.commission.amount,
            currency: order.currency,
            chargeId,
            clearsAt,
            now,
          });
          await collect(
            deps,
            tx,
            {
              businessKey: `tip:${tipId}`,
              kind: "tip",
              orderId: order.id,
              buyerId: order.buyer_id,
              chargeId,
              postingsTo: [
                { account: accounts.pending(order.seller_id), amount: price.sellerEarnings.amount },
                { account: accounts.commission(), amount: price.commission.amount },
                { account: accounts.fees(), amount: price.serviceFee.amount },
              ],
              total: price.total.amount,
              currency: order.currency,
            },
            now,
          );
          await deps.jobs.schedule(
            tx,
            "orders.clear_tip",
            {
              runAt: clearsAt,
              payload: { tipId },
              dedupeKey: `tip:${tipId}:clear`,
            },
            now,
          );
          await repo.insertEvent(tx, {
            orderId: order.id,
            kind: "tip",
            actorId: p.viewer.id,
            actorRole: "buyer",
            data: { amount: price.subtotal, serviceFee: price.serviceFee, total: price.total },
            now,
          });
          await emitOrderUpdated(deps, tx, order, "tip", now, p.viewer.id);
          const body = {
            id: tipId,
            orderId: order.id,
            amount: price.subtotal,
            serviceFee: price.serviceFee,
            total: price.total,
            createdAt: now.toISOString(),
          };
          const response = { status: 201, body };
          await save(tx, response);
          return response;
        });
      } catch (e) {
        if (chargeId) await deps.payments.void(deps.db, chargeId);
        throw e;
      }
    },
  );
}

/**
 * Whether `userId` may read files linked to the order: its buyer and its seller (the requirement
 * attachments one sent, the deliveries the other sent). Admins are admitted by the files module.
 */
export function canReadOrderFiles(q: Queryable, userId: string | null, orderId: string): Promise<boolean> {
  return userId === null ? Promise.resolve(false) : repo.isParticipant(q, orderId, userId);
}

export async function getOrder(
  deps: Deps,
  { orderId, viewer }: { orderId: string; viewer: Viewer },
): Promise<Order> {
  const order = await repo.findOrder(deps.db, orderId);
  const role = order ? roleOf(order, viewer, ["buyer", "seller", "admin"]) : null;
  if (!order || !role) throw notFound("order");
  return toOrderView(deps.db, order, role, deps, deps.clock.now());
}

export async function listEvents(deps: Deps, { orderId, viewer }: { orderId: string; viewer: Viewer }) {
  const order = await repo.findOrder(deps.db, orderId);
  if (!order || !roleOf(order, viewer, ["buyer", "seller", "admin"])) throw notFound("order");
  const events = await repo.listEvents(deps.db, orderId);
  return events.map((e) => ({
    id: e.id,
    kind: e.kind,
    actor: { role: e.actor_role, username: e.username },
    data: e.data,
    createdAt: e.created_at.toISOString(),
  }));
}

export async function listOrders(
  deps: Deps,
  p: { viewer: Viewer; role: "buyer" | "seller"; status?: string; limit: number; cursor?: string },
) {
  let before: { at: Date; id: string } | null = null;
  if (p.cursor) {
    const [at, id] = Buffer.from(p.cursor, "base64url").toString("utf8").split("|");
    const date = new Date(at ?? "");
    if (!id || Number.isNaN(date.getTime()))
      throw validationFailed([{ path: "cursor", message: "is not a valid cursor" }]);
    before = { at: date, id };
  }
  const rows = await repo.listOrders(deps.db, {
    userId: p.viewer.id,
    role: p.role,
    status: p.status,
    limit: p.limit + 1,
    before,
  });
  const page = rows.slice(0, p.limit);
  const now = deps.clock.now();
  const data = [];
  for (const row of page) data.push(await toOrderView(deps.db, row, p.role, deps, now));
  const last = page.at(-1);
  const nextCursor =
    rows.length > p.limit && last
      ? Buffer.from(`${last.created_at.toISOString()}|${last.id}`).toString("base64url")
      : null;
  return { data, nextCursor };
}

/** Orders waiting for an admin's decision, oldest first. */
export async function listDisputed(deps: Deps, { viewer }: { viewer: Viewer }): Promise<Order[]> {
  const rows = await repo.listByStatus(deps.db, "disputed", 100);
  const now = deps.clock.now();
  const out: Order[] = [];
  for (const row of rows) {
    if (roleOf(row, viewer, ["admin"])) out.push(await toOrderView(deps.db, row, "admin", deps, now));
  }
  return out;
}
