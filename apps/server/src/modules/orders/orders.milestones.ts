import type { Queryable } from "../../db/client";
import { addSeconds } from "../../platform/clock";
import { addDays } from "../../platform/durations";
import { conflict, invalidTransition } from "../../platform/errors";
import { money } from "../../platform/money";
import { accounts, ledger, transfer } from "../ledger/ledger.usecases";
import type { OrdersDeps } from "./orders.deps";
import { recordDelivery } from "./orders.deliveries";
import {
  milestoneTransition,
  type Actor,
  type MilestoneEffect,
  type MilestoneGuard,
  type MilestoneTransition,
  type MilestoneTransitionName,
} from "./orders.lifecycle";
import { clearingSeconds } from "./orders.models";
import type { OrdersRepository } from "./orders.repository";
import type { MilestoneRow, OrderRow } from "./orders.rows";

/** What a person or a timer sends with a milestone's transition. */
export interface MilestoneInput {
  message?: string;
  fileIds?: string[];
  aiUse?: "none" | "assisted" | "generated";
  aiTools?: string[];
  /** The auto-accept timer: the delivery it was set for (a newer delivery makes it stale). */
  expected?: string;
}

/** One milestone row being applied (the order row is locked by the caller). */
export interface MilestoneCtx {
  deps: OrdersDeps;
  tx: Queryable;
  repo: OrdersRepository;
  transition: MilestoneTransition;
  order: OrderRow;
  milestone: MilestoneRow;
  /** Every milestone of the order, in order, as this transaction sees them. */
  milestones: MilestoneRow[];
  actor: Actor;
  actorId: string | null;
  now: Date;
  input: MilestoneInput;
  /** Milestone columns the compare-and-set writes with the new status. */
  fields: Record<string, unknown>;
  eventData: Record<string, unknown>;
  /** Work that must follow the milestone's own status change (the next milestone, the order's completion). */
  then: (() => Promise<void>)[];
  /**
   * Takes the order's `complete_milestones` (passed in by the command: the order's transitions sit
   * above this file).
   */
  completeOrder?: () => Promise<void>;
}

/** Milestones whose money is still in escrow. */
export const isHeld = (m: Pick<MilestoneRow, "status">) =>
  m.status === "pending" || m.status === "in_progress" || m.status === "delivered";

/** What a milestone's release or refund takes out of escrow: its part of the price and of the fee. */
const shareTotal = (m: MilestoneRow) => m.amount + m.service_fee;

const GUARDS: Record<MilestoneGuard, (ctx: MilestoneCtx) => void> = {
  revisions_left({ order, milestone }) {
    if (order.revisions_allowed !== null && milestone.revisions_used >= order.revisions_allowed)
      throw conflict("No revisions are left on this milestone.", "no_revisions_left");
  },
  current_delivery({ input, milestone }) {
    if (input.expected && milestone.delivered_at?.toISOString() !== input.expected)
      throw conflict("A newer delivery replaced this one.", "stale_timer");
  },
};

/** Each effect named in the milestone table, in the row's order, in the transition's transaction. */
const EFFECTS: Record<MilestoneEffect, (ctx: MilestoneCtx) => Promise<void> | void> = {
  start_milestone(ctx) {
    ctx.fields.started_at = ctx.now;
    ctx.fields.due_at = addDays(ctx.now, ctx.milestone.delivery_days);
  },
  async record_milestone_delivery(ctx) {
    const { id, aiUse } = await recordDelivery(ctx.tx, ctx.repo, {
      orderId: ctx.order.id,
      sellerId: ctx.order.seller_id,
      milestoneId: ctx.milestone.id,
      input: ctx.input,
      now: ctx.now,
    });
    ctx.fields.delivered_at = ctx.now;
    ctx.eventData.deliveryId = id;
    ctx.eventData.aiUse = aiUse;
  },
  async schedule_milestone_timer(ctx) {
    const m = ctx.milestone;
    const at = ctx.now.toISOString();
    await ctx.deps.jobs.schedule(
      ctx.tx,
      "orders.milestone_transition",
      {
        runAt: addSeconds(ctx.now, ctx.deps.config.orders.autoCompleteSeconds),
        payload: { orderId: ctx.order.id, milestoneId: m.id, transition: "auto_accept", expected: at },
        dedupeKey: `milestone:${m.id}:auto-accept:${at}`,
      },
      ctx.now,
    );
  },
  use_milestone_revision(ctx) {
    const m = ctx.milestone;
    ctx.fields.revisions_used = m.revisions_used + 1;
    const grace = addSeconds(ctx.now, ctx.deps.config.orders.revisionGraceSeconds);
    ctx.fields.due_at = m.due_at && m.due_at > grace ? m.due_at : grace;
    ctx.eventData.message = ctx.input.message ?? "";
  },
  async release_milestone(ctx) {
    const { order: o, milestone: m } = ctx;
    const c = o.currency;
    await ledger.post(
      ctx.tx,
      {
        businessKey: `order:${o.id}:milestone:${m.id}:release`,
        kind: "release",
        orderId: o.id,
        postings: [
          { account: accounts.escrow(o.id), amount: money(-shareTotal(m), c) },
          { account: accounts.pending(o.seller_id), amount: money(m.seller_earnings, c) },
          { account: accounts.commission(), amount: money(m.commission, c) },
          { account: accounts.fees(), amount: money(m.service_fee, c) },
        ],
      },
      ctx.now,
    );
    ctx.fields.completed_at = ctx.now;
    ctx.eventData.sellerEarnings = money(m.seller_earnings, c);
  },
  async schedule_milestone_clearing(ctx) {
    const [seller] = await ctx.repo.users([ctx.order.seller_id]);
    const clearsAt = addSeconds(
      ctx.now,
      clearingSeconds(ctx.deps.config, seller?.seller_level ?? null, ctx.order.rules),
    );
    ctx.fields.clears_at = clearsAt;
    await ctx.deps.jobs.schedule(
      ctx.tx,
      "orders.clear_milestone",
      {
        runAt: clearsAt,
        payload: { milestoneId: ctx.milestone.id },
        dedupeKey: `milestone:${ctx.milestone.id}:clear`,
      },
      ctx.now,
    );
  },
  start_next_milestone(ctx) {
    const next = ctx.milestones.find((m) => m.status === "pending" && m.position > ctx.milestone.position);
    ctx.then.push(async () => {
      if (next) await applyMilestoneRow(ctx, next, "start");
      else if (ctx.completeOrder) await ctx.completeOrder();
      else throw new Error("the last milestone was accepted without a way to complete the order");
    });
  },
  async refund_milestone(ctx) {
    const { order: o, milestone: m } = ctx;
    await ledger.post(
      ctx.tx,
      {
        businessKey: `order:${o.id}:milestone:${m.id}:refund`,
        kind: "refund",
        orderId: o.id,
        postings: transfer(
          accounts.escrow(o.id),
          accounts.credits(o.buyer_id),
          money(shareTotal(m), o.currency),
        ),
      },
      ctx.now,
    );
    ctx.fields.cancelled_at = ctx.now;
    ctx.eventData.refund = money(shareTotal(m), o.currency);
  },
  close_milestone(ctx) {
    // Its money moves in the order's split entry (one allocation over all the held milestones).
    ctx.fields.cancelled_at = ctx.now;
  },
};

type RowCtx = Omit<MilestoneCtx, "transition" | "milestone" | "fields" | "eventData" | "then">;

/**
 * Applies one row of MILESTONE_TRANSITIONS to `milestone` (the caller holds the order's lock and
 * has authorised the actor): the order's and the milestone's statuses, the guards, the effects in
 * order, then the compare-and-set of the milestone's status and its timeline event; last, what the
 * effects left to follow (the next milestone, the order's completion).
 */
export async function applyMilestoneRow(
  base: RowCtx,
  milestone: MilestoneRow,
  name: MilestoneTransitionName,
): Promise<void> {
  const t = milestoneTransition(name);
  if (!t.orderFrom.includes(base.order.status) || !t.from.includes(milestone.status))
    throw invalidTransition(milestone.status.replace("_", " "), `${name.replace(/_/g, " ")} milestone`);
  const ctx: MilestoneCtx = { ...base, transition: t, milestone, fields: {}, eventData: {}, then: [] };
  for (const guard of t.guards ?? []) GUARDS[guard](ctx);
  for (const effect of t.effects) await EFFECTS[effect](ctx);
  const changed = await ctx.repo.updateMilestone(
    milestone.id,
    milestone.status,
    { ...ctx.fields, status: t.to },
    ctx.now,
  );
  if (!changed) throw invalidTransition(milestone.status, `${name} milestone`);
  const from = milestone.status;
  Object.assign(milestone, ctx.fields, { status: t.to });
  await ctx.repo.insertEvent({
    orderId: ctx.order.id,
    kind: `milestone_${name}`,
    actorId: ctx.actorId,
    actorRole: ctx.actor,
    data: { ...ctx.eventData, milestoneId: milestone.id, title: milestone.title, from, to: t.to },
    now: ctx.now,
  });
  for (const next of ctx.then) await next();
}

/**
 * What the order's money rows do to an order paid in milestones: `settle` (an admin's completion),
 * `cancel` (every refund) or `split` (an admin's split) each milestone still held. Returns what the
 * milestones paid the seller in all, for `settle_licence`.
 */
export async function settleHeldMilestones(
  base: RowCtx,
  name: "settle" | "cancel" | "split",
): Promise<number> {
  for (const m of base.milestones.filter(isHeld)) await applyMilestoneRow(base, m, name);
  return base.milestones
    .filter((m) => m.status === "completed")
    .reduce((sum, m) => sum + m.seller_earnings, 0);
}

/** The order's figures for what is still in escrow: the milestones not yet released or refunded. */
export function heldOrder(order: OrderRow, milestones: readonly MilestoneRow[] | undefined): OrderRow {
  if (order.milestone_count === 0 || !milestones) return order;
  const held = milestones.filter(isHeld);
  const sum = (f: (m: MilestoneRow) => number) => held.reduce((s, m) => s + f(m), 0);
  return {
    ...order,
    subtotal: sum((m) => m.amount),
    service_fee: sum((m) => m.service_fee),
    total: sum(shareTotal),
    commission: sum((m) => m.commission),
    seller_earnings: sum((m) => m.seller_earnings),
  };
}
