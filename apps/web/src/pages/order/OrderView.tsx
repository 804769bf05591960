import type { Order } from "@atelier/contracts";
import { DeliveriesSection } from "../../components/order/DeliveriesSection";
import { OrderDocuments } from "../../components/order/OrderDocuments";
import { MilestonesSection } from "../../components/order/MilestonesSection";
import { OrderReviews } from "../../components/order/OrderReviews";
import { OrderTimeline } from "../../components/order/OrderTimeline";
import { RequirementsSection } from "../../components/order/RequirementsSection";
import { ResolutionPanel } from "../../components/order/ResolutionPanel";
import { TipForm } from "../../components/order/TipForm";
import { KeyDates } from "./KeyDates";
import { MoreActions } from "./MoreActions";
import { NextStep } from "./NextStep";
import { OrderHeader } from "./OrderHeader";
import { OrderSummary } from "./OrderSummary";

export function OrderView({ order }: { order: Order }) {
  const canTip = order.actions.includes("tip");
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-12">
      <OrderHeader order={order} />
      <div className="mt-8 grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start lg:gap-8">
        <div className="min-w-0 space-y-6">
          {/* A dispute's decision replaces the usual next step: each side reads what it got and the admin's note. */}
          <ResolutionPanel order={order} />
          {order.resolution && order.viewerRole !== "admin" ? null : <NextStep order={order} />}
          <MilestonesSection order={order} />
          {/* An order paid in milestones starts at payment: its scope was agreed in the conversation. */}
          {order.milestones.length > 0 ? null : <RequirementsSection order={order} />}
          <DeliveriesSection order={order} />
          <OrderReviews order={order} />
          <OrderTimeline order={order} />
        </div>
        <aside className="space-y-6" aria-label="Order details">
          <OrderSummary order={order} />
          <KeyDates order={order} />
          <OrderDocuments order={order} />
          {canTip ? (
            <div className="rounded-2xl border border-stone-200 bg-white p-5">
              <TipForm order={order} />
            </div>
          ) : null}
          <MoreActions order={order} />
        </aside>
      </div>
    </div>
  );
}
