import { currentRules } from "../../../platform/settings";
import { forbidden, invalidTransition, notFound, validationFailed } from "../../../platform/errors";
import { money } from "../../../platform/money";
import type { OrdersDeps } from "../orders.deps";
import { roleOf, type Viewer } from "../orders.models";
import { breakdown } from "../orders.pricing";
import { createOrdersRepository } from "../orders.repository";

/**
 * What a tip of `amount` costs on this order, and who may give it: the buyer of a completed order,
 * 1.00 to 1,000.00 in the order's currency. The quote and the payment both price through here.
 */
export async function tipPrice(
  deps: Pick<OrdersDeps, "db" | "config" | "state">,
  p: { orderId: string; viewer: Viewer; amount: { amount: number; currency: string } },
) {
  const order = await createOrdersRepository(deps.db).findOrder(p.orderId);
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
  // A tip is a new payment: it is priced, and later cleared, under the rules in force now.
  const rules = await currentRules(deps);
  return { order, rules, price: breakdown(money(p.amount.amount, order.currency), rules.fees) };
}

/** The buyer's cost of a tip before paying it: the amount, the service fee on it and the total. */
export async function quoteTip(
  deps: Pick<OrdersDeps, "db" | "config" | "state">,
  p: { orderId: string; viewer: Viewer; amount: { amount: number; currency: string } },
) {
  const { price } = await tipPrice(deps, p);
  return { amount: price.subtotal, serviceFee: price.serviceFee, total: price.total };
}
