import type { Offer } from "@atelier/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useRef, useState } from "react";
import { Button } from "../../components/Button";
import { FormAlert } from "../../components/FormAlert";
import { describeError } from "../../lib/api";
import { formatDateTime, formatMoney } from "../../lib/format";
import { LICENCE_LABELS } from "../../lib/licences";
import {
  declineOffer,
  negotiationKeys,
  offerQueryOptions,
  payOffer,
  withdrawOffer,
} from "../../lib/negotiation";
import { orderKeys, PaymentAttempt } from "../../lib/orders";
import { TEST_CARDS } from "../checkout/checkoutHelpers";

const STATUS_TEXT: Record<Offer["status"], string> = {
  open: "Open",
  accepted: "Accepted",
  withdrawn: "Withdrawn",
  declined: "Declined",
  expired: "Expired",
};

/** A custom offer as a card in the thread: terms, the all-in price, and the viewer's actions. */
export function OfferCard({ offerId, viewer }: { offerId: string; viewer: string }) {
  const offer = useQuery(offerQueryOptions(offerId));
  if (offer.isPending) return <p className="text-sm text-stone-600">Loading the offer…</p>;
  if (offer.isError) return <p className="text-sm text-red-700">This offer couldn’t load.</p>;
  return <OfferTerms offer={offer.data} buyer={offer.data.buyer.username === viewer} />;
}

export function OfferTerms({ offer, buyer }: { offer: Offer; buyer: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [token, setToken] = useState<string>(TEST_CARDS[0].token);
  const [error, setError] = useState<string | null>(null);
  const attempt = useRef(new PaymentAttempt());

  const refresh = (updated: Offer) => {
    queryClient.setQueryData(negotiationKeys.offer(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: negotiationKeys.briefs });
  };
  const close = useMutation({
    mutationFn: () => (buyer ? declineOffer(offer.id) : withdrawOffer(offer.id)),
    onMutate: () => setError(null),
    onSuccess: refresh,
    onError: (e) => setError(describeError(e)),
  });
  const pay = useMutation({
    mutationFn: () => payOffer(offer.id, token, attempt.current.keyFor({ offerId: offer.id, token })),
    onMutate: () => setError(null),
    onSuccess: async (order) => {
      attempt.current.settle(null);
      void queryClient.invalidateQueries({ queryKey: negotiationKeys.offer(offer.id) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
      await navigate({ to: "/orders/$orderId", params: { orderId: order.id } });
    },
    onError: (e) => {
      attempt.current.settle(e);
      setError(describeError(e));
    },
  });

  const open = offer.status === "open";
  return (
    <article
      aria-label={`Custom offer: ${offer.title}`}
      className="w-full max-w-md rounded-2xl border border-stone-200 bg-white p-4 text-stone-900 shadow-xs"
    >
      <p className="text-xs font-semibold tracking-wide text-brand-800 uppercase">
        Custom offer · {STATUS_TEXT[offer.status]}
      </p>
      <h3 className="mt-1 text-base font-semibold">{offer.title}</h3>
      <p className="mt-1 text-sm whitespace-pre-wrap text-stone-700">{offer.description}</p>
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        <dt className="text-stone-600">{buyer ? "You pay (all-in)" : "Price"}</dt>
        <dd className="font-semibold">{formatMoney(buyer ? offer.total : offer.price)}</dd>
        {buyer ? (
          <>
            <dt className="text-stone-600">Includes service fee</dt>
            <dd>{formatMoney(offer.serviceFee)}</dd>
          </>
        ) : null}
        <dt className="text-stone-600">Delivery</dt>
        <dd>{offer.deliveryDays === 1 ? "1 day" : `${offer.deliveryDays} days`}</dd>
        <dt className="text-stone-600">Revisions</dt>
        <dd>{offer.revisions === null ? "Unlimited" : offer.revisions}</dd>
        <dt className="text-stone-600">Licence</dt>
        <dd>{LICENCE_LABELS[offer.licence]}</dd>
        {open ? (
          <>
            <dt className="text-stone-600">Expires</dt>
            <dd>{formatDateTime(offer.expiresAt)}</dd>
          </>
        ) : null}
      </dl>
      {offer.milestones.length > 0 ? (
        <div className="mt-3">
          <p className="text-sm font-medium text-stone-800">
            Paid in {offer.milestones.length} milestones, one at a time
          </p>
          <ol className="mt-1 space-y-1 text-sm" aria-label="Milestones">
            {offer.milestones.map((m, i) => (
              <li key={i} className="flex justify-between gap-3">
                <span>
                  {i + 1}. {m.title} · {m.deliveryDays === 1 ? "1 day" : `${m.deliveryDays} days`}
                </span>
                <span className="tabular-nums">{formatMoney(m.price)}</span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {error ? (
        <div className="mt-3">
          <FormAlert>{error}</FormAlert>
        </div>
      ) : null}
      {open && buyer ? (
        <div className="mt-4 space-y-3">
          <label className="block text-sm">
            <span className="font-medium text-stone-800">Test card</span>
            <select
              className="mt-1 block w-full rounded-xl border border-stone-300 px-3 py-2"
              value={token}
              onChange={(e) => setToken(e.target.value)}
            >
              {TEST_CARDS.map((card) => (
                <option key={card.token} value={card.token}>
                  {card.label} — {card.outcome}
                </option>
              ))}
            </select>
          </label>
          <div className="flex flex-wrap gap-2">
            <Button loading={pay.isPending} onClick={() => pay.mutate()}>
              Accept and pay {formatMoney(offer.total)}
            </Button>
            <Button variant="secondary" loading={close.isPending} onClick={() => close.mutate()}>
              Decline
            </Button>
          </div>
        </div>
      ) : null}
      {open && !buyer ? (
        <div className="mt-4">
          <Button variant="secondary" loading={close.isPending} onClick={() => close.mutate()}>
            Withdraw offer
          </Button>
        </div>
      ) : null}
    </article>
  );
}
