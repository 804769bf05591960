import type { Order } from "@atelier/contracts";
import { ShieldIcon } from "../../components/icons";
import { formatDate, formatMoney } from "../../lib/format";
import { TIER_LABELS } from "../../lib/orders";
import { Row } from "./Row";
import { LICENCE_LABELS, LICENCE_STATUS_LABELS } from "../../lib/licences";

export function OrderSummary({ order }: { order: Order }) {
  const selling = order.viewerRole === "seller";
  return (
    <section aria-labelledby="summary-title" className="rounded-2xl border border-stone-200 bg-white p-5">
      <h2 id="summary-title" className="font-semibold text-stone-900">
        Summary
      </h2>
      <p className="mt-3 text-sm text-stone-600">{TIER_LABELS[order.tier]} package</p>
      <p className="font-medium text-stone-900">
        {order.package.name}
        {order.quantity > 1 ? ` × ${order.quantity}` : ""}
      </p>
      {order.package.features.length > 0 ? (
        <ul className="mt-2 list-inside list-disc text-sm text-stone-700">
          {order.package.features.map((feature) => (
            <li key={feature}>{feature}</li>
          ))}
        </ul>
      ) : null}
      <p className="mt-3 text-sm text-stone-600">Licence</p>
      <p className="text-sm text-stone-900" data-testid="order-licence">
        <span className="font-medium">{LICENCE_LABELS[order.licence.kind]}</span> ·{" "}
        {LICENCE_STATUS_LABELS[order.licence.status]}
      </p>
      {order.protectDeliveries && order.status !== "completed" ? (
        <p className="mt-1 text-xs text-stone-600">
          Delivered images reach the buyer as watermarked previews until the order completes.
        </p>
      ) : null}
      {order.extras.length > 0 ? (
        <>
          <p className="mt-3 text-sm text-stone-600">Extras</p>
          <ul className="text-sm text-stone-800">
            {order.extras.map((extra) => (
              <li key={extra.id} className="flex justify-between gap-3">
                <span>{extra.title}</span>
                <span>{formatMoney(extra.price)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <dl className="mt-4 space-y-1.5 border-t border-stone-100 pt-4 text-sm">
        <Row label="Subtotal" value={formatMoney(order.price.subtotal)} />
        {selling ? (
          <Row
            label="Your earnings (after commission)"
            value={formatMoney(order.price.sellerEarnings)}
            strong
          />
        ) : (
          <>
            <Row label="Service fee" value={formatMoney(order.price.serviceFee)} />
            <Row label="Total paid" value={formatMoney(order.price.total)} strong />
          </>
        )}
        <Row
          label="Revisions left"
          value={order.revisionsLeft === null ? "Unlimited" : String(order.revisionsLeft)}
        />
      </dl>
      {order.tips.length > 0 ? (
        <div className="mt-4 border-t border-stone-100 pt-4 text-sm">
          <p className="text-stone-600">Tips</p>
          <ul>
            {order.tips.map((tip) => (
              <li key={tip.id} className="text-stone-800">
                <div className="flex justify-between gap-3">
                  <time dateTime={tip.createdAt}>{formatDate(tip.createdAt)}</time>
                  <span>{formatMoney(tip.amount)}</span>
                </div>
                {/* The buyer paid the tip's service fee on top: shown, as the checkout shows an order's. */}
                {order.viewerRole === "buyer" ? (
                  <p className="text-stone-600">
                    + {formatMoney(tip.serviceFee)} service fee = {formatMoney(tip.total)} paid
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {order.viewerRole === "buyer" &&
      (order.status === "in_progress" ||
        order.status === "awaiting_requirements" ||
        order.status === "delivered") ? (
        <p className="mt-4 flex gap-2 text-sm text-brand-900">
          <ShieldIcon className="size-5 shrink-0 text-brand-700" />
          Your payment is held in escrow until you accept the delivery.
        </p>
      ) : null}
    </section>
  );
}
