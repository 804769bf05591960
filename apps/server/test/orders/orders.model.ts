/**
 * The model of the order lifecycle and the ledger that orders.model.test.ts runs the real use-cases
 * against: what each person's action and each timer should do to the orders and the seller's
 * wallet, priced by hand from PRODUCT.md's fees. Pure: no database, no clock of its own.
 */
import type { FeeConfig } from "../../src/modules/orders/orders.public";
import { TRANSITIONS, type TransitionName } from "../../src/modules/orders/orders.lifecycle";
import { breakdown, milestoneShares, splitOrder } from "../../src/modules/orders/orders.pricing";
import type { TransitionInput } from "../../src/modules/orders/orders.usecases";
import { money } from "../../src/platform/money";

export const S = 1000;
export const HOUR = 3600 * S;
export const DAY = 24 * HOUR;

export type Who = "buyer" | "seller" | "admin";
export type Tier = "basic" | "standard" | "premium";
export type Status =
  "awaiting_requirements" | "in_progress" | "delivered" | "completed" | "cancelled" | "disputed";
export type Kind = "cancellation" | "extension";
export type Licence = "personal" | "commercial";
export type LicenceState = "pending" | "granted" | "revoked";

/** The gig offers two licences; commercial adds 20.00 to each unit (part of the subtotal). */
export const COMMERCIAL = 2000;

/** The gig factory's packages, priced by hand (PRODUCT.md fees): what the model expects to pay. */
export const PRICES: Record<
  Tier,
  { subtotal: number; fee: number; total: number; earnings: number; days: number; revisions: number | null }
> = {
  basic: { subtotal: 5000, fee: 575, total: 5575, earnings: 4000, days: 3, revisions: 1 },
  standard: { subtotal: 12000, fee: 660, total: 12660, earnings: 9600, days: 5, revisions: 3 },
  premium: { subtotal: 30000, fee: 1650, total: 31650, earnings: 24000, days: 7, revisions: null },
};
/** The fee rates and clearing period in force (admins change them between orders). */
export interface Rules {
  fees: FeeConfig;
  /** How long a completed order's earnings (or a tip's) wait in pending clearance, in ms. */
  clearing: number;
}

/** The configuration's fees, those the tables above are priced under by hand. */
const HAND_PRICED: FeeConfig = {
  commissionBps: 2000,
  serviceFeeBps: 550,
  smallOrderFee: 300,
  smallOrderThreshold: 10000,
};
const handPriced = (fees: FeeConfig) =>
  (Object.keys(HAND_PRICED) as (keyof FeeConfig)[]).every((k) => fees[k] === HAND_PRICED[k]);

/**
 * A package with a licence, under `fees`: personal under the configuration's fees is the table
 * above; otherwise (commercial adds its price to the subtotal, or other fees) the pricing function.
 */
export function priced(tier: Tier, licence: Licence, fees: FeeConfig) {
  const base = PRICES[tier];
  if (licence === "personal" && handPriced(fees)) return base;
  const b = breakdown(money(base.subtotal + (licence === "commercial" ? COMMERCIAL : 0), "USD"), fees);
  return {
    ...base,
    subtotal: b.subtotal.amount,
    fee: b.serviceFee.amount,
    total: b.total.amount,
    earnings: b.sellerEarnings.amount,
  };
}

/** Tips: amount → buyer pays, seller earns. */
export const TIPS: Record<number, { total: number; earnings: number }> = {
  100: { total: 406, earnings: 80 },
  1000: { total: 1355, earnings: 800 },
  25000: { total: 26375, earnings: 20000 },
};
/** A tip under `fees`: the table under the configuration's fees, else the pricing function. */
export function tipPriced(amount: number, fees: FeeConfig): { total: number; earnings: number } {
  const hand = TIPS[amount];
  if (hand && handPriced(fees)) return hand;
  const b = breakdown(money(amount, "USD"), fees);
  return { total: b.total.amount, earnings: b.sellerEarnings.amount };
}
/**
 * The model's offer in milestones: 120.01 in 40.00 / 40.00 / 40.01, 2/3/2 days. Priced by hand: fee
 * 5.5 % = 6.60 (no small-order fee), commission 20 % = 24.00; each allocated over the amounts by the
 * largest remainder → fees 2.20 each, commissions 8.00 each, earnings 32.00 / 32.00 / 32.01, and each
 * share takes amount + fee out of escrow: 42.20 / 42.20 / 42.21 (= 126.61).
 */
export const MILESTONE_OFFER = {
  price: 12001,
  fee: 660,
  total: 12661,
  earnings: 9601,
  parts: [
    { title: "First", amount: 4000, fee: 220, earnings: 3200, days: 2 },
    { title: "Second", amount: 4000, fee: 220, earnings: 3200, days: 3 },
    { title: "Third", amount: 4001, fee: 220, earnings: 3201, days: 2 },
  ],
  revisions: 1,
} as const;

/**
 * The milestone offer under `fees`: the hand-priced table under the configuration's fees, else the
 * pricing functions (an admin changed the fees before the order was placed).
 */
export function milestonesPriced(fees: FeeConfig) {
  if (handPriced(fees)) return MILESTONE_OFFER;
  const o = MILESTONE_OFFER;
  const b = breakdown(money(o.price, "USD"), fees);
  const shares = milestoneShares(
    b,
    o.parts.map((p) => money(p.amount, "USD")),
  );
  return {
    price: o.price,
    fee: b.serviceFee.amount,
    total: b.total.amount,
    earnings: b.sellerEarnings.amount,
    parts: o.parts.map((p, i) => ({
      title: p.title,
      amount: p.amount,
      fee: shares[i]?.serviceFee.amount ?? 0,
      earnings: shares[i]?.sellerEarnings.amount ?? 0,
      days: p.days,
    })),
    revisions: o.revisions,
  };
}

export type MStatus = "pending" | "in_progress" | "delivered" | "completed" | "cancelled";
export type MilestoneEvent = "deliver" | "accept" | "request_revision";
export interface MMilestone {
  id: string;
  /** Its price and its part of the service fee (share = amount + fee). */
  amount: number;
  fee: number;
  share: number;
  earnings: number;
  days: number;
  /** When its delivery is due (its start + its days, pushed by revisions); null until it starts. */
  dueAt: number | null;
  status: MStatus;
  revisionsLeft: number | null;
  deliveredAt: number | null;
  completedAt: number | null;
  cleared: boolean;
}
const HELD: readonly MStatus[] = ["pending", "in_progress", "delivered"];

export const OPEN: readonly Status[] = ["awaiting_requirements", "in_progress", "delivered"];
export const TERMINAL: readonly Status[] = ["completed", "cancelled"];

export interface MRequest {
  id: string;
  kind: Kind;
  by: Who;
  at: number;
  days: number;
  pending: boolean;
}
export interface MOrder {
  id: string;
  status: Status;
  subtotal: number;
  fee: number;
  total: number;
  earnings: number;
  deliveryDays: number;
  revisionsLeft: number | null;
  dueAt: number | null;
  deliveredAt: number | null;
  completedAt: number | null;
  cleared: boolean;
  requests: MRequest[];
  licence: LicenceState;
  /** The rules in force when it was placed: it keeps them (fees, and its clearing period at release). */
  rules: Rules;
  /** An order paid in milestones (null: delivered and accepted as a whole). */
  milestones: MMilestone[] | null;
  /** An order in milestones an admin split: the split's share (`earnings`) clears with the order. */
  split?: true;
}
export interface Model {
  now: number;
  /** The rules in force now: new orders and tips are priced and cleared under them. */
  rules: Rules;
  orders: MOrder[];
  tips: { at: number; earnings: number; cleared: boolean; clearing: number }[];
  credits: number;
  pending: number;
  available: number;
  lastWithdrawalAt: number | null;
}
export type Outcome = { ok: true } | { ok: false; status: number; code: string };
export const OK: Outcome = { ok: true };
export const fail = (status: number, code: string): Outcome => ({ ok: false, status, code });

// ---- the model's rules ---------------------------------------------------------------------

export function withdrawRequests(o: MOrder) {
  for (const r of o.requests) r.pending = false;
}

export function release(m: Model, o: MOrder, at: number) {
  if (o.milestones) {
    // What is still held is released milestone by milestone (nothing, after the last acceptance).
    for (const ms of o.milestones.filter((x) => HELD.includes(x.status))) payMilestone(m, ms, at);
    o.licence = "granted";
  } else {
    m.pending += o.earnings;
    // The licence passes only if the seller was paid: a split that refunds everything revokes it.
    o.licence = o.earnings > 0 ? "granted" : "revoked";
  }
  o.status = "completed";
  o.completedAt = at;
  withdrawRequests(o);
}

export function refund(m: Model, o: MOrder) {
  if (o.milestones) {
    // The milestones not completed go back to the buyer; released ones stay with the seller, and
    // the licence covers what the buyer accepted and paid for.
    for (const ms of o.milestones.filter((x) => HELD.includes(x.status))) {
      m.credits += ms.share;
      ms.status = "cancelled";
    }
    o.licence = o.milestones.some((x) => x.status === "completed") ? "granted" : "revoked";
  } else {
    m.credits += o.total;
    o.licence = "revoked";
  }
  o.status = "cancelled";
  withdrawRequests(o);
}

function payMilestone(m: Model, ms: MMilestone, at: number) {
  m.pending += ms.earnings;
  ms.status = "completed";
  ms.completedAt = at;
}

/** A milestone's acceptance (by the buyer or its 3-day timer): its share released, the next started. */
export function acceptMilestone(m: Model, o: MOrder, ms: MMilestone, at: number) {
  payMilestone(m, ms, at);
  ms.deliveredAt = null;
  const next = o.milestones?.find((x) => x.status === "pending");
  if (next) {
    next.status = "in_progress";
    next.dueAt = at + next.days * DAY;
  } else release(m, o, at);
}

/**
 * An admin's split of a disputed order in milestones: the ordinary split's rule on what is still
 * held (the milestones not completed, their amounts and fee shares), in one move; those milestones
 * end cancelled, the completed ones stay paid. The split's share clears with the order.
 */
export function splitMilestones(m: Model, o: MOrder, buyerRefundPercent: number, at: number) {
  const held = (o.milestones ?? []).filter((x) => HELD.includes(x.status));
  const s = splitOrder(
    {
      subtotal: money(
        held.reduce((sum, x) => sum + x.amount, 0),
        "USD",
      ),
      serviceFee: money(
        held.reduce((sum, x) => sum + x.fee, 0),
        "USD",
      ),
    },
    buyerRefundPercent,
    o.rules.fees,
  );
  m.credits += s.buyerRefund.amount;
  m.pending += s.sellerEarnings.amount;
  for (const x of held) x.status = "cancelled";
  o.earnings = s.sellerEarnings.amount;
  o.split = true;
  const paid = (o.milestones ?? []).some((x) => x.status === "completed") || s.sellerEarnings.amount > 0;
  o.licence = paid ? "granted" : "revoked";
  o.status = "completed";
  o.completedAt = at;
  withdrawRequests(o);
}

/**
 * The due time lateness counts from: an order in milestones, the milestone in progress's (none
 * while the current one is delivered, or the order is not in progress); other orders, their own.
 */
export function lateDue(o: MOrder): number | null {
  if (!o.milestones) return o.dueAt;
  if (o.status !== "in_progress") return null;
  return o.milestones.find((x) => x.status === "in_progress")?.dueAt ?? null;
}

/** What a person's milestone action should do (the table's actors, statuses and the revision guard). */
export function predictMilestone(o: MOrder, who: Who, event: MilestoneEvent, which: number): Outcome {
  const actor = event === "deliver" ? "seller" : "buyer";
  if (who !== actor) return fail(403, "forbidden");
  const ms = o.milestones?.[which];
  if (!ms) return fail(404, "not_found");
  const from: MStatus = event === "deliver" ? "in_progress" : "delivered";
  if (o.status !== "in_progress" || ms.status !== from) return fail(409, "invalid_transition");
  if (event === "request_revision" && ms.revisionsLeft === 0) return fail(409, "no_revisions_left");
  return OK;
}

export function applyMilestone(m: Model, o: MOrder, event: MilestoneEvent, which: number) {
  const ms = o.milestones?.[which];
  if (!ms) throw new Error("model: no milestone");
  if (event === "deliver") {
    ms.status = "delivered";
    ms.deliveredAt = m.now;
  } else if (event === "request_revision") {
    ms.status = "in_progress";
    ms.deliveredAt = null;
    if (ms.revisionsLeft !== null) ms.revisionsLeft -= 1;
    ms.dueAt = Math.max(ms.dueAt ?? 0, m.now + DAY);
  } else acceptMilestone(m, o, ms, m.now);
}

export const pendingOf = (o: MOrder, kind: Kind) => o.requests.find((r) => r.kind === kind && r.pending);
export const lastOf = (o: MOrder, kind: Kind) => o.requests.filter((r) => r.kind === kind).at(-1);

/** The request a person answers: the pending one, else the last one (closed), else none. */
export const answerTarget = (o: MOrder, kind: Kind) => pendingOf(o, kind) ?? lastOf(o, kind);

/** What a person's transition should do, following the table and the use-case's guards. */
export function predict(m: Model, o: MOrder, who: Who, name: TransitionName): Outcome {
  const t = TRANSITIONS[name];
  if (!(t.actors as readonly string[]).includes(who)) return fail(403, "forbidden");
  const plan: string | undefined = (t as { plan?: string }).plan;
  if (plan && plan !== (o.milestones ? "milestones" : "single")) return fail(409, "milestone_order");
  if (!(t.from as readonly Status[]).includes(o.status)) return fail(409, "invalid_transition");
  switch (name) {
    case "request_revision":
      return o.revisionsLeft === 0 ? fail(409, "no_revisions_left") : OK;
    case "late_cancel": {
      const due = lateDue(o);
      return due === null || m.now < due + DAY ? fail(409, "not_late_enough") : OK;
    }
    case "request_cancellation":
    case "request_extension":
      return pendingOf(o, name === "request_extension" ? "extension" : "cancellation")
        ? fail(409, "request_pending")
        : OK;
    case "accept_cancellation":
    case "decline_cancellation":
    case "accept_extension":
    case "decline_extension": {
      const target = answerTarget(o, name.endsWith("extension") ? "extension" : "cancellation");
      if (!target) return fail(404, "not_found");
      if (!target.pending) return fail(409, "request_closed");
      if (target.by === who) return fail(409, "own_request");
      return OK;
    }
    default:
      return OK;
  }
}

export function applyPredicted(
  m: Model,
  o: MOrder,
  who: Who,
  name: TransitionName,
  input: TransitionInput,
  requestId: string,
) {
  switch (name) {
    case "submit_requirements":
    case "start_work":
      o.status = "in_progress";
      o.dueAt = m.now + o.deliveryDays * DAY;
      return;
    case "deliver":
      o.status = "delivered";
      o.deliveredAt = m.now;
      return;
    case "request_revision":
      if (o.revisionsLeft !== null) o.revisionsLeft -= 1;
      o.dueAt = Math.max(o.dueAt ?? 0, m.now + DAY);
      o.status = "in_progress";
      o.deliveredAt = null;
      return;
    case "accept":
    case "resolve_complete":
      return release(m, o, m.now);
    case "late_cancel":
    case "resolve_cancel":
    case "admin_cancel":
      return refund(m, o);
    case "resolve_split": {
      if (o.milestones) return splitMilestones(m, o, input.buyerRefundPercent ?? 0, m.now);
      const s = splitOrder(
        { subtotal: money(o.subtotal, "USD"), serviceFee: money(o.fee, "USD") },
        input.buyerRefundPercent ?? 0,
        o.rules.fees,
      );
      m.credits += s.buyerRefund.amount;
      o.earnings = s.sellerEarnings.amount;
      return release(m, o, m.now);
    }
    case "request_cancellation":
    case "request_extension":
      o.requests.push({
        id: requestId,
        kind: name === "request_extension" ? "extension" : "cancellation",
        by: who,
        at: m.now,
        days: input.days ?? 0,
        pending: true,
      });
      return;
    case "accept_cancellation":
      return refund(m, o);
    case "accept_extension": {
      const r = pendingOf(o, "extension");
      if (!r) throw new Error("model: no pending extension");
      r.pending = false;
      o.deliveryDays += r.days;
      if (o.dueAt !== null) o.dueAt += r.days * DAY;
      return;
    }
    case "decline_cancellation":
    case "decline_extension": {
      const r = pendingOf(o, name === "decline_extension" ? "extension" : "cancellation");
      if (r) r.pending = false;
      return;
    }
    case "open_dispute":
    case "suspend_dispute":
      o.status = "disputed";
      withdrawRequests(o);
      return;
    default:
      throw new Error(`model: ${name} is not a person's transition`);
  }
}

/** The timers the scheduled work should fire, as the model sees them. */
export function nextTimer(m: Model): { at: number; fire: () => void } | undefined {
  const timers: { at: number; fire: () => void }[] = [];
  for (const o of m.orders) {
    for (const ms of o.milestones ?? []) {
      if (o.status === "in_progress" && ms.status === "delivered" && ms.deliveredAt !== null) {
        const at = ms.deliveredAt + 3 * DAY;
        timers.push({ at, fire: () => acceptMilestone(m, o, ms, at) });
      }
      if (ms.status === "completed" && !ms.cleared && ms.completedAt !== null) {
        timers.push({
          at: ms.completedAt + o.rules.clearing,
          fire: () => {
            m.pending -= ms.earnings;
            m.available += ms.earnings;
            ms.cleared = true;
          },
        });
      }
    }
    if (o.status === "delivered" && o.deliveredAt !== null) {
      const at = o.deliveredAt + 3 * DAY;
      timers.push({ at, fire: () => release(m, o, at) });
    }
    const cancellation = pendingOf(o, "cancellation");
    if (cancellation && OPEN.includes(o.status))
      timers.push({ at: cancellation.at + 2 * DAY, fire: () => refund(m, o) });
    const extension = pendingOf(o, "extension");
    if (extension) timers.push({ at: extension.at + 4 * DAY, fire: () => (extension.pending = false) });
    if ((!o.milestones || o.split) && o.status === "completed" && !o.cleared && o.completedAt !== null) {
      timers.push({
        at: o.completedAt + o.rules.clearing,
        fire: () => {
          m.pending -= o.earnings;
          m.available += o.earnings;
          o.cleared = true;
        },
      });
    }
  }
  for (const t of m.tips) {
    if (!t.cleared) {
      timers.push({
        at: t.at + t.clearing,
        fire: () => {
          m.pending -= t.earnings;
          m.available += t.earnings;
          t.cleared = true;
        },
      });
    }
  }
  return timers.filter((t) => t.at <= m.now).sort((a, b) => a.at - b.at)[0];
}
