import type { QuoteBody } from "@atelier/contracts";
import { notFound, validationFailed } from "../../../platform/errors";
import { money } from "../../../platform/money";
import type { OrdersDeps } from "../orders.deps";
import { currentRules } from "../../../platform/settings";
import { priceOrder, type FeeConfig } from "../orders.pricing";
import type { GigForOrder } from "../orders.rows";
import { loadGig } from "./checkout.batch";

/** The gig an order is placed on, if it can be ordered: active, its seller not suspended. */
export async function orderableGig(deps: Pick<OrdersDeps, "state">, gigId: string): Promise<GigForOrder> {
  const gig = await loadGig(deps, gigId);
  if (!gig || gig.status !== "active" || gig.seller_suspended) throw notFound("gig");
  return gig;
}

/**
 * The package, extras and price of `body` on `gig` under the fee rates `fees` (the marketplace's rules
 * now), or a 422 naming the tier or extra it lacks.
 */
export function priceFor(fees: FeeConfig, gig: GigForOrder, body: QuoteBody) {
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
    fees,
  );
  return { pkg, extras, price };
}

/** The price of an order, computed on the server from the gig's current packages and extras. */
export async function quote(deps: Pick<OrdersDeps, "config" | "state">, { body }: { body: QuoteBody }) {
  const [gig, rules] = await Promise.all([orderableGig(deps, body.gigId), currentRules(deps)]);
  const { price } = priceFor(rules.fees, gig, body);
  return {
    subtotal: price.subtotal,
    serviceFee: price.serviceFee,
    total: price.total,
    deliveryDays: price.deliveryDays,
    sellerEarnings: price.sellerEarnings,
  };
}
