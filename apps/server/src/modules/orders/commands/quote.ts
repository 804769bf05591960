import { LICENCE_KINDS, type LicenceKind, type QuoteBody } from "@atelier/contracts";
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
 * The licence an order buys: the one asked for if the gig offers it (else a 422), or the cheapest
 * offered. A gig that never listed licences offers `personal` at 0.
 */
export function licenceFor(gig: GigForOrder, asked: LicenceKind | undefined) {
  const offered =
    gig.licences.length > 0
      ? [...gig.licences].sort(
          (a, b) =>
            a.price.amount - b.price.amount || LICENCE_KINDS.indexOf(a.kind) - LICENCE_KINDS.indexOf(b.kind),
        )
      : [{ kind: "personal" as const, price: { amount: 0, currency: gig.currency } }];
  const chosen = asked === undefined ? offered[0] : offered.find((l) => l.kind === asked);
  if (!chosen)
    throw validationFailed([{ path: "licence", message: `this gig does not offer the ${asked} licence` }]);
  return { kind: chosen.kind, price: money(chosen.price.amount, gig.currency) };
}

/**
 * The package, extras, licence and price of `body` on `gig`, or a 422 naming the tier, extra or
 * licence it lacks. The licence's price is added to each unit, like the package's (PRODUCT.md:
 * "each may cost extra"); it is part of the subtotal, so fees and commission apply to it. `fees`:
 * the marketplace's rates now (admin settings).
 */
export function priceFor(fees: FeeConfig, gig: GigForOrder, body: QuoteBody) {
  const pkg = gig.packages.find((p) => p.tier === body.tier);
  if (!pkg) throw validationFailed([{ path: "tier", message: `this gig has no ${body.tier} package` }]);
  const licence = licenceFor(gig, body.licence);
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
    { price: money(pkg.price.amount + licence.price.amount, gig.currency), deliveryDays: pkg.deliveryDays },
    extras.map((e) => ({ price: money(e.price.amount, gig.currency), additionalDays: e.additionalDays })),
    body.quantity,
    fees,
  );
  return { pkg, extras, price, licence };
}

/** The price of an order, computed on the server from the gig's current packages and extras. */
export async function quote(deps: Pick<OrdersDeps, "config" | "state">, { body }: { body: QuoteBody }) {
  const [gig, rules] = await Promise.all([orderableGig(deps, body.gigId), currentRules(deps)]);
  const { price, licence } = priceFor(rules.fees, gig, body);
  return {
    licence,
    subtotal: price.subtotal,
    serviceFee: price.serviceFee,
    total: price.total,
    deliveryDays: price.deliveryDays,
    sellerEarnings: price.sellerEarnings,
  };
}
