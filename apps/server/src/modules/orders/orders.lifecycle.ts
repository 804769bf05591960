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
  | "flag_late";

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
    description: "The buyer answers the gig's requirements; the delivery clock starts.",
  },
  start_work: {
    actors: ["seller"],
    from: ["awaiting_requirements"],
    to: "in_progress",
    effects: ["start_clock", "schedule_timer"],
    schedules: "flag_late",
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
    description: "The seller delivers (message and files).",
  },
  request_revision: {
    actors: ["buyer"],
    from: ["delivered"],
    to: "in_progress",
    effects: ["use_revision", "schedule_timer"],
    schedules: "flag_late",
    description: "The buyer asks for changes; uses one of the package's revisions.",
  },
  accept: {
    actors: ["buyer"],
    from: ["delivered"],
    to: "completed",
    effects: ["release_escrow", "settle_licence", "withdraw_requests", "schedule_clearing"],
    description: "The buyer accepts the delivery; escrow is released to the seller's pending clearance.",
  },
  auto_complete: {
    actors: ["system"],
    from: ["delivered"],
    to: "completed",
    timer: { at: "delivery", after: "P3D", setting: "autoCompleteSeconds" },
    effects: ["release_escrow", "settle_licence", "withdraw_requests", "schedule_clearing"],
    description: "A delivery the buyer leaves alone for 3 days completes by itself.",
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
    description: "An admin splits the money by a percentage between buyer and seller.",
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
