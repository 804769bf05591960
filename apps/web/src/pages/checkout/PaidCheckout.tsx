import { type Gig, type Order } from "@atelier/contracts";
import { ButtonLink } from "../../components/Button";
import { CheckIcon } from "../../components/icons";
import { formatDate, formatMoney } from "../../lib/format";
import { TIER_LABELS } from "../../lib/orders";
import { CheckoutHeader } from "./CheckoutHeader";

export function PaidCheckout({ gig, order }: { gig: Gig; order: Order }) {
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-12">
      <CheckoutHeader gig={gig} />
      <div role="status" className="mt-8 rounded-2xl border border-brand-200 bg-brand-50 p-5 sm:p-6">
        <p className="flex items-center gap-2 font-display text-xl font-semibold text-brand-900">
          <CheckIcon className="size-6 shrink-0" aria-hidden="true" />
          Already paid
        </p>
        <p className="mt-2 text-brand-900">
          You paid {formatMoney(order.price.total)} for “{order.gig.title}” ({TIER_LABELS[order.tier]}) on{" "}
          {formatDate(order.createdAt)}. This checkout is closed, so you won’t be charged again.
        </p>
        <div className="mt-4 flex flex-wrap gap-3">
          <ButtonLink to="/orders/$orderId" params={{ orderId: order.id }}>
            View your order
          </ButtonLink>
          <ButtonLink
            to="/checkout/$gigId"
            params={{ gigId: gig.id }}
            search={{ tier: order.tier }}
            variant="ghost"
          >
            Order this service again
          </ButtonLink>
        </div>
      </div>
    </div>
  );
}
