import type { RequirementAnswersBody } from "@atelier/contracts";
import type { Queryable } from "../../db/client";
import { addSeconds } from "../../platform/clock";
import { addDays } from "../../platform/durations";
import { conflict, notFound, validationFailed } from "../../platform/errors";
import { money, type Money } from "../../platform/money";
import { accounts, transfer } from "../ledger/ledger.usecases";
import { ledger } from "../ledger/ledger.usecases";
import type { OrdersDeps } from "./orders.deps";
import { attachFiles, recordDelivery } from "./orders.deliveries";
import { transition, type Actor, type Effect, type Transition } from "./orders.lifecycle";
import { clearingSeconds, sharesOf } from "./orders.models";
import type { OrdersRepository } from "./orders.repository";
import { applyMilestoneRow, heldOrder, settleHeldMilestones } from "./orders.milestones";
import type { MilestoneRow, OrderRow } from "./orders.rows";

/** What a person or a timer sends with a transition. */
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
  /** A delivery's AI declaration for the files it carries. */
  aiUse?: "none" | "assisted" | "generated";
  aiTools?: string[];
  /** Why a dispute is opened (`undisclosed_ai`: a delivery's AI declaration proved false). */
  category?: "undisclosed_ai" | "quality" | "late" | "other";
}

/** One transition being applied: effects read the row and the input, and add fields and event data. */
export interface TransitionCtx {
  deps: OrdersDeps;
  tx: Queryable;
  repo: OrdersRepository;
  transition: Transition;
  order: OrderRow;
  actor: Actor;
  actorId: string | null;
  now: Date;
  input: TransitionInput;
  /** Columns the transition's compare-and-set writes with the new status. */
  fields: Record<string, unknown>;
  /** What the timeline event records beyond `from` and `to`. */
  eventData: Record<string, unknown>;
  /** What this transition's money effect paid the seller out of escrow (minor units), once it ran. */
  paidToSeller?: number;
  /** An order paid in milestones: its milestones, in order (read under the order's lock). */
  milestones?: MilestoneRow[];
}

/** The order's milestones as a milestone row's context, for the order's own effects that move them. */
function milestoneBase(ctx: TransitionCtx) {
  const milestones = rowFact(ctx, ctx.milestones, "the order's milestones");
  return {
    deps: ctx.deps,
    tx: ctx.tx,
    repo: ctx.repo,
    order: ctx.order,
    milestones,
    actor: ctx.actor,
    actorId: ctx.actorId,
    now: ctx.now,
    input: {},
  };
}

const inMilestones = (ctx: TransitionCtx) => ctx.order.milestone_count > 0;

/** A fact of the transition's row that an effect cannot run without (the lifecycle test checks them). */
function rowFact<T>(ctx: TransitionCtx, value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`transition ${ctx.transition.name} lacks ${what}`);
  return value;
}

/** The due time as the effects before this one left it. */
function dueAt(ctx: TransitionCtx): Date | null {
  const pending = ctx.fields.due_at;
  return pending instanceof Date ? pending : ctx.order.due_at;
}

/**
 * Moves `total` out of the order's escrow (its whole total, or what its held milestones hold) to
 * `postings` (which must add up to it).
 */
async function postFromEscrow(
  ctx: TransitionCtx,
  kind: "release" | "refund" | "split",
  total: number,
  to: { account: string; amount: Money }[],
) {
  const o = ctx.order;
  await ledger.post(
    ctx.tx,
    {
      businessKey: `order:${o.id}:${kind}`,
      kind,
      orderId: o.id,
      postings: [{ account: accounts.escrow(o.id), amount: money(-total, o.currency) }, ...to],
    },
    ctx.now,
  );
}

/** Sets the timed transition the row names, keyed so that a stale timer does nothing when it fires. */
async function scheduleTimer(ctx: TransitionCtx) {
  const name = rowFact(ctx, ctx.transition.schedules, "the transition its timer takes");
  const timer = rowFact(ctx, transition(name).timer, `a timer on ${name}`);
  const o = ctx.order;
  let runAt: Date;
  let identity: { expected?: string; requestId?: string };
  let key: string;
  if (timer.at === "due") {
    const due = dueAt(ctx);
    if (!due) return;
    runAt = due;
    identity = { expected: due.toISOString() };
    key = `late:${due.toISOString()}`;
  } else if (timer.at === "delivery") {
    runAt = addSeconds(ctx.now, ctx.deps.config.orders[timer.setting]);
    identity = { expected: ctx.now.toISOString() };
    key = `auto-complete:${ctx.now.toISOString()}`;
  } else {
    const requestId = String(ctx.eventData.requestId);
    runAt = addSeconds(ctx.now, ctx.deps.config.orders[timer.setting]);
    identity = { requestId };
    key = `request:${requestId}`;
  }
  await ctx.deps.jobs.schedule(
    ctx.tx,
    "orders.transition",
    { runAt, payload: { orderId: o.id, transition: name, ...identity }, dedupeKey: `order:${o.id}:${key}` },
    ctx.now,
  );
}

/**
 * Each effect named in the lifecycle table, applied in the transition's transaction, in the row's
 * order. A `Record` over every `Effect`: an effect without a handler does not compile.
 */
export const EFFECTS: Record<Effect, (ctx: TransitionCtx) => Promise<void> | void> = {
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
    await attachFiles(ctx.tx, {
      orderId: ctx.order.id,
      fileIds,
      ownerId: ctx.order.buyer_id,
      path: "answers",
      now: ctx.now,
    });
    ctx.fields.requirement_answers = answers;
  },
  start_clock(ctx) {
    ctx.fields.started_at = ctx.now;
    ctx.fields.due_at = addDays(ctx.now, ctx.order.delivery_days);
  },
  schedule_timer: scheduleTimer,
  flag_late(ctx) {
    ctx.fields.is_late = true;
  },
  async start_first_milestone(ctx) {
    const base = milestoneBase(ctx);
    const first = base.milestones[0];
    if (!first) throw new Error(`order ${ctx.order.id} has no milestones`);
    await applyMilestoneRow(base, first, "start");
  },
  async record_delivery(ctx) {
    const { id, aiUse } = await recordDelivery(ctx.tx, ctx.repo, {
      orderId: ctx.order.id,
      sellerId: ctx.order.seller_id,
      milestoneId: null,
      input: ctx.input,
      now: ctx.now,
    });
    ctx.eventData.aiUse = aiUse;
    ctx.fields.delivered_at = ctx.now;
    ctx.eventData.deliveryId = id;
  },
  use_revision(ctx) {
    ctx.fields.revisions_used = ctx.order.revisions_used + 1;
    const grace = addSeconds(ctx.now, ctx.deps.config.orders.revisionGraceSeconds);
    const due = ctx.order.due_at && ctx.order.due_at > grace ? ctx.order.due_at : grace;
    ctx.fields.due_at = due;
    ctx.fields.is_late = false;
    ctx.eventData.message = ctx.input.message ?? "";
  },
  async release_escrow(ctx) {
    const o = ctx.order;
    if (inMilestones(ctx)) {
      // Each milestone still held is released on its own (nothing is, once the last was accepted).
      ctx.paidToSeller = await settleHeldMilestones(milestoneBase(ctx), "settle");
      ctx.fields.completed_at = ctx.now;
      return;
    }
    await postFromEscrow(ctx, "release", o.total, [
      { account: accounts.pending(o.seller_id), amount: money(o.seller_earnings, o.currency) },
      { account: accounts.commission(), amount: money(o.commission, o.currency) },
      { account: accounts.fees(), amount: money(o.service_fee, o.currency) },
    ]);
    ctx.fields.completed_at = ctx.now;
    ctx.paidToSeller = o.seller_earnings;
  },
  settle_licence(ctx) {
    // The licence follows the money this transition just moved, in its transaction: granted when
    // the seller was paid (an acceptance, a completion, a split that left the seller a share),
    // revoked when everything went back to the buyer.
    const paid = rowFact(ctx, ctx.paidToSeller, "a money effect before settle_licence");
    if (paid > 0) {
      ctx.fields.licence_status = "granted";
      ctx.fields.licence_granted_at = ctx.now;
    } else {
      ctx.fields.licence_status = "revoked";
      ctx.fields.licence_revoked_at = ctx.now;
    }
    ctx.eventData.licence = { kind: ctx.order.licence_kind, status: ctx.fields.licence_status };
  },
  async schedule_clearing(ctx) {
    // An order paid in milestones clears milestone by milestone (`schedule_milestone_clearing`);
    // only a split pays the seller from the order's own entry, and that share clears with the order.
    if (inMilestones(ctx) && ctx.transition.outcome !== "split") return;
    const [seller] = await ctx.repo.users([ctx.order.seller_id]);
    const clearsAt = addSeconds(
      ctx.now,
      clearingSeconds(ctx.deps.config, seller?.seller_level ?? null, ctx.order.rules),
    );
    ctx.fields.clears_at = clearsAt;
    await ctx.deps.jobs.schedule(
      ctx.tx,
      "orders.clear",
      { runAt: clearsAt, payload: { orderId: ctx.order.id }, dedupeKey: `order:${ctx.order.id}:clear` },
      ctx.now,
    );
  },
  async refund_escrow(ctx) {
    const o = ctx.order;
    if (inMilestones(ctx)) {
      // The milestones not completed go back to the buyer; the released ones stay with the seller.
      ctx.paidToSeller = await settleHeldMilestones(milestoneBase(ctx), "cancel");
      ctx.fields.cancelled_at = ctx.now;
      return;
    }
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
    ctx.paidToSeller = 0;
  },
  async split_escrow(ctx) {
    const o = ctx.order;
    // Split what the buyer paid at checkout: fees recomputed under today's configuration would not
    // add up to the escrow's total, and the entry would not balance. An order paid in milestones
    // splits what is still held (the milestones not completed), by the same rule, in one entry;
    // the completed milestones' shares were released and stay the seller's.
    const held = heldOrder(o, ctx.milestones);
    const split = sharesOf(ctx.deps.config, held, "split", ctx.input.buyerRefundPercent ?? 0);
    await postFromEscrow(ctx, "split", held.total, [
      { account: accounts.credits(o.buyer_id), amount: split.buyerRefund },
      { account: accounts.pending(o.seller_id), amount: split.sellerEarnings },
      { account: accounts.commission(), amount: split.commission },
      { account: accounts.fees(), amount: split.feeKept },
    ]);
    // What the order paid the seller in all: the released milestones and the split's share.
    const released = o.seller_earnings - held.seller_earnings;
    const releasedCommission = o.commission - held.commission;
    if (inMilestones(ctx)) await settleHeldMilestones(milestoneBase(ctx), "split");
    ctx.fields.completed_at = ctx.now;
    ctx.fields.seller_earnings = released + split.sellerEarnings.amount;
    ctx.fields.commission = releasedCommission + split.commission.amount;
    ctx.paidToSeller = released + split.sellerEarnings.amount;
  },
  async withdraw_requests(ctx) {
    // A request still waiting for an answer has nothing left to decide once the order is paid out,
    // refunded or frozen; left pending, it would show an expiry that never comes.
    await ctx.repo.closePendingRequests(ctx.order.id, ctx.now);
  },
  record_cancellation(ctx) {
    const row = rowFact(ctx, ctx.transition.cancellation, "a cancellation fault");
    const fault = row.fault === "chosen" ? (ctx.input.fault ?? "none") : row.fault;
    const answered = typeof ctx.eventData.reason === "string" ? ctx.eventData.reason : "";
    const reason = ctx.input.reason ?? row.reason ?? (answered !== "" ? answered : "Cancelled");
    ctx.fields.cancellation = { fault, reason, at: ctx.now.toISOString() };
  },
  async open_request(ctx) {
    const kind = rowFact(ctx, ctx.transition.request, "a request kind");
    if (!ctx.actorId) throw new Error("requests need a person");
    const id = await ctx.repo.insertRequest({
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
  async close_request(ctx) {
    const kind = rowFact(ctx, ctx.transition.request, "a request kind");
    const answer = rowFact(ctx, ctx.transition.answer, "an answer");
    const requestId = ctx.input.requestId;
    const request = requestId ? await ctx.repo.findRequest(ctx.order.id, requestId) : undefined;
    if (!request || request.kind !== kind) throw notFound(`${kind} request`);
    if (request.status !== "pending")
      throw conflict(`This ${kind} request was already answered.`, "request_closed");
    if (ctx.actor !== "system" && request.requested_by === ctx.actorId) {
      throw conflict("The other party answers this request.", "own_request");
    }
    await ctx.repo.closeRequest(request.id, answer, ctx.now);
    ctx.eventData.requestId = request.id;
    ctx.eventData.reason = request.reason;
    if (kind === "extension") ctx.eventData.days = request.days;
  },
  extend_due(ctx) {
    const days = Number(ctx.eventData.days ?? 0);
    ctx.fields.delivery_days = ctx.order.delivery_days + days;
    if (ctx.order.due_at) {
      const due = addDays(ctx.order.due_at, days);
      ctx.fields.due_at = due;
      if (due > ctx.now) ctx.fields.is_late = false;
    }
  },
  async record_dispute(ctx) {
    const [actor] = ctx.actorId ? await ctx.repo.users([ctx.actorId]) : [];
    ctx.fields.dispute = {
      reason: ctx.input.reason ?? "",
      ...(ctx.input.category ? { category: ctx.input.category } : {}),
      openedBy: actor?.username ?? "",
      at: ctx.now.toISOString(),
    };
    ctx.fields.status_before_dispute = ctx.order.status;
    ctx.eventData.reason = ctx.input.reason ?? "";
    if (ctx.input.category) ctx.eventData.category = ctx.input.category;
  },
  record_resolution(ctx) {
    const outcome = rowFact(ctx, ctx.transition.outcome, "an outcome");
    const percent = outcome === "split" ? (ctx.input.buyerRefundPercent ?? 0) : null;
    const shares = sharesOf(ctx.deps.config, heldOrder(ctx.order, ctx.milestones), outcome, percent ?? 0);
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
