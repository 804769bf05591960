import type { OrderStatus } from "@atelier/contracts";

/**
 * The order lifecycle as data (after sharetribe's process.edn): each transition names who may take it,
 * the statuses it leaves from, the status it goes to (`null` = the status stays), its effects in order,
 * and the facts its effects read: the timer it sets, the request kind it opens or answers, the fault
 * of a cancellation, the outcome of a dispute decision. Timed transitions carry when the system takes
 * them. `commands/apply-transition.ts` runs a row; `orders.effects.ts` holds one handler per effect;
 * docs/orders.md draws its diagram from this table (`npm run docs:orders -w @atelier/server`).
 */
export type Actor = "buyer" | "seller" | "admin" | "system";

export type Effect =
  | "save_requirements"
  | "start_clock"
  | "record_delivery"
  | "use_revision"
  | "release_escrow"
  | "schedule_clearing"
  | "refund_escrow"
  | "split_escrow"
  | "settle_licence"
  | "record_cancellation"
  | "open_request"
  | "close_request"
  | "schedule_timer"
  | "withdraw_requests"
  | "extend_due"
  | "record_dispute"
  | "record_resolution"
  | "flag_late"
  | "start_first_milestone";

export type RequestKind = "cancellation" | "extension";

/** The transitions the system takes on a timer (each row carries its `timer`; the test checks both agree). */
export type TimedTransition = "flag_late" | "auto_complete" | "auto_accept_cancellation" | "lapse_extension";

/**
 * When the system takes a timed transition, and what makes a fired timer stale: `due` runs at the
 * order's due time and is stale once the due time moved; the others run `after` (an ISO 8601 duration,
 * overridden by the `config.orders` setting named) since the delivery or the request they answer.
 */
export type Timer =
  | { at: "due" }
  | {
      at: "delivery" | "request";
      after: string;
      setting: "autoCompleteSeconds" | "cancellationAutoAcceptSeconds" | "extensionLapseSeconds";
    };

export interface Transition {
  name: TransitionName;
  actors: readonly Actor[];
  from: readonly OrderStatus[];
  to: OrderStatus | null;
  effects: readonly Effect[];
  description: string;
  /** Timed transitions: when the system takes this transition by itself. */
  timer?: Timer;
  /** The timed transition the `schedule_timer` effect sets. */
  schedules?: TimedTransition;
  /** The kind of request `open_request` opens or `close_request` answers. */
  request?: RequestKind;
  /** How `close_request` answers it. */
  answer?: "accepted" | "declined" | "lapsed";
  /** Whose fault a cancellation is (`chosen`: the admin's `fault` input), and its default reason. */
  cancellation?: { fault: "seller" | "none" | "chosen"; reason?: string };
  /** The admin's decision `record_resolution` records. */
  outcome?: "complete" | "cancel" | "split";
  /**
   * The orders the row is for: `single` — delivered and accepted as a whole; `milestones` — paid in
   * milestones, worked through MILESTONE_TRANSITIONS (409 `milestone_order` for the other kind).
   * Absent: both.
   */
  plan?: "single" | "milestones";
}

export const OPEN_STATUSES: readonly OrderStatus[] = ["awaiting_requirements", "in_progress", "delivered"];
export const TERMINAL_STATUSES: readonly OrderStatus[] = ["completed", "cancelled"];

export const TRANSITIONS = {
  submit_requirements: {
    actors: ["buyer"],
    from: ["awaiting_requirements"],
    to: "in_progress",
    effects: ["save_requirements", "start_clock", "schedule_timer"],
    schedules: "flag_late",
    plan: "single",
    description: "The buyer answers the gig's requirements; the delivery clock starts.",
  },
  start_work: {
    actors: ["seller"],
    from: ["awaiting_requirements"],
    to: "in_progress",
    effects: ["start_clock", "schedule_timer"],
    schedules: "flag_late",
    plan: "single",
    description: "The seller starts without the requirements; the delivery clock starts.",
  },
  flag_late: {
    actors: ["system"],
    from: ["in_progress"],
    to: null,
    timer: { at: "due" },
    effects: ["flag_late"],
    description: "At the due time, an undelivered order is flagged late.",
  },
  deliver: {
    actors: ["seller"],
    from: ["in_progress"],
    to: "delivered",
    effects: ["record_delivery", "schedule_timer"],
    schedules: "auto_complete",
    plan: "single",
    description: "The seller delivers (message and files).",
  },
  request_revision: {
    actors: ["buyer"],
    from: ["delivered"],
    to: "in_progress",
    effects: ["use_revision", "schedule_timer"],
    schedules: "flag_late",
    plan: "single",
    description: "The buyer asks for changes; uses one of the package's revisions.",
  },
  accept: {
    actors: ["buyer"],
    from: ["delivered"],
    to: "completed",
    effects: ["release_escrow", "settle_licence", "withdraw_requests", "schedule_clearing"],
    plan: "single",
    description: "The buyer accepts the delivery; escrow is released to the seller's pending clearance.",
  },
  auto_complete: {
    actors: ["system"],
    from: ["delivered"],
    to: "completed",
    timer: { at: "delivery", after: "P3D", setting: "autoCompleteSeconds" },
    effects: ["release_escrow", "settle_licence", "withdraw_requests", "schedule_clearing"],
    plan: "single",
    description: "A delivery the buyer leaves alone for 3 days completes by itself.",
  },
  start_milestones: {
    actors: ["system"],
    from: ["awaiting_requirements"],
    to: "in_progress",
    effects: ["start_clock", "schedule_timer", "start_first_milestone"],
    schedules: "flag_late",
    plan: "milestones",
    description:
      "At payment, an order paid in milestones starts: the clock runs for all its days, its first milestone is in progress.",
  },
  complete_milestones: {
    actors: ["system"],
    from: ["in_progress"],
    to: "completed",
    effects: ["release_escrow", "settle_licence", "withdraw_requests", "schedule_clearing"],
    plan: "milestones",
    description:
      "The last milestone is accepted: each was released on its acceptance, so nothing is left in escrow; the licence is granted.",
  },
  late_cancel: {
    actors: ["buyer"],
    from: ["in_progress"],
    to: "cancelled",
    effects: ["record_cancellation", "refund_escrow", "settle_licence", "withdraw_requests"],
    cancellation: { fault: "seller", reason: "The order was more than 24 hours late." },
    description: "At 24 hours late, the buyer may cancel alone; full refund to credits (seller's fault).",
  },
  request_cancellation: {
    actors: ["buyer", "seller"],
    from: OPEN_STATUSES,
    to: null,
    effects: ["open_request", "schedule_timer"],
    request: "cancellation",
    schedules: "auto_accept_cancellation",
    description: "Either party asks to cancel; the other accepts or declines.",
  },
  accept_cancellation: {
    actors: ["buyer", "seller"],
    from: OPEN_STATUSES,
    to: "cancelled",
    effects: ["close_request", "record_cancellation", "refund_escrow", "settle_licence", "withdraw_requests"],
    request: "cancellation",
    answer: "accepted",
    cancellation: { fault: "none" },
    description: "The other party agrees; full refund to the buyer's credits (no fault).",
  },
  auto_accept_cancellation: {
    actors: ["system"],
    from: OPEN_STATUSES,
    to: "cancelled",
    timer: { at: "request", after: "P2D", setting: "cancellationAutoAcceptSeconds" },
    effects: ["close_request", "record_cancellation", "refund_escrow", "settle_licence", "withdraw_requests"],
    request: "cancellation",
    answer: "accepted",
    cancellation: { fault: "none" },
    description: "48 hours of silence accept a cancellation request.",
  },
  decline_cancellation: {
    actors: ["buyer", "seller"],
    from: OPEN_STATUSES,
    to: null,
    effects: ["close_request"],
    request: "cancellation",
    answer: "declined",
    description: "The other party declines; the order goes on.",
  },
  request_extension: {
    actors: ["seller"],
    from: ["awaiting_requirements", "in_progress"],
    to: null,
    effects: ["open_request", "schedule_timer"],
    request: "extension",
    schedules: "lapse_extension",
    description: "The seller asks for more days.",
  },
  accept_extension: {
    actors: ["buyer"],
    from: ["awaiting_requirements", "in_progress"],
    to: null,
    effects: ["close_request", "extend_due", "schedule_timer"],
    request: "extension",
    answer: "accepted",
    schedules: "flag_late",
    description: "The buyer grants the days; the due time moves.",
  },
  decline_extension: {
    actors: ["buyer"],
    from: ["awaiting_requirements", "in_progress", "delivered", "disputed"],
    to: null,
    effects: ["close_request"],
    request: "extension",
    answer: "declined",
    description: "The buyer refuses the extension.",
  },
  lapse_extension: {
    actors: ["system"],
    from: ["awaiting_requirements", "in_progress", "delivered", "completed", "cancelled", "disputed"],
    to: null,
    timer: { at: "request", after: "P4D", setting: "extensionLapseSeconds" },
    effects: ["close_request"],
    request: "extension",
    answer: "lapsed",
    description: "An unanswered extension request lapses after 4 days.",
  },
  open_dispute: {
    actors: ["buyer", "seller"],
    from: OPEN_STATUSES,
    to: "disputed",
    effects: ["record_dispute", "withdraw_requests"],
    description: "Either party escalates; the order freezes until an admin resolves it.",
  },
  suspend_dispute: {
    actors: ["admin"],
    from: OPEN_STATUSES,
    to: "disputed",
    effects: ["record_dispute", "withdraw_requests"],
    description: "An admin's suspension of a party freezes the order for review.",
  },
  resolve_complete: {
    actors: ["admin"],
    from: ["disputed"],
    to: "completed",
    effects: [
      "record_resolution",
      "release_escrow",
      "settle_licence",
      "withdraw_requests",
      "schedule_clearing",
    ],
    outcome: "complete",
    description: "An admin completes the order: the seller is paid.",
  },
  resolve_cancel: {
    actors: ["admin"],
    from: ["disputed"],
    to: "cancelled",
    effects: [
      "record_resolution",
      "record_cancellation",
      "refund_escrow",
      "settle_licence",
      "withdraw_requests",
    ],
    outcome: "cancel",
    cancellation: { fault: "chosen" },
    description: "An admin cancels the order: full refund to the buyer's credits.",
  },
  resolve_split: {
    actors: ["admin"],
    from: ["disputed"],
    to: "completed",
    effects: ["record_resolution", "split_escrow", "settle_licence", "schedule_clearing"],
    outcome: "split",
    description:
      "An admin splits the money still in escrow by a percentage between buyer and seller (in milestones: the milestones not completed).",
  },
  admin_cancel: {
    actors: ["admin"],
    from: [...OPEN_STATUSES, "disputed"],
    to: "cancelled",
    effects: ["record_cancellation", "refund_escrow", "settle_licence", "withdraw_requests"],
    cancellation: { fault: "chosen" },
    description: "An admin cancels an open order (for example, a suspended party).",
  },
} as const satisfies Record<string, Omit<Transition, "name">>;

export type TransitionName = keyof typeof TRANSITIONS;

export function transition(name: TransitionName): Transition {
  return { name, ...TRANSITIONS[name] };
}

/** The ISO 8601 delay of a timed transition (`P3D`), `undefined` for one at the due time or untimed. */
export function delayOf(t: Pick<Transition, "timer">): string | undefined {
  return t.timer && "after" in t.timer ? t.timer.after : undefined;
}

export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as TransitionName[];

/** The transitions whose money move settles the order's licence (granted or revoked). */
export const LICENCE_SETTLING_TRANSITIONS: ReadonlySet<string> = new Set(
  TRANSITION_NAMES.filter((n) => (TRANSITIONS[n].effects as readonly Effect[]).includes("settle_licence")),
);

/** Seconds in an ISO 8601 duration of days and hours (`P3D`, `PT48H`, `P1DT12H`). */
export function durationSeconds(iso: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
  if (!m) throw new Error(`unsupported duration ${iso}`);
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60;
}

/** Whether `actor` may take `name` from `status` (guards beyond status are the use-case's). */
export function allowed(name: TransitionName, actor: Actor, status: OrderStatus): boolean {
  const t = TRANSITIONS[name];
  return (
    (t.actors as readonly Actor[]).includes(actor) && (t.from as readonly OrderStatus[]).includes(status)
  );
}

// ---- milestones ----------------------------------------------------------------------------------

export type MilestoneStatus = "pending" | "in_progress" | "delivered" | "completed" | "cancelled";

export type MilestoneEffect =
  | "start_milestone"
  | "record_milestone_delivery"
  | "schedule_milestone_timer"
  | "use_milestone_revision"
  | "release_milestone"
  | "schedule_milestone_clearing"
  | "start_next_milestone"
  | "refund_milestone"
  | "close_milestone";

/** A check a milestone row makes before its effects (`orders.milestones.ts` holds them). */
export type MilestoneGuard = "revisions_left" | "current_delivery";

export interface MilestoneTransition {
  name: MilestoneTransitionName;
  actors: readonly Actor[];
  /** The milestone's statuses it leaves from, and the one it goes to. */
  from: readonly MilestoneStatus[];
  to: MilestoneStatus;
  /** The order's statuses in which it may happen (a disputed or finished order freezes its milestones). */
  orderFrom: readonly OrderStatus[];
  effects: readonly MilestoneEffect[];
  guards?: readonly MilestoneGuard[];
  /** Timed rows: when the system takes it (after the milestone's delivery). */
  timer?: { at: "delivery"; after: string; setting: "autoCompleteSeconds" };
  /** The timed row `schedule_milestone_timer` sets. */
  schedules?: "auto_accept";
  /** The route (`POST /api/orders/:id/milestones/:mid/<route>`) a person takes it by. */
  route?: "deliveries" | "accept" | "revision-requests";
  description: string;
}

/**
 * The milestone sub-lifecycle as data, beside the order's: an order paid in milestones is
 * `in_progress` while they are worked one at a time; each row moves one milestone. Money moves per
 * milestone: `release_milestone` pays its share out of escrow (commission on the share),
 * `refund_milestone` gives its share back. `start_next_milestone` starts the next one, or — after
 * the last — takes the order's `complete_milestones`. The order's own money rows act on the
 * milestones still held: its refunds take `cancel` for each, an admin's completion `settle`, an
 * admin's split `split` (the money of a split moves in the order's one `split_escrow` entry).
 * `commands/act-milestone.ts` runs a row; docs/orders.md draws it.
 */
export const MILESTONE_TRANSITIONS = {
  start: {
    actors: ["system"],
    from: ["pending"],
    to: "in_progress",
    orderFrom: ["awaiting_requirements", "in_progress"],
    effects: ["start_milestone"],
    description:
      "Work starts: the first milestone at payment, each next one when the one before is accepted.",
  },
  deliver: {
    actors: ["seller"],
    from: ["in_progress"],
    to: "delivered",
    orderFrom: ["in_progress"],
    effects: ["record_milestone_delivery", "schedule_milestone_timer"],
    schedules: "auto_accept",
    route: "deliveries",
    description: "The seller delivers the milestone (message, files, AI declaration).",
  },
  request_revision: {
    actors: ["buyer"],
    from: ["delivered"],
    to: "in_progress",
    orderFrom: ["in_progress"],
    guards: ["revisions_left"],
    effects: ["use_milestone_revision"],
    route: "revision-requests",
    description:
      "The buyer asks for changes to the milestone; uses one of its revisions (the offer's count).",
  },
  accept: {
    actors: ["buyer"],
    from: ["delivered"],
    to: "completed",
    orderFrom: ["in_progress"],
    effects: ["release_milestone", "schedule_milestone_clearing", "start_next_milestone"],
    route: "accept",
    description:
      "The buyer accepts the milestone: its share leaves escrow (seller's pending clearance, commission on the share); the next one starts.",
  },
  auto_accept: {
    actors: ["system"],
    from: ["delivered"],
    to: "completed",
    orderFrom: ["in_progress"],
    timer: { at: "delivery", after: "P3D", setting: "autoCompleteSeconds" },
    guards: ["current_delivery"],
    effects: ["release_milestone", "schedule_milestone_clearing", "start_next_milestone"],
    description: "A milestone delivery the buyer leaves alone for 3 days is accepted by itself.",
  },
  settle: {
    actors: ["system"],
    from: ["pending", "in_progress", "delivered"],
    to: "completed",
    orderFrom: ["disputed"],
    effects: ["release_milestone", "schedule_milestone_clearing"],
    description:
      "An admin completes the disputed order: each milestone still held is released to the seller.",
  },
  cancel: {
    actors: ["system"],
    from: ["pending", "in_progress", "delivered"],
    to: "cancelled",
    orderFrom: ["awaiting_requirements", "in_progress", "delivered", "disputed"],
    effects: ["refund_milestone"],
    description:
      "The order is cancelled (any way): each milestone not completed is refunded to the buyer's credits; released ones stay with the seller.",
  },
  split: {
    actors: ["system"],
    from: ["pending", "in_progress", "delivered"],
    to: "cancelled",
    orderFrom: ["disputed"],
    effects: ["close_milestone"],
    description:
      "An admin splits the disputed order: each milestone still held ends cancelled; the order's one split entry moves what they held (released ones stay with the seller).",
  },
} as const satisfies Record<string, Omit<MilestoneTransition, "name">>;

export type MilestoneTransitionName = keyof typeof MILESTONE_TRANSITIONS;
export const MILESTONE_TRANSITION_NAMES = Object.keys(MILESTONE_TRANSITIONS) as MilestoneTransitionName[];
export const MILESTONE_STATUSES: readonly MilestoneStatus[] = [
  "pending",
  "in_progress",
  "delivered",
  "completed",
  "cancelled",
];

export function milestoneTransition(name: MilestoneTransitionName): MilestoneTransition {
  return { name, ...MILESTONE_TRANSITIONS[name] };
}
