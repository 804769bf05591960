import { OrderStatusSchema, type OrderStatus } from "@atelier/contracts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultOrdersConfig } from "../../app/config";
import {
  allowed,
  delayOf,
  durationSeconds,
  MILESTONE_STATUSES,
  MILESTONE_TRANSITION_NAMES,
  milestoneTransition,
  OPEN_STATUSES,
  TERMINAL_STATUSES,
  transition,
  TRANSITION_NAMES,
  type Actor,
  type Effect,
  type TimedTransition,
  type TransitionName,
} from "./orders.lifecycle";
import { availableActions, lateDueAt, roleOf } from "./orders.models";
import { newOrderRow, type OrderRow } from "./orders.rows";

const STATUSES = OrderStatusSchema.options;
const isTransition = (name: string): name is TransitionName =>
  (TRANSITION_NAMES as readonly string[]).includes(name);
const ACTORS: Actor[] = ["buyer", "seller", "admin", "system"];
const DAY = 86_400;

describe("the transition table", () => {
  it("names valid statuses, at least one actor, and a source status for every transition", () => {
    for (const name of TRANSITION_NAMES) {
      const t = transition(name);
      expect(t.name).toBe(name);
      expect(t.actors.length).toBeGreaterThan(0);
      expect(t.from.length).toBeGreaterThan(0);
      for (const s of t.from) expect(STATUSES).toContain(s);
      if (t.to !== null) expect(STATUSES).toContain(t.to);
      expect(t.description.length).toBeGreaterThan(10);
    }
  });

  it("gives a delay to exactly the timed transitions of the system, matching the configured defaults", () => {
    const config = defaultOrdersConfig();
    const delayed = TRANSITION_NAMES.filter((n) => delayOf(transition(n)) !== undefined);
    expect(delayed.sort()).toEqual(["auto_accept_cancellation", "auto_complete", "lapse_extension"]);
    for (const name of TRANSITION_NAMES) {
      const timer = transition(name).timer;
      if (!timer) continue;
      expect(transition(name).actors, name).toEqual(["system"]);
      if (timer.at !== "due") expect(durationSeconds(timer.after), name).toBe(config[timer.setting]);
    }
  });

  it("gives every effect the data it reads from its row", () => {
    const timed = TRANSITION_NAMES.filter((n) => transition(n).timer !== undefined);
    const declared: TimedTransition[] = [
      "flag_late",
      "auto_complete",
      "auto_accept_cancellation",
      "lapse_extension",
    ];
    expect(timed.sort()).toEqual(declared.sort());
    for (const name of TRANSITION_NAMES) {
      const t = transition(name);
      const has = (e: Effect) => t.effects.includes(e);
      expect(has("schedule_timer"), name).toBe(t.schedules !== undefined);
      if (t.schedules) expect(timed, name).toContain(t.schedules);
      expect(has("open_request") || has("close_request"), name).toBe(t.request !== undefined);
      expect(has("close_request"), name).toBe(t.answer !== undefined);
      expect(has("record_cancellation"), name).toBe(t.cancellation !== undefined);
      expect(has("record_resolution"), name).toBe(t.outcome !== undefined);
      // Every way out of the open statuses (paid out, refunded, frozen) withdraws the pending requests.
      const leaves = has("release_escrow") || has("refund_escrow") || has("record_dispute");
      expect(has("withdraw_requests"), name).toBe(leaves);
    }
  });

  it("lets nobody move an order out of a terminal status", () => {
    for (const name of TRANSITION_NAMES) {
      const t = transition(name);
      const leavesTerminal = t.from.some((s) => TERMINAL_STATUSES.includes(s)) && t.to !== null;
      expect(leavesTerminal, name).toBe(false);
    }
  });

  it("keeps people's transitions out of terminal statuses (only a lapse closes a stale request there)", () => {
    for (const status of TERMINAL_STATUSES) {
      const possible = TRANSITION_NAMES.filter((n) => ACTORS.some((a) => allowed(n, a, status)));
      expect(possible).toEqual(["lapse_extension"]);
    }
  });

  it("freezes a disputed order for the parties: they may only decline a stale extension", () => {
    for (const actor of ["buyer", "seller"] as const) {
      const possible = TRANSITION_NAMES.filter((n) => allowed(n, actor, "disputed"));
      expect(possible).toEqual(actor === "buyer" ? ["decline_extension"] : []);
    }
    expect(TRANSITION_NAMES.filter((n) => allowed(n, "admin", "disputed")).sort()).toEqual([
      "admin_cancel",
      "resolve_cancel",
      "resolve_complete",
      "resolve_split",
    ]);
  });

  it("moves money exactly when an order reaches a terminal status", () => {
    const money = ["release_escrow", "refund_escrow", "split_escrow"];
    for (const name of TRANSITION_NAMES) {
      const t = transition(name);
      const moves = t.effects.filter((e) => money.includes(e));
      const terminal = t.to !== null && TERMINAL_STATUSES.includes(t.to);
      expect(moves.length, name).toBe(terminal ? 1 : 0);
      // Completion pays the seller and schedules clearing; cancellation refunds the buyer.
      if (t.to === "completed") expect(t.effects).toContain("schedule_clearing");
      if (t.to === "cancelled")
        expect(t.effects).toEqual(expect.arrayContaining(["record_cancellation", "refund_escrow"]));
    }
  });

  it("settles the licence right after every money move, and never without one", () => {
    const money = ["release_escrow", "refund_escrow", "split_escrow"];
    for (const name of TRANSITION_NAMES) {
      const effects: readonly string[] = transition(name).effects;
      const at = effects.findIndex((e) => money.includes(e));
      if (at < 0) expect(effects, name).not.toContain("settle_licence");
      else expect(effects[at + 1], name).toBe("settle_licence");
    }
  });

  it("reaches every status from awaiting_requirements", () => {
    const seen = new Set<OrderStatus>(["awaiting_requirements"]);
    for (let changed = true; changed;) {
      changed = false;
      for (const name of TRANSITION_NAMES) {
        const t = transition(name);
        if (t.to && !seen.has(t.to) && t.from.some((s) => seen.has(s))) {
          seen.add(t.to);
          changed = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...STATUSES].sort());
  });

  it("allows an actor a transition exactly when the table lists both the actor and the status (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TRANSITION_NAMES),
        fc.constantFrom(...ACTORS),
        fc.constantFrom(...STATUSES),
        (name, actor, status) => {
          const t = transition(name);
          expect(allowed(name, actor, status)).toBe(t.actors.includes(actor) && t.from.includes(status));
        },
      ),
    );
  });
});

describe("durationSeconds", () => {
  it("reads days, hours and minutes", () => {
    expect(durationSeconds("P3D")).toBe(3 * DAY);
    expect(durationSeconds("PT48H")).toBe(2 * DAY);
    expect(durationSeconds("P1DT12H")).toBe(1.5 * DAY);
    expect(durationSeconds("PT30M")).toBe(1800);
    expect(() => durationSeconds("3 days")).toThrow();
  });
});

const NOW = new Date("2026-03-01T12:00:00.000Z");

function row(o: Partial<OrderRow> = {}): OrderRow {
  return {
    ...newOrderRow({
      id: "ord_1",
      buyer_id: "usr_buyer",
      seller_id: "usr_seller",
      gig_id: "gig_1",
      gig_title: "A gig",
      tier: "basic",
      package: {
        name: "Basic",
        description: "",
        features: [],
        price: { amount: 5000, currency: "USD" },
        deliveryDays: 3,
        revisions: 1,
      },
      extras: [],
      quantity: 1,
      currency: "USD",
      subtotal: 5000,
      service_fee: 575,
      total: 5575,
      commission: 1000,
      seller_earnings: 4000,
      delivery_days: 3,
      revisions_allowed: 1,
      status: "in_progress",
      requirements: [],
      payment_method: "card",
      charge_id: null,
      licence_kind: "personal",
      licence_price: 0,
      protect_deliveries: false,
      created_at: NOW,
      rules: null,
    }),
    ...o,
  };
}

describe("roleOf", () => {
  const order = row();
  it("names the participants, lets admins act as admins, and hides the order from strangers", () => {
    expect(roleOf(order, { id: "usr_buyer", roles: ["member"] }, ["buyer"])).toBe("buyer");
    expect(roleOf(order, { id: "usr_seller", roles: ["member"] }, ["buyer"])).toBe("seller");
    expect(roleOf(order, { id: "usr_x", roles: ["member"] }, ["buyer", "seller"])).toBeNull();
    expect(roleOf(order, { id: "usr_x", roles: ["member", "admin"] }, ["buyer", "seller"])).toBe("admin");
    // An admin who bought the order still resolves disputes as an admin, and acts as the buyer otherwise.
    expect(roleOf(order, { id: "usr_buyer", roles: ["admin"] }, ["admin"])).toBe("admin");
    expect(roleOf(order, { id: "usr_buyer", roles: ["admin"] }, ["buyer"])).toBe("buyer");
  });
});

describe("availableActions", () => {
  const config = defaultOrdersConfig();
  const due = new Date(NOW.getTime() - 2 * DAY * 1000);

  it("offers the buyer of a delivery accept, a revision while any is left, cancellation and dispute", () => {
    const delivered = row({ status: "delivered" });
    expect(availableActions(delivered, "buyer", [], "usr_buyer", NOW, config).sort()).toEqual(
      ["accept", "open_dispute", "request_cancellation", "request_revision"].sort(),
    );
    const used = row({ status: "delivered", revisions_used: 1 });
    expect(availableActions(used, "buyer", [], "usr_buyer", NOW, config)).not.toContain("request_revision");
    const unlimited = row({ status: "delivered", revisions_allowed: null, revisions_used: 9 });
    expect(availableActions(unlimited, "buyer", [], "usr_buyer", NOW, config)).toContain("request_revision");
  });

  it("offers the late cancel only from 24 hours past the due time", () => {
    const late = row({ due_at: due });
    expect(availableActions(late, "buyer", [], "usr_buyer", NOW, config)).toContain("late_cancel");
    const barely = row({ due_at: new Date(NOW.getTime() - (DAY - 1) * 1000) });
    expect(availableActions(barely, "buyer", [], "usr_buyer", NOW, config)).not.toContain("late_cancel");
  });

  it("counts lateness of an order in milestones from the milestone in progress, not the plan", () => {
    const dayMs = DAY * 1000;
    // The plan is due in 5 days; the milestone in progress was due a day and a second ago.
    const order = row({ milestone_count: 2, due_at: new Date(NOW.getTime() + 5 * dayMs) });
    const current = { status: "in_progress" as const, due_at: new Date(NOW.getTime() - dayMs - 1000) };
    const done = { status: "completed" as const, due_at: new Date(NOW.getTime() - 9 * dayMs) };
    expect(lateDueAt(order, [done, current])).toEqual(current.due_at);
    expect(availableActions(order, "buyer", [], "usr_buyer", NOW, config, [done, current])).toContain(
      "late_cancel",
    );
    const barely = { ...current, due_at: new Date(NOW.getTime() - dayMs + 1000) };
    expect(availableActions(order, "buyer", [], "usr_buyer", NOW, config, [done, barely])).not.toContain(
      "late_cancel",
    );
    // Delivered and waiting for the buyer: not late, however old its due time.
    const delivered = { ...current, status: "delivered" as const };
    expect(lateDueAt(order, [done, delivered])).toBeNull();
    expect(availableActions(order, "buyer", [], "usr_buyer", NOW, config, [delivered])).not.toContain(
      "late_cancel",
    );
  });

  it("lets only the other party answer a pending request", () => {
    const pending = [
      { kind: "cancellation" as const, status: "pending" as const, requested_by: "usr_buyer" },
    ];
    const order = row();
    const buyer = availableActions(order, "buyer", pending, "usr_buyer", NOW, config);
    const seller = availableActions(order, "seller", pending, "usr_seller", NOW, config);
    expect(buyer).not.toContain("accept_cancellation");
    expect(buyer).not.toContain("request_cancellation");
    expect(seller).toEqual(expect.arrayContaining(["accept_cancellation", "decline_cancellation"]));
  });

  it("offers a tip on completed orders only, and nothing else there", () => {
    expect(availableActions(row({ status: "completed" }), "buyer", [], "usr_buyer", NOW, config)).toEqual([
      "tip",
    ]);
    expect(availableActions(row({ status: "cancelled" }), "buyer", [], "usr_buyer", NOW, config)).toEqual([]);
    expect(availableActions(row({ status: "completed" }), "seller", [], "usr_seller", NOW, config)).toEqual(
      [],
    );
  });

  it("offers an admin the resolutions of a dispute", () => {
    expect(availableActions(row({ status: "disputed" }), "admin", [], "", NOW, config).sort()).toEqual([
      "admin_cancel",
      "resolve_cancel",
      "resolve_complete",
      "resolve_split",
    ]);
  });

  it("offers only transitions the table allows (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATUSES),
        fc.constantFrom("buyer", "seller", "admin" as const),
        (status, role) => {
          const actions = availableActions(row({ status, due_at: due }), role, [], "usr_buyer", NOW, config);
          for (const a of actions) {
            if (a === "tip") expect(status).toBe("completed");
            else expect(isTransition(a) && allowed(a, role, status)).toBe(true);
          }
          if (OPEN_STATUSES.includes(status) && role !== "admin") expect(actions).toContain("open_dispute");
        },
      ),
    );
  });
});

describe("the milestone table", () => {
  const names = MILESTONE_TRANSITION_NAMES;
  const MONEY = ["release_milestone", "refund_milestone"];

  it("names valid statuses and order statuses, actors and a description for every row", () => {
    for (const name of names) {
      const t = milestoneTransition(name);
      expect(t.actors.length, name).toBeGreaterThan(0);
      for (const s of t.from) expect(MILESTONE_STATUSES, name).toContain(s);
      expect(MILESTONE_STATUSES, name).toContain(t.to);
      for (const s of t.orderFrom) expect(STATUSES, name).toContain(s);
      expect(t.description.length, name).toBeGreaterThan(10);
      // Only the system takes timed rows; people take theirs by a route.
      if (t.timer) expect(t.actors, name).toEqual(["system"]);
      expect(t.route !== undefined, name).toBe(!t.actors.includes("system"));
      expect(t.effects.includes("schedule_milestone_timer"), name).toBe(t.schedules !== undefined);
      if (t.timer) expect(durationSeconds(t.timer.after)).toBe(defaultOrdersConfig()[t.timer.setting]);
    }
  });

  it("moves a milestone's money exactly when it completes or is cancelled, and never out of those", () => {
    for (const name of names) {
      const t = milestoneTransition(name);
      const moves = t.effects.filter((e) => MONEY.includes(e));
      const final = t.to === "completed" || t.to === "cancelled";
      // A split ends the held milestones without a money move of their own: the order's one
      // `split_escrow` entry moves what they held (resolve_split, the only row that takes `split`).
      const closedBySplit = t.effects.includes("close_milestone");
      expect(moves, name).toEqual(
        t.to === "completed"
          ? ["release_milestone"]
          : t.to === "cancelled" && !closedBySplit
            ? ["refund_milestone"]
            : [],
      );
      if (closedBySplit) {
        expect([name, t.to, t.orderFrom], name).toEqual(["split", "cancelled", ["disputed"]]);
        expect(transition("resolve_split").effects).toContain("split_escrow");
      }
      if (t.to === "completed") expect(t.effects, name).toContain("schedule_milestone_clearing");
      expect(final || moves.length === 0, name).toBe(true);
      expect(
        t.from.some((s) => s === "completed" || s === "cancelled"),
        name,
      ).toBe(false);
    }
  });

  it("reaches every milestone status from pending, and freezes milestones outside an order in progress", () => {
    const seen = new Set<string>(["pending"]);
    for (let changed = true; changed;) {
      changed = false;
      for (const name of names) {
        const t = milestoneTransition(name);
        if (!seen.has(t.to) && t.from.some((s) => seen.has(s))) {
          seen.add(t.to);
          changed = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...MILESTONE_STATUSES].sort());
    for (const name of names) {
      const t = milestoneTransition(name);
      if (!t.actors.includes("system")) expect(t.orderFrom, name).toEqual(["in_progress"]);
    }
  });

  it("ties the order's rows to the plan of the order they are for", () => {
    const plans = TRANSITION_NAMES.map((n) => [n, (transition(n) as { plan?: string }).plan ?? "both"]);
    expect(plans.filter(([, p]) => p === "milestones").map(([n]) => n)).toEqual([
      "start_milestones",
      "complete_milestones",
    ]);
    for (const n of ["deliver", "accept", "request_revision", "auto_complete"] as const)
      expect(transition(n).plan, n).toBe("single");
    // A dispute's decisions and the late cancel are for both kinds of order.
    for (const n of ["resolve_complete", "resolve_cancel", "resolve_split", "late_cancel"] as const)
      expect(transition(n).plan, n).toBeUndefined();
  });
});
