import type { Gig } from "@atelier/contracts";
import { Link } from "@tanstack/react-router";
import { Avatar } from "../../components/Avatar";
import { SellerLevelBadge } from "../../components/SellerLevelBadge";
import { formatCount } from "../../lib/format";
import { RatingInline } from "./RatingInline";

export function SellerLine({ gig }: { gig: Gig }) {
  const { seller } = gig;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <Link
        to="/users/$username"
        params={{ username: seller.username }}
        className="flex items-center gap-2.5 rounded-full font-medium text-stone-900 hover:text-brand-800"
      >
        <Avatar name={seller.displayName} />
        {seller.displayName}
      </Link>
      {seller.level ? <SellerLevelBadge level={seller.level} /> : null}
      <RatingInline average={gig.rating.average} count={gig.rating.count} />
      {gig.ordersCompleted > 0 ? (
        <span className="text-sm text-stone-600">
          {formatCount(gig.ordersCompleted, "order completed", "orders completed")}
        </span>
      ) : null}
    </div>
  );
}
